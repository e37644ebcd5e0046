import {
  compareFieldValues,
  type CorrelationField,
  type FieldValueCounts,
  type FieldValues,
} from '@/lib/domain/triage/triage-data';
import { toNumber } from '../to-number';

export type FieldValueCountRow = {
  field: string | null;
  value: string | null;
  slow_n: unknown;
  all_n: unknown;
  distinct_values: unknown;
  field_slow: unknown;
  field_all: unknown;
};

/** Rows of buildFieldValueCountsSql to FieldValueCounts; a field without any value is present and empty. */
export function parseFieldValueCounts(rows: readonly FieldValueCountRow[], fields: readonly CorrelationField[]): FieldValueCounts {
  const byField = new Map<CorrelationField, FieldValues>(
    fields.map((field) => [field, { withValue: { all: 0, slow: 0 }, distinctValues: 0, values: [] }]),
  );
  const traces = { all: 0, slow: 0 };
  for (const row of rows) {
    if (row.field === null) {
      traces.all = toNumber(row.all_n);
      traces.slow = toNumber(row.slow_n);
      continue;
    }
    const entry = byField.get(row.field as CorrelationField);
    if (!entry || row.value === null) continue;
    entry.withValue = { all: toNumber(row.field_all), slow: toNumber(row.field_slow) };
    entry.distinctValues = toNumber(row.distinct_values);
    entry.values.push({ value: row.value, slow: toNumber(row.slow_n), all: toNumber(row.all_n) });
  }
  for (const entry of byField.values()) entry.values.sort(compareFieldValues);
  return { traces, fields: Object.fromEntries(byField) as FieldValueCounts['fields'] };
}
