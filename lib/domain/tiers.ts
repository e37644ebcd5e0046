/** The two Nginx tiers a request passes: the front (edge) Nginx, then Kubernetes ingress-nginx. */
export const TIERS = ['edge', 'ingress'] as const;
export type Tier = (typeof TIERS)[number];
