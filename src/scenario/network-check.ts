/**
 * Checks of the stage network that the schema's reference checks cannot see: a network a run could only
 * fail on, or spin in, is refused before it runs, with the stage that causes it.
 *
 * - A stage routed to itself (`next`, a branch route, a selection's `selected` / `otherwise`, a rail
 *   terminal's `overflowTo`, a balking or reneging `divertTo`): every truck taking that edge would come back
 *   to the same stage forever.
 * - A stage reached by trucks from which no sink (or rail terminal, whose loads leave by train) can be
 *   reached: its trucks could never leave the network, so they pile up until the run fails on
 *   `trucksInSystemMax`.
 * - A loop through stages that take no time (branches, holdings, servers and delays whose time is the
 *   constant 0): a truck would go round it forever at one instant of simulated time.
 */
import type { ScenarioIssue } from "./load.js";
import type { DistributionInput, Scenario } from "./schema.js";

type Stage = Scenario["stages"][string];

/** Where balking or reneging trucks of a server or holding stage are sent, with the paths naming them. */
function diversionEdges(p: string, st: Stage): { to: string; path: string }[] {
  if (st.type !== "server" && st.type !== "holding") return [];
  const out: { to: string; path: string }[] = [];
  for (const kind of ["balking", "reneging"] as const) {
    for (const [i, d] of (st[kind]?.divertTo ?? []).entries())
      out.push({ to: d.to, path: `${p}.${kind}.divertTo.${i}.to` });
  }
  return out;
}

/** The stages a truck can go to from `st`, each with the path of the field that names it. */
function edges(id: string, st: Stage): { to: string; path: string }[] {
  const p = `stages.${id}`;
  if (st.type === "sink") return [];
  // A rail terminal's loads leave by train; only trucks that find it full go on, to `overflowTo`.
  if (st.type === "rail") return st.overflowTo === undefined ? [] : [{ to: st.overflowTo, path: `${p}.overflowTo` }];
  const out = diversionEdges(p, st);
  if (st.type === "branch") {
    out.push(...(st.routes ?? []).map((r, i) => ({ to: r.to, path: `${p}.routes.${i}.to` })));
    if (st.select !== undefined) {
      out.push({ to: st.select.selected, path: `${p}.select.selected` });
      out.push({ to: st.select.otherwise, path: `${p}.select.otherwise` });
    }
  }
  if (st.next !== undefined) out.push({ to: st.next, path: `${p}.next` });
  return out;
}

/** Where trucks enter the network: each direction's entry and appointment diversions, the parcel lines' entry. */
function entries(sc: Scenario): string[] {
  const out: string[] = [];
  for (const d of [sc.demand.export, sc.demand.import]) {
    if (d === undefined) continue;
    out.push(d.entry);
    for (const r of d.appointment?.divertTo ?? []) out.push(r.to);
  }
  if (sc.parcels !== undefined) out.push(sc.parcels.entry);
  return out;
}

/** True when a distribution can only give 0. */
function alwaysZero(d: DistributionInput | undefined): boolean {
  if (d === undefined) return true;
  if (typeof d === "number") return d === 0;
  if (d.type === "deterministic") return d.value === 0;
  if (d.type === "uniform" || d.type === "triangular") return d.max === 0;
  if (d.type === "empirical") return d.values.every((v) => v === 0);
  if (d.type === "empiricalContinuous") return d.points.every((v) => v === 0);
  return false;
}

/** True when passing through the stage always takes simulated time (so a loop through it advances the clock). */
function takesTime(st: Stage): boolean {
  if (st.type === "delay") return !alwaysZero(st.minutes);
  if (st.type === "server")
    return (
      !alwaysZero(st.serviceMinutes) ||
      Object.values(st.serviceMinutesByCargo ?? {}).some((d) => !alwaysZero(d)) ||
      (st.adders ?? []).some((a) => !alwaysZero(a.minutes))
    );
  return false;
}

/** Checks the network of a validated scenario (references already resolved); empty when it is sound. */
export function checkNetwork(sc: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const stages = sc.stages;
  const ids = Object.keys(stages);
  const out = new Map<string, { to: string; path: string }[]>();
  for (const id of ids) {
    const list = edges(id, stages[id] as Stage).filter((e) => e.to in stages);
    out.set(id, list);
    for (const e of list) {
      if (e.to === id)
        issues.push({ path: e.path, message: `stage "${id}" routes to itself: its trucks would never leave it` });
    }
  }
  if (issues.length > 0) return issues;

  // Stages from which a sink can be reached: walk the edges backwards from every sink.
  const into = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [from, list] of out) for (const e of list) into.get(e.to)?.push(from);
  const canExit = new Set<string>();
  const stack = ids.filter((id) => stages[id]?.type === "sink" || stages[id]?.type === "rail");
  for (const id of stack) canExit.add(id);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const from of into.get(id) ?? []) {
      if (canExit.has(from)) continue;
      canExit.add(from);
      stack.push(from);
    }
  }
  // Stages trucks can reach: from the entries of the demand.
  const reached = new Set<string>();
  const todo = entries(sc).filter((e) => e in stages);
  for (const id of todo) reached.add(id);
  while (todo.length > 0) {
    const id = todo.pop() as string;
    for (const e of out.get(id) ?? []) {
      if (reached.has(e.to)) continue;
      reached.add(e.to);
      todo.push(e.to);
    }
  }
  for (const id of ids) {
    if (reached.has(id) && !canExit.has(id)) {
      issues.push({
        path: `stages.${id}`,
        message: `trucks reaching stage "${id}" can never leave the network: no route from it leads to a sink`,
      });
    }
  }

  // Loops that take no time: a cycle in the graph of edges between stages that take no time.
  const instant = ids.filter((id) => !takesTime(stages[id] as Stage));
  const instantSet = new Set(instant);
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: done
  const reportedLoops = new Set<string>();
  const visit = (start: string): void => {
    // Iterative depth-first search (a network of many stages must not overflow the stack).
    const path: string[] = [];
    const frames: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    path.push(start);
    while (frames.length > 0) {
      const f = frames[frames.length - 1] as { id: string; next: number };
      const list = (out.get(f.id) ?? []).filter((e) => instantSet.has(e.to));
      if (f.next >= list.length) {
        state.set(f.id, 2);
        frames.pop();
        path.pop();
        continue;
      }
      const e = list[f.next++] as { to: string; path: string };
      const s = state.get(e.to);
      if (s === 1) {
        const loop = [...path.slice(path.indexOf(e.to)), e.to];
        const key = [...loop].sort().join(",");
        if (!reportedLoops.has(key)) {
          reportedLoops.add(key);
          issues.push({
            path: e.path,
            message: `stages ${loop.map((s2) => `"${s2}"`).join(" → ")} form a loop that takes no time (no delay or server with a positive time on it): a truck would go round it forever at one instant`,
          });
        }
      } else if (s === undefined) {
        state.set(e.to, 1);
        path.push(e.to);
        frames.push({ id: e.to, next: 0 });
      }
    }
  };
  for (const id of instant) if (!state.has(id)) visit(id);
  return issues;
}
