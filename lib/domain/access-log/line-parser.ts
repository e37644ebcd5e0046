import type { LogEscape, LogFormat } from './log-format';
import { unescapeNginxValue } from './unescape';

/** A time or count nginx prints as one token, or "-" when it has none. */
const NUMBER = '-|\\d+(?:\\.\\d+)?';
/**
 * The upstream variables hold one value per upstream tried, joined by ", ", and one group per
 * internal redirect, joined by " : " (addresses themselves contain ':', as in 10.0.0.1:80 or
 * unix:/run/app.sock, so only the spaced form separates).
 */
const UPSTREAM_LIST = '[^\\s,]+(?:(?:, | : )[^\\s,]+)*';
/** A list of addresses (X-Forwarded-For), possibly empty. */
const COMMA_LIST = '(?:[^\\s,]+(?:, ?[^\\s,]+)*)?';
/** Host names, IPv4/IPv6 literals and a port: so `$host$request_uri` splits where the path starts. */
const HOST_NAME = '[A-Za-z0-9._:\\[\\]-]*';
const TIME_LOCAL = '\\d{2}/[A-Za-z]{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}';

/** The grammar of a variable where it is not between quotes; others are read up to the next literal. */
const UNQUOTED_PATTERNS: Record<string, string> = {
  time_local: TIME_LOCAL,
  time_iso8601: '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?',
  msec: NUMBER,
  request_time: NUMBER,
  status: NUMBER,
  body_bytes_sent: NUMBER,
  bytes_sent: NUMBER,
  request_length: NUMBER,
  connection: NUMBER,
  connection_requests: NUMBER,
  host: HOST_NAME,
  http_host: HOST_NAME,
  server_name: HOST_NAME,
  http_x_forwarded_for: COMMA_LIST,
  proxy_add_x_forwarded_for: COMMA_LIST,
};

/** Header and cookie values of the upstream may hold spaces; the other upstream variables are lists. */
const isUpstreamList = (name: string) => name.startsWith('upstream_') && !/^upstream_(http|cookie|trailer)_/.test(name);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClassChar(char: string): string {
  return /[\]\\^-]/.test(char) ? `\\${char}` : char;
}

/** The pattern of one variable, given the literal text around it. */
function variablePattern(name: string, before: string, after: string | null, escape: LogEscape): string {
  const quote = before.at(-1);
  const quoted = (quote === '"' || quote === "'") && after?.startsWith(quote);
  if (quoted) {
    // Inside quotes nginx escapes the quote itself (\x22 or \"), so a value ends at the first bare one.
    return escape === 'none' ? '.*?' : `(?:[^${quote}\\\\]|\\\\.)*`;
  }
  const known = UNQUOTED_PATTERNS[name] ?? (isUpstreamList(name) ? UPSTREAM_LIST : undefined);
  if (known) return known;
  if (after === null) return '.*';
  if (after === '') return '.*?';
  return `[^${escapeClassChar(after[0]!)}]*`;
}

export type LineParser = {
  /**
   * The values of a line that matches the format, unescaped, in the order of `variables`; null
   * when it does not match. An array rather than an object keyed by name: a million lines would
   * otherwise make a million dictionary-mode objects.
   */
  parse: (line: string) => string[] | null;
  /** The variables in the order of the format, each once. */
  variables: string[];
};

/** Compiles a format into one anchored regular expression, each variable read by its own grammar. */
export function compileLineParser(format: LogFormat): LineParser {
  const { segments, escape } = format;
  let source = '^';
  const groups: string[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    if (segment.kind === 'literal') {
      source += escapeRegExp(segment.text);
      continue;
    }
    const previous = segments[index - 1];
    const next = segments[index + 1];
    const before = previous?.kind === 'literal' ? previous.text : '';
    const after = next === undefined ? null : next.kind === 'literal' ? next.text : '';
    source += `(${variablePattern(segment.name, before, after, escape)})`;
    groups.push(segment.name);
  }
  const pattern = new RegExp(`${source}$`);
  const variables = [...new Set(groups)];
  // The capture group of each variable's first occurrence: a variable written twice is read once.
  const groupOfVariable = variables.map((name) => groups.indexOf(name) + 1);
  return {
    variables,
    parse(line) {
      const match = pattern.exec(line);
      if (!match) return null;
      return groupOfVariable.map((group) => unescapeNginxValue(match[group] ?? '', escape));
    },
  };
}
