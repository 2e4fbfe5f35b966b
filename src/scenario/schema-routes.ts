/**
 * Checks on the routes trucks can take through a scenario's network: which stages a direction's trucks can
 * reach from their entry. A setting that can never act on the trucks it names is refused with the reason
 * (a plate-read share for trucks that pass no Ultraview cameras), never silently ignored.
 */
import type { z } from "zod";
import type { stageSchema } from "./schema-stages.js";

type StageInput = z.infer<typeof stageSchema>;
type Issue = (path: (string | number)[], message: string) => void;

/** The stages a truck can go to from stage `st` (next, branch routes, a rail terminal's overflow). */
export function successors(st: StageInput): string[] {
  const out: string[] = [];
  if (st.type === "rail") {
    if (st.overflowTo !== undefined) out.push(st.overflowTo);
    return out;
  }
  if (st.next !== undefined) out.push(st.next);
  if (st.type === "branch") {
    for (const r of st.routes ?? []) out.push(r.to);
    if (st.select) out.push(st.select.selected, st.select.otherwise);
  }
  return out;
}

/** Every stage reachable from `entry` (entry included); unknown ids are skipped (reported elsewhere). */
export function reachableStages(stages: Record<string, StageInput>, entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    const st = stages[id];
    if (st === undefined || seen.has(id)) continue;
    seen.add(id);
    for (const n of successors(st)) if (!seen.has(n)) todo.push(n);
  }
  return seen;
}

/** A direction with a plate-read share needs a stage with Ultraview cameras on a route its trucks can take. */
export function checkPlateCameras(
  stages: Record<string, StageInput>,
  demand: Partial<Record<"export" | "import", { entry: string; plateReadPercent: number }>>,
  issue: Issue,
): void {
  for (const dir of ["export", "import"] as const) {
    const d = demand[dir];
    if (!d || d.plateReadPercent === 0 || stages[d.entry] === undefined) continue;
    const reach = reachableStages(stages, d.entry);
    if (![...reach].some((id) => (stages[id] as { plateCameras?: boolean }).plateCameras === true)) {
      issue(
        ["demand", dir, "plateReadPercent"],
        `${dir} trucks pass no stage with plateCameras from their entry "${d.entry}": Ultraview reads plates only ` +
          "where its cameras are (NH1A, before the export gate), so this share would have no effect; " +
          "set it to 0 or give plateCameras: true to the stage where the cameras are",
      );
    }
  }
}
