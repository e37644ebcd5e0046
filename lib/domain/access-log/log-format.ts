/**
 * An nginx `log_format` string, parsed into literal text and variables. Accepts what people paste:
 * the bare format (`$remote_addr - $remote_user …`), the quoted parts of nginx.conf
 * (`'$remote_addr - ' '$status …'`), or the whole directive
 * (`log_format main escape=json '…' '…';`).
 */

export type LogFormatSegment = { kind: 'literal'; text: string } | { kind: 'variable'; name: string };

/** How nginx escaped the values: `\xHH` by default, JSON string escapes, or not at all. */
export type LogEscape = 'default' | 'json' | 'none';

export type LogFormat = { segments: LogFormatSegment[]; escape: LogEscape };

export class LogFormatError extends Error {}

const DIRECTIVE = /^log_format\s+\S+\s*/;
const ESCAPE_OPTION = /^escape=(default|json|none)\s*/;
const VARIABLE = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;

/** The format's text with nginx.conf quoting removed, and the escape= option if the directive had one. */
function unquoteDirective(input: string): { text: string; escape: LogEscape } {
  let rest = input.trim();
  let escape: LogEscape = 'default';
  const directive = DIRECTIVE.test(rest);
  if (directive) rest = rest.replace(DIRECTIVE, '');
  // The option is honoured without the directive's name too (`escape=json '{…}'`, copied from the middle of it).
  const option = ESCAPE_OPTION.exec(rest);
  if (option) {
    escape = option[1] as LogEscape;
    rest = rest.slice(option[0].length);
  }
  if (directive || option) rest = rest.replace(/;\s*$/, '');
  if (!rest.startsWith("'") && !rest.startsWith('"')) return { text: rest, escape };
  // One or more quoted parts, concatenated as nginx does; a backslash escapes the next character.
  let text = '';
  let index = 0;
  while (index < rest.length) {
    while (/\s/.test(rest[index] ?? '')) index++;
    if (index >= rest.length) break;
    const quote = rest[index];
    if (quote !== "'" && quote !== '"') throw new LogFormatError(`unexpected text after a quoted part: ${rest.slice(index, index + 20)}`);
    index++;
    let closed = false;
    while (index < rest.length) {
      const char = rest[index]!;
      if (char === '\\' && index + 1 < rest.length) {
        text += rest[index + 1];
        index += 2;
      } else if (char === quote) {
        index++;
        closed = true;
        break;
      } else {
        text += char;
        index++;
      }
    }
    if (!closed) throw new LogFormatError('a quoted part of the log_format is not closed');
  }
  return { text, escape };
}

/** Parses a log_format; throws LogFormatError when it has no variable or adjacent variables nothing separates. */
export function parseLogFormat(input: string, escape?: LogEscape): LogFormat {
  const unquoted = unquoteDirective(input);
  const segments: LogFormatSegment[] = [];
  let last = 0;
  for (const match of unquoted.text.matchAll(VARIABLE)) {
    if (match.index > last) segments.push({ kind: 'literal', text: unquoted.text.slice(last, match.index) });
    segments.push({ kind: 'variable', name: (match[1] ?? match[2])!.toLowerCase() });
    last = match.index + match[0].length;
  }
  if (last < unquoted.text.length) segments.push({ kind: 'literal', text: unquoted.text.slice(last) });
  if (!segments.some((segment) => segment.kind === 'variable')) {
    throw new LogFormatError('the log_format has no $variable');
  }
  return { segments, escape: escape ?? unquoted.escape };
}

/** The variables a format writes, in order, each once. */
export function formatVariables(format: LogFormat): string[] {
  const names: string[] = [];
  for (const segment of format.segments) {
    if (segment.kind === 'variable' && !names.includes(segment.name)) names.push(segment.name);
  }
  return names;
}
