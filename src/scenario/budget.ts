/**
 * The scenario budget: documented upper bounds on every input that sizes memory or work per event, checked
 * on a validated scenario before it is compiled or run. The schema says what a value means; the budget says
 * how much of it one replication may ask for, so that no scenario (a file, or a body posted to the API) can
 * make a process exhaust its memory or spin inside one event:
 *
 * - trucks in the system at once (`trucksInSystemMax`): the truck columns, waiting lines and pending events
 *   grow with it (measured: about 500 MB per replication at the 4,000,000 bound, when every truck waits in
 *   a delay; 200 MB when they wait in a line);
 * - sampled values per replication (samples over the horizon × sampled series), the largest JS arrays a
 *   replication builds and what its stored result and report carry;
 * - the horizon (daily series, daily capacity windows expanded at compile time), stages, branch routes,
 *   zones, seasons, capacity windows, opening-hour intervals, adders, empirical points, cargo classes;
 * - breakdown units (each with its own clocks and random streams), the slots an appointment system keeps
 *   ahead (its booking ring, scanned for a free slot at every booking), shared pools;
 * - the length of names and ids (they are stored and echoed in every report).
 *
 * Each problem is reported with its dotted path and the bound, like the schema's own issues.
 */
import type { ScenarioIssue } from "./load.js";
import type { DistributionInput, Scenario } from "./schema.js";

/** The documented bounds of one scenario (README "Scenario budget"). */
export const SCENARIO_BUDGET = {
  /** Simulated days, warm-up included (ten years). */
  horizonDaysMax: 3660,
  /** Trucks in the network at once (the schema's default is this bound). */
  trucksInSystemMax: 4_000_000,
  /** Sampled values a replication records: ceil(horizon / sampleStep) × sampledSeriesCount. */
  sampledValuesPerReplicationMax: 250_000,
  /** Stages in the network. */
  stagesMax: 256,
  /** Routes of one branch. */
  branchRoutesMax: 64,
  /** Zones (each adds a sampled series). */
  zonesMax: 32,
  /** Seasons and holidays. */
  seasonsMax: 366,
  /** Capacity windows of one stage. */
  capacityWindowsMax: 1000,
  /** Occurrences of daily capacity windows over the horizon, all stages together (expanded at compile). */
  dailyWindowOccurrencesMax: 200_000,
  /** Intervals of one opening-hours schedule. */
  hoursIntervalsMax: 48,
  /** Service-time adders of one stage. */
  addersMax: 32,
  /** Points of one empirical distribution. */
  empiricalPointsMax: 10_000,
  /** Entries of `sources`. */
  sourcesMax: 2000,
  /** Failing units of all stages' breakdowns together (each has its own failure and repair clocks). */
  breakdownUnitsMax: 20_000,
  /** Slots an appointment system keeps ahead: (leadMinutes + horizonHours × 60) / slotMinutes. */
  appointmentSlotsMax: 60_000,
  /** Shared staff pools. */
  poolsMax: 64,
  /** Length of the scenario's name, and of stage, zone and cargo ids. */
  idLengthMax: 128,
  /** Length of the title. */
  titleLengthMax: 256,
  /** Length of the description and of each source note. */
  textLengthMax: 4000,
} as const;

/** The bounds a budget check uses (the defaults, or tighter ones). */
export type ScenarioBudget = { readonly [K in keyof typeof SCENARIO_BUDGET]: number };

/**
 * Series sampled every `sampleStepMinutes` (the model's report lists them): trucks in the system, one per
 * zone, the partner yard and the trip trucks on the road when a stage has a transshipment rendezvous (the
 * latter with trip routes), one per rail terminal, and the parcel line's queue.
 */
export function sampledSeriesCount(sc: Scenario): number {
  // Trucks in the system, the Vietnamese-side queue, and one series per zone (the `nh1a` and `yard` areas'
  // series stand for those zones).
  let n = 2 + sc.zones.length;
  for (const st of Object.values(sc.stages)) {
    if (st.type === "rail") n += 1;
    if (st.type === "server" && st.rendezvous !== undefined) {
      n += 1;
      if (st.rendezvous.partnerRoute !== undefined || st.rendezvous.emptyReturn !== undefined) n += 1;
    }
  }
  if (sc.parcels !== undefined) n += 1;
  return n;
}

