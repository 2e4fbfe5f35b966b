/**
 * The roads that the other trucks of a transshipment drive, as written: the partner truck's route to the
 * transshipment yard and the emptied truck's route home, each a list of stages by the load's direction. The
 * Chinese partner of an export load comes in through Youyi Guan's release and the specialized road; the
 * emptied Chinese truck of an import load goes back over the road and the Chinese side's empty-truck lane.
 */
import { z } from "zod";

/** Stages a truck drives through, in order (servers and delays only). */
const routeSchema = z.array(z.string()).min(1, { error: "list at least one stage" }).max(20);

/** A route per load direction (export loads: a Chinese partner; import loads: a Vietnamese one). */
export const tripRoutesSchema = z.object({ export: routeSchema.optional(), import: routeSchema.optional() }).strict();

/** Trip routes as written. */
export type TripRoutesInput = z.infer<typeof tripRoutesSchema>;

/**
 * Cross-checks of a rendezvous' trip routes: every stage exists and is a server or a delay, not the docks, and
 * never turns trucks away (a partner turned away would leave its loaded truck waiting for ever).
 */
export function checkTripRoutes(
  path: (string | number)[],
  routes: TripRoutesInput | undefined,
  stages: Record<string, { type: string; whenFull?: unknown; queueMax?: number | undefined }>,
  docks: string,
  issue: (path: (string | number)[], message: string) => void,
): void {
  for (const dir of ["export", "import"] as const) {
    for (const [i, id] of (routes?.[dir] ?? []).entries()) {
      const p = [...path, dir, i];
      const st = stages[id];
      if (st === undefined) issue(p, `unknown stage "${id}"; known: ${Object.keys(stages).join(", ")}`);
      else if (st.type !== "server" && st.type !== "delay") {
        issue(p, `"${id}" is a ${st.type}: a truck's trip passes servers (lanes, roads) and delays only`);
      } else if (id === docks) issue(p, "the transshipment docks cannot be on a trip route");
      else if (st.type === "server" && st.whenFull === "reject" && st.queueMax !== undefined) {
        issue(p, `"${id}" turns trucks away when its line is full (whenFull: reject); a trip cannot pass it`);
      }
    }
  }
}
