/**
 * Compiles the trip routes of a transshipment rendezvous (the partner's road to the yard, the emptied truck's
 * road home) into stage indices by load direction; absent routes leave the config, and its hash, unchanged.
 */
import type { TripRoutesInput } from "./schema-trips.js";

/** `partnerRoutes` / `emptyRoutes` of a rendezvous config, only where the scenario gives them. */
export function tripRoutesOf(
  rv: { partnerRoute?: TripRoutesInput | undefined; emptyReturn?: TripRoutesInput | undefined },
  at: (id: string) => number,
): { partnerRoutes?: number[][]; emptyRoutes?: number[][] } {
  const routes = (r: TripRoutesInput): number[][] => [(r.export ?? []).map(at), (r.import ?? []).map(at)];
  const out: { partnerRoutes?: number[][]; emptyRoutes?: number[][] } = {};
  if (rv.partnerRoute) out.partnerRoutes = routes(rv.partnerRoute);
  if (rv.emptyReturn) out.emptyRoutes = routes(rv.emptyReturn);
  return out;
}