/** Values one replication samples over `horizonDays` (default: the scenario's own horizon). */
export function sampledValuesPerReplication(sc: Scenario, horizonDays: number = sc.horizonDays): number {
  const samples = Math.ceil((horizonDays * 1440) / sc.kpi.sampleStepMinutes);
  return samples * sampledSeriesCount(sc);
}

/** Adds an issue when `n` is over `max`. */
function over(issues: ScenarioIssue[], path: string, n: number, max: number, what: string): void {
  if (n > max)
    issues.push({ path, message: `at most ${max.toLocaleString("en-US")} ${what}, got ${n.toLocaleString("en-US")}` });
}

/** Adds an issue when a string is longer than `max`. */
function tooLong(issues: ScenarioIssue[], path: string, text: string | undefined, max: number): void {
  if (text !== undefined && text.length > max)
    issues.push({ path, message: `at most ${max} characters, got ${text.length}` });
}

/** Empirical distributions: bounded number of points. */
function checkDistribution(
  issues: ScenarioIssue[],
  path: string,
  d: DistributionInput | undefined,
  budget: ScenarioBudget,
): void {
  if (d === undefined || typeof d === "number") return;
  if (d.type === "empirical") over(issues, `${path}.values`, d.values.length, budget.empiricalPointsMax, "points");
  if (d.type === "empiricalContinuous")
    over(issues, `${path}.points`, d.points.length, budget.empiricalPointsMax, "points");
}

/**
 * Checks a validated scenario against the budget; returns every problem with its dotted path (empty when
 * the scenario fits). Run before compiling: compilation expands daily windows over the horizon.
 */
export function checkScenarioBudget(sc: Scenario, budget: ScenarioBudget = SCENARIO_BUDGET): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  tooLong(issues, "name", sc.name, budget.idLengthMax);
  tooLong(issues, "title", sc.title, budget.titleLengthMax);
  tooLong(issues, "description", sc.description, budget.textLengthMax);
  over(issues, "horizonDays", sc.horizonDays, budget.horizonDaysMax, "simulated days");
  over(issues, "trucksInSystemMax", sc.trucksInSystemMax, budget.trucksInSystemMax, "trucks in the system at once");
  const sampled = sampledValuesPerReplication(sc);
  if (sampled > budget.sampledValuesPerReplicationMax) {
    const stepMin = Math.ceil(
      ((sc.horizonDays * 1440) / budget.sampledValuesPerReplicationMax) * sampledSeriesCount(sc),
    );
    issues.push({
      path: "kpi.sampleStepMinutes",
      message: `a replication may record at most ${budget.sampledValuesPerReplicationMax.toLocaleString("en-US")} sampled values (samples over the horizon × ${sampledSeriesCount(sc)} series), got ${sampled.toLocaleString("en-US")}; use a step of at least ${stepMin} minutes or a shorter horizon`,
    });
  }
  over(issues, "zones", sc.zones.length, budget.zonesMax, "zones");
  over(issues, "seasons", sc.seasons.length, budget.seasonsMax, "seasons");
  over(issues, "sources", Object.keys(sc.sources).length, budget.sourcesMax, "entries");
  for (const [key, s] of Object.entries(sc.sources))
    tooLong(issues, `sources.${key}.note`, s.note, budget.textLengthMax);
  for (const [i, z] of sc.zones.entries()) tooLong(issues, `zones.${i}.id`, z.id, budget.idLengthMax);
  for (const [i, c] of sc.cargoClasses.entries()) tooLong(issues, `cargoClasses.${i}.id`, c.id, budget.idLengthMax);
  if (Array.isArray(sc.openingHours))
    over(issues, "openingHours", sc.openingHours.length, budget.hoursIntervalsMax, "intervals");
  const stageIds = Object.keys(sc.stages);
  over(issues, "stages", stageIds.length, budget.stagesMax, "stages");
  let dailyOccurrences = 0;
  for (const [id, st] of Object.entries(sc.stages)) {
    const p = `stages.${id}`;
    if (id.length > budget.idLengthMax)
      issues.push({ path: p, message: `a stage id has at most ${budget.idLengthMax} characters, got ${id.length}` });
    tooLong(issues, `${p}.description`, st.description, budget.textLengthMax);
    if (st.type === "branch") over(issues, `${p}.routes`, st.routes?.length ?? 0, budget.branchRoutesMax, "routes");
    if (st.type === "delay") checkDistribution(issues, `${p}.minutes`, st.minutes, budget);
    if (st.type === "server") {
      if (Array.isArray(st.hours)) over(issues, `${p}.hours`, st.hours.length, budget.hoursIntervalsMax, "intervals");
      over(issues, `${p}.adders`, st.adders?.length ?? 0, budget.addersMax, "adders");
      checkDistribution(issues, `${p}.serviceMinutes`, st.serviceMinutes, budget);
      for (const [cargo, d] of Object.entries(st.serviceMinutesByCargo ?? {}))
        checkDistribution(issues, `${p}.serviceMinutesByCargo.${cargo}`, d, budget);
      for (const [i, a] of (st.adders ?? []).entries())
        checkDistribution(issues, `${p}.adders.${i}.minutes`, a.minutes, budget);
      checkDistribution(issues, `${p}.rendezvous.partnerArrivalMinutes`, st.rendezvous?.partnerArrivalMinutes, budget);
    }
    if (st.type === "server" || st.type === "holding") {
      const windows = st.capacityWindows ?? [];
      over(issues, `${p}.capacityWindows`, windows.length, budget.capacityWindowsMax, "windows");
      for (const w of windows) if (w.daily === true) dailyOccurrences += Math.ceil(sc.horizonDays);
    }
  }
  checkCapacityExtras(issues, sc, budget);
  over(
    issues,
    "stages",
    dailyOccurrences,
    budget.dailyWindowOccurrencesMax,
    "occurrences of daily capacity windows over the horizon (daily windows × days)",
  );
  return issues;
}

