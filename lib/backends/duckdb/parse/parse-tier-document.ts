import type { FieldNames } from '@/lib/domain/field-names';
import { toTierDocument, type TierDocument } from '@/lib/domain/tier-document';
import type { Tier } from '@/lib/domain/tiers';

/** A stored raw line (JSON text) to a normalized document, or null when it cannot be one. */
export function parseTierDocument(docText: unknown, tier: Tier, fields: FieldNames): TierDocument | null {
  if (typeof docText !== 'string') return null;
  const raw: unknown = JSON.parse(docText);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const result = toTierDocument(raw as Record<string, unknown>, tier, fields);
  return result.ok ? result.document : null;
}
