/**
 * Wraps a sentence at spaces so each line is at most `width` columns, the first line starting
 * with `firstPrefix` and the others with `restPrefix` (a hanging indent). A word longer than a
 * line (a long path) is left whole on its own line rather than cut.
 */
export function wrapText(text: string, width: number, firstPrefix = '', restPrefix = firstPrefix): string[] {
  const lines: string[] = [];
  let line = firstPrefix;
  let lineHasWord = false;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = lineHasWord ? `${line} ${word}` : `${line}${word}`;
    if (lineHasWord && candidate.length > width) {
      lines.push(line);
      line = `${restPrefix}${word}`;
    } else {
      line = candidate;
    }
    lineHasWord = true;
  }
  if (lineHasWord) lines.push(line);
  return lines;
}