/** Breakdown units, appointment slots and pools (inputs added with capacity over time and booking). */
function checkCapacityExtras(issues: ScenarioIssue[], sc: Scenario, budget: ScenarioBudget): void {
  let units = 0;
  for (const st of Object.values(sc.stages)) {
    if (st.type !== "server") continue;
    const servers = typeof st.servers === "number" ? st.servers : 0;
    for (const b of st.breakdowns ?? []) units += b.units ?? servers;
  }
  if (units > budget.breakdownUnitsMax) {
    issues.push({
      path: "stages",
      message: `breakdowns may have at most ${budget.breakdownUnitsMax.toLocaleString("en-US")} failing units over all stages, got ${units.toLocaleString("en-US")}`,
    });
  }
  for (const dir of ["export", "import"] as const) {
    const ap = sc.demand[dir]?.appointment;
    if (ap === undefined) continue;
    const slots = Math.ceil((ap.leadMinutes + ap.horizonHours * 60) / ap.slotMinutes);
    if (slots > budget.appointmentSlotsMax) {
      issues.push({
        path: `demand.${dir}.appointment.slotMinutes`,
        message: `the booking system would keep ${slots.toLocaleString("en-US")} slots ahead ((leadMinutes + horizonHours × 60) / slotMinutes), at most ${budget.appointmentSlotsMax.toLocaleString("en-US")}; use longer slots or a shorter lead or horizon`,
      });
    }
  }
  const pools = Object.entries(sc.pools ?? {});
  over(issues, "pools", pools.length, budget.poolsMax, "pools");
  for (const [id, p] of pools) {
    if (id.length > budget.idLengthMax)
      issues.push({
        path: `pools.${id}`,
        message: `a pool id has at most ${budget.idLengthMax} characters, got ${id.length}`,
      });
    over(issues, `pools.${id}.priority`, p.priority?.length ?? 0, budget.stagesMax, "stages");
  }
}
