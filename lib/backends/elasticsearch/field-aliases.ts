import type { estypes } from '@elastic/elasticsearch';
import type { FieldNames, LogicalField, SourceAliases } from '@/lib/domain/field-names';

/**
 * Which configured names the mappings declare field aliases (`"type": "alias", "path": …`), and
 * where `_source` keeps their values then: queries and `_field_caps` resolve an alias to its
 * target without a word, but a document's `_source` holds only the target's path, where the
 * window's engine and a trace page read lines from.
 */

/** The mapping of every configured field in every index of the pattern. */
export function buildFieldMappingRequest(index: string, fields: FieldNames): estypes.IndicesGetFieldMappingRequest {
  return { index, fields: [...new Set(Object.values(fields))], ignore_unavailable: true, allow_no_indices: true };
}

type FieldMappingEntry = { full_name?: string; mapping?: Record<string, { type?: string; path?: string } | undefined> };

/**
 * Each logical field whose configured name is an alias in some index, with the alias paths in a
 * stable order (an index pattern may hold older indices where the name is a field and newer ones
 * where it is an alias, or aliases to different paths).
 */
export function parseSourceAliases(response: estypes.IndicesGetFieldMappingResponse, fields: FieldNames): SourceAliases {
  const pathsOf = new Map<string, Set<string>>();
  for (const index of Object.values(response)) {
    const mappings = (index as { mappings?: Record<string, FieldMappingEntry> }).mappings ?? {};
    for (const [name, entry] of Object.entries(mappings)) {
      for (const property of Object.values(entry.mapping ?? {})) {
        if (property?.type !== 'alias' || typeof property.path !== 'string' || property.path === name) continue;
        pathsOf.set(name, (pathsOf.get(name) ?? new Set()).add(property.path));
      }
    }
  }
  const aliases: SourceAliases = {};
  for (const [logical, name] of Object.entries(fields) as [LogicalField, string][]) {
    const paths = pathsOf.get(name);
    if (paths) aliases[logical] = [...paths].sort();
  }
  return aliases;
}

/** `requestTime: request_time → nginx.request_time`, for the health check; null when there is none. */
export function describeSourceAliases(aliases: SourceAliases, fields: FieldNames): Record<string, string> | null {
  const entries = (Object.entries(aliases) as [LogicalField, readonly string[]][]).map(([logical, paths]) => [logical, `${fields[logical]} → ${paths.join(', ')}`]);
  return entries.length === 0 ? null : Object.fromEntries(entries);
}
