import { parseJsonObjectLine } from './json-object-line';
import { unescapeNginxValue } from './unescape';

/**
 * nginx writes JSON lines from a template, and two common templates write lines that are not
 * always JSON, exactly on the interesting requests:
 * - variables left unquoted (`"upstream_connect_time":$upstream_connect_time`): the line is JSON
 *   only while the value is one number; `-` (no upstream was tried), `0.001, 0.002` (a retry),
 *   `0.001 : 0.002` (an internal redirect) or `10.0.0.1:80` make it invalid. A bare value is the
 *   text from after a key's colon to the comma that starts the next key or to the closing brace;
 * - no `escape=json`: nginx's default escaping writes `"`, `\` and bytes outside printable ASCII
 *   as `\xHH`, which JSON does not know.
 */

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const JSON_LITERAL = /^(?:true|false|null)$/;
/**
 * What nginx can print unquoted: no quote, backslash or control character (escape=json would have
 * written them escaped inside quotes), no bracket, and no comma but between two items.
 */
const PRINTABLE_BARE = /^(?:[^"\\\u0000-\u001f,[\]{}]+(?:,\s*[^"\\\u0000-\u001f,[\]{}\s][^"\\\u0000-\u001f,[\]{}]*)*)?$/;

const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

const NGINX_HEX_ESCAPE = /\\x[0-9A-Fa-f]{2}/;

/** A string's JSON text, written again when nginx's default escaping made it invalid JSON; null when it is invalid otherwise. */
function repairedString(text: string): string | null {
  if (!text.includes('\\')) return text;
  try {
    JSON.parse(text);
    return text;
  } catch {
    if (!NGINX_HEX_ESCAPE.test(text)) return null;
    return JSON.stringify(unescapeNginxValue(text.slice(1, -1), 'default'));
  }
}

/** Where a JSON string starting at `at` (its opening quote) ends: the index after its closing quote, or -1. */
function stringEnd(line: string, at: number): number {
  let index = at + 1;
  for (;;) {
    const quote = line.indexOf('"', index);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let back = quote - 1; back > at && line.charCodeAt(back) === 0x5c; back--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    index = quote + 1;
  }
}

/** Where a bare value starting at `at` ends: the comma before the next key, or the closing brace. -1 when a quote comes first. */
function bareValueEnd(line: string, at: number): number {
  for (let index = at; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === 0x7d /* } */) return index;
    if (code === 0x22 /* " */) return -1;
    if (code === 0x2c /* , */) {
      let next = index + 1;
      while (next < line.length && isSpace(line.charCodeAt(next))) next++;
      if (line.charCodeAt(next) === 0x22) return index;
    }
  }
  return -1;
}

/**
 * The line with every bare value that is not JSON (numbers, true, false and null stay as they are)
 * written as a JSON string of its text, trailing spaces aside (the text path reads the same
 * variables from the same text), and every string holding nginx's `\xHH` escapes written with
 * JSON's. Returns the line itself when nothing needs it, and null when a value cannot be told
 * apart (a quote inside a bare value, no end). Bare values inside arrays are left alone.
 */
export function repairNginxJson(line: string): string | null {
  let out = '';
  let copiedUpTo = 0;
  const replace = (from: number, to: number, text: string) => {
    out += `${line.slice(copiedUpTo, from)}${text}`;
    copiedUpTo = to;
  };
  let index = 0;
  while (index < line.length) {
    const code = line.charCodeAt(index);
    if (code === 0x22) {
      const end = stringEnd(line, index);
      if (end < 0) return null;
      const text = line.slice(index, end);
      const repaired = repairedString(text);
      if (repaired === null) return null;
      if (repaired !== text) replace(index, end, repaired);
      index = end;
      continue;
    }
    if (code !== 0x3a /* : */) {
      index++;
      continue;
    }
    let start = index + 1;
    while (start < line.length && isSpace(line.charCodeAt(start))) start++;
    const first = line[start];
    if (first === '"' || first === '{' || first === '[') {
      index = start;
      continue;
    }
    const end = bareValueEnd(line, start);
    if (end < 0) return null;
    const text = line.slice(start, end).trimEnd();
    if (!JSON_NUMBER.test(text) && !JSON_LITERAL.test(text)) {
      if (!PRINTABLE_BARE.test(text)) return null;
      replace(start, start + text.length, JSON.stringify(text));
    }
    index = end;
  }
  return copiedUpTo === 0 ? line : out + line.slice(copiedUpTo);
}

/**
 * A line's JSON object, repaired (repairNginxJson) when the line is not JSON as written; null when
 * it is no JSON object either way. `repaired` says whether the repair was needed.
 */
export function parseNginxJsonLine(line: string): { doc: Record<string, unknown>; repaired: boolean } | null {
  const doc = parseJsonObjectLine(line);
  if (doc) return { doc, repaired: false };
  if (!line.trimStart().startsWith('{')) return null;
  const repairedLine = repairNginxJson(line);
  if (repairedLine === null || repairedLine === line) return null;
  const repairedDoc = parseJsonObjectLine(repairedLine);
  return repairedDoc ? { doc: repairedDoc, repaired: true } : null;
}
