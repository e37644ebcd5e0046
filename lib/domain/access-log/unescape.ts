import type { LogEscape } from './log-format';

const HEX_ESCAPE = /\\x([0-9A-Fa-f]{2})/g;
const utf8 = new TextDecoder('utf-8');

/**
 * Undoes nginx's escaping of a logged value. By default nginx writes `"`, `\` and bytes outside
 * printable ASCII as `\xHH` (so a multi-byte UTF-8 character becomes several escapes, decoded here
 * together); `escape=json` writes JSON string escapes; `escape=none` writes the bytes as they are.
 */
export function unescapeNginxValue(value: string, escape: LogEscape): string {
  if (escape === 'none' || !value.includes('\\')) return value;
  if (escape === 'json') {
    try {
      return JSON.parse(`"${value}"`) as string;
    } catch {
      return value;
    }
  }
  if (!/\\x[0-9A-Fa-f]{2}/.test(value)) return value;
  const bytes: number[] = [];
  let last = 0;
  const pushText = (text: string) => {
    for (const byte of Buffer.from(text, 'utf8')) bytes.push(byte);
  };
  for (const match of value.matchAll(HEX_ESCAPE)) {
    pushText(value.slice(last, match.index));
    bytes.push(parseInt(match[1]!, 16));
    last = match.index + match[0].length;
  }
  pushText(value.slice(last));
  return utf8.decode(new Uint8Array(bytes));
}
