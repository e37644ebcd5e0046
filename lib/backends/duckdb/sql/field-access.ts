/** RFC 6901 JSON pointer of a path given as segments. */
function toJsonPointer(segments: readonly string[]): string {
  return '/' + segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

/** A SQL string literal; field names come from configuration, never from a request. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The JSON pointers under which a configured field may live, in the order `readField` tries them
 * in lib/domain: a dotted name as a nested path first, then as a flat key.
 */
export function fieldPointers(name: string): [string] | [string, string] {
  const flat = toJsonPointer([name]);
  return name.includes('.') ? [toJsonPointer(name.split('.')), flat] : [flat];
}
