import type { FieldNames, SourceAliases } from '@/lib/domain/field-names';
import { toTierDocument, type TierDocument } from '@/lib/domain/tier-document';
import type { Tier } from '@/lib/domain/tiers';
import { toNumberOrNull } from './to-number';

/**
 * A stored raw line (JSON text) to a normalized document, or null when it cannot be one; its time
 * is the store's own (`tsMs`, the line's `ts_ms`) when it has one: for lines read from
 * Elasticsearch, the time Elasticsearch parsed by the mapping's format.
 */
export function parseTierDocument(docText: unknown, tier: Tier, fields: FieldNames, tsMs: unknown = null, aliases?: SourceAliases): TierDocument | null {
  if (typeof docText !== 'string') return null;
  const raw: unknown = JSON.parse(docText);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const result = toTierDocument(raw as Record<string, unknown>, tier, fields, toNumberOrNull(tsMs), aliases);
  return result.ok ? result.document : null;
}
