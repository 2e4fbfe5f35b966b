/**
 * Cross-field rules of capacity over time (part of the scenario's `superRefine`): dated changes in order
 * with exactly one of day or date, servers given unless a pool stands in for them, pools that exist and
 * priorities that name their stages, breakdowns on stages that have units to break.
 */
import { daysBetween } from "./compile-units.js";
import type { BreakdownInput, Scenario, ServerChangeInput } from "./schema.js";

type Issue = (path: (string | number)[], message: string) => void;

/** Checks a list of dated changes: one of day or date each, strictly ascending, each changing something. */
function checkChanges(
  start: string,
  path: (string | number)[],
  changes: readonly { day?: number | undefined; date?: string | undefined }[] | undefined,
  issue: Issue,
): void {
  let last = Number.NEGATIVE_INFINITY;
  for (const [i, c] of (changes ?? []).entries()) {
    if ((c.day === undefined) === (c.date === undefined)) {
      issue([...path, i], "give exactly one of day or date");
      continue;
    }
    const day = c.day ?? daysBetween(start, c.date as string);
    if (day <= last) issue([...path, i], "changes must be in strictly ascending order of date");
    last = day;
    const fields = Object.keys(c).filter((k) => k !== "day" && k !== "date" && k !== "note");
    if (fields.length === 0) issue([...path, i], "changes nothing: give servers, hours, weekdays or a cap");
  }
}

/** Daily caps belong to stages, not to pools. */
function checkPoolChanges(path: (string | number)[], changes: readonly ServerChangeInput[] | undefined, issue: Issue) {
  for (const [i, c] of (changes ?? []).entries()) {
    if (c.dailyCapTrucks !== undefined) issue([...path, i, "dailyCapTrucks"], "a pool has no daily cap");
  }
}

/** Breakdowns: durations that are not always zero, and a unique name for each kind when there are several. */
function checkBreakdowns(
  path: (string | number)[],
  list: BreakdownInput[],
  servers: number | undefined,
  issue: Issue,
): void {
  const names = new Set<string>();
  for (const [i, kind] of list.entries()) {
    const at = [...path, i];
    if (kind.units === undefined && servers === 0) issue([...at, "units"], "the stage has no servers: give units");
    for (const f of ["hoursBetweenFailures", "repairMinutes"] as const) {
      const d = kind[f];
      if (d === 0 || (typeof d === "object" && d.type === "deterministic" && d.value === 0)) {
        issue([...at, f], "must be more than 0");
      }
    }
    if (list.length === 1) continue;
    if (kind.name === undefined) issue([...at, "name"], "each kind of unit needs a name when a stage lists several");
    else if (names.has(kind.name)) issue([...at, "name"], `"${kind.name}" is listed twice`);
    else names.add(kind.name);
  }
}

/** Adds an issue for every capacity rule the scenario breaks. */
export function crossCheckCapacity(sc: Scenario, issue: Issue): void {
  const start = sc.calendar.startDate;
  const pools = sc.pools ?? {};
  const poolIds = Object.keys(pools);
  const usersOf = new Map<string, string[]>(poolIds.map((p) => [p, []]));
  for (const [id, st] of Object.entries(sc.stages)) {
    const p = ["stages", id];
    if (pools[id]) issue(["pools", id], `pool "${id}" has the id of a stage; use another name`);
    if (st.type === "holding") checkChanges(start, [...p, "changes"], st.changes, issue);
    if (st.type !== "server") continue;
    checkChanges(start, [...p, "changes"], st.changes, issue);
    if (st.breakdowns) checkBreakdowns([...p, "breakdowns"], st.breakdowns, st.servers, issue);
    if (st.pool !== undefined) {
      if (!pools[st.pool]) issue([...p, "pool"], `unknown pool "${st.pool}"; known: ${poolIds.join(", ") || "none"}`);
      else usersOf.get(st.pool)!.push(id);
    }
    if (st.servers === undefined) {
      if (st.pool === undefined) issue([...p, "servers"], "is required (unless the stage uses a pool)");
      if (st.breakdowns) issue([...p, "breakdowns"], "needs servers of the stage's own to break down");
      for (const [i, c] of (st.changes ?? []).entries()) {
        if (c.servers !== undefined) issue([...p, "changes", i, "servers"], "the stage has no servers of its own");
      }
      for (const [d, w] of Object.entries(st.weekdays ?? {})) {
        if (w?.servers !== undefined) issue([...p, "weekdays", d, "servers"], "the stage has no servers of its own");
      }
    }
  }
  for (const [id, pool] of Object.entries(pools)) {
    const p = ["pools", id];
    checkChanges(start, [...p, "changes"], pool.changes, issue);
    checkPoolChanges([...p, "changes"], pool.changes, issue);
    const users = usersOf.get(id) ?? [];
    for (const [i, s] of (pool.priority ?? []).entries()) {
      if (!users.includes(s)) {
        issue(
          [...p, "priority", i],
          `"${s}" is not a stage that uses this pool; those are: ${users.join(", ") || "none"}`,
        );
      }
    }
    if (new Set(pool.priority ?? []).size !== (pool.priority ?? []).length) {
      issue([...p, "priority"], "lists a stage twice");
    }
  }
}
