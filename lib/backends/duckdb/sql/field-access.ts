import type { FieldNames, LogicalField } from '@/lib/domain/field-names';

/** RFC 6901 JSON pointer of one path segment list. */
function toJsonPointer(segments: readonly string[]): string {
  return '/' + segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

/** A SQL string literal; field names come from configuration, never from a request. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * SQL that reads a configured field from the `doc` JSON column: the nested path first, then the
 * flat dotted key, as `readField` does in lib/domain.
 */
export function buildFieldAccess(fields: FieldNames, field: LogicalField, column = 'doc'): string {
  const name = fields[field];
  const flat = `json_extract(${column}, ${sqlString(toJsonPointer([name]))})`;
  if (!name.includes('.')) return flat;
  return `coalesce(json_extract(${column}, ${sqlString(toJsonPointer(name.split('.')))}), ${flat})`;
}
