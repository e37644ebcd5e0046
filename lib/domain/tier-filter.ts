import { z } from 'zod';

/**
 * Which documents of an index pattern are a tier's lines, when one pattern holds more than that
 * tier (Filebeat writes every module to `filebeat-*`, telling them apart by `event.dataset`):
 * each field must hold the value given, one of the values of a list, or, for null, no value at all.
 * `{ "event.dataset": "nginx.access" }`, `{ "kubernetes.namespace": null }`.
 */
const filterValue = z.union([z.string().min(1), z.number().finite(), z.boolean()]);
export const tierFilterSchema = z.record(z.string().trim().min(1), z.union([filterValue, z.array(filterValue).min(1), z.null()]));
export type TierFilter = z.infer<typeof tierFilterSchema>;

/** `event.dataset = nginx.access`, `tier ∈ {ingress, k8s}`, `kubernetes.namespace absent`, joined by "and". */
export function describeTierFilter(filter: TierFilter): string {
  return Object.entries(filter)
    .map(([field, value]) => {
      if (value === null) return `${field} absent`;
      if (Array.isArray(value)) return `${field} ∈ {${value.map(String).join(', ')}}`;
      return `${field} = ${String(value)}`;
    })
    .join(' and ');
}
