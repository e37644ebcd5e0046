/**
 * The four distributions of a trace set:
 * - edge: edge request_time (every trace);
 * - ingress: ingress request_time (joined traces);
 * - edgeMinusIngress: edge minus ingress request_time, the time spent between the tiers;
 * - ingressMinusUpstream: ingress request_time minus the sum of its upstream_response_time
 *   attempts, the time inside ingress-nginx outside its exchanges with the app (joined traces
 *   whose ingress line has an upstream time).
 */
export const HISTOGRAM_NAMES = ['edge', 'ingress', 'edgeMinusIngress', 'ingressMinusUpstream'] as const;
export type HistogramName = (typeof HISTOGRAM_NAMES)[number];

export const HISTOGRAM_TITLES: Record<HistogramName, string> = {
  edge: 'Edge request_time',
  ingress: 'Ingress request_time',
  edgeMinusIngress: 'Edge − ingress (between the tiers)',
  ingressMinusUpstream: 'Ingress − upstream (inside ingress-nginx)',
};
