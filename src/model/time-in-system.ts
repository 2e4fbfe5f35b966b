/**
 * What "time in system" measures in a given network, per direction: it starts when a truck enters the
 * network at its direction's entry stage (arrival on NH1A for exports, joining the Chinese release line for
 * imports in the shipped networks) and ends when it passes the first stage marked `crossing` on its route
 * (Chinese acceptance for exports; leaving the park, or entering the ICD, for imports). Found by walking the
 * network from each entry, following only the routes a truck of that direction can take; reported with
 * every result so that a reader knows exactly which stages bound the figure.
 */
import { DIRECTIONS, type ModelConfig } from "./config.js";
import type { TimeInSystemSpan } from "./result.js";

/** Stages a truck of direction `dir` can go to from stage s (conditions on other directions excluded). */
function successors(cfg: ModelConfig, s: number, dir: number): number[] {
  const st = cfg.stages[s]!;
  switch (st.type) {
    case "server":
    case "delay":
    case "holding":
      return st.next >= 0 ? [st.next] : [];
    case "branch":
      return st.routes.filter((r) => r.when === null || (r.when.directionMask & (1 << dir)) !== 0).map((r) => r.next);
    default:
      return [];
  }
}

/** Entry and crossing stages of time in system for every direction that has demand. */
export function timeInSystemSpans(cfg: ModelConfig): Record<string, TimeInSystemSpan> {
  const out: Record<string, TimeInSystemSpan> = {};
  DIRECTIONS.forEach((name, dir) => {
    const entries = cfg.sources.filter((src) => src.direction === dir).map((src) => src.entryStage);
    if (entries.length === 0) return;
    const seen = new Set<number>();
    const ends = new Set<number>();
    const stack = [...entries];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      const st = cfg.stages[s]!;
      if (st.crossing || (st.type === "sink" && !st.lost)) {
        ends.add(s);
        continue;
      }
      stack.push(...successors(cfg, s, dir));
    }
    const id = (s: number): string => cfg.stages[s]!.id;
    out[name] = { from: [...new Set(entries)].map(id), to: [...ends].sort((a, b) => a - b).map(id) };
  });
  return out;
}
