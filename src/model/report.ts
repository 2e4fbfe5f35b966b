/**
 * The result of one replication, read off the model's parts at the horizon: KPIs over the measured period,
 * stage figures, daily, sampled and per-stage series, and the conservation check (arrivals = cleared + in the
 * system + lost), which must hold on every run.
 */
import type { Resource } from "../kernel/index.js";
import { DAY_MS, MINUTE_MS } from "./config.js";
import type { GateModel, SimulateOptions } from "./gate-model.js";
import { Outcome } from "./observers/outcomes.js";
import { cohortSeries, journeyKpis, zoneKpis } from "./report-journeys.js";
import {
  type ConservationCheck,
  type KpiValue,
  MODEL_VERSION,
  type ReplicationResult,
  type StageResult,
} from "./result.js";
import { timeInSystemSpans } from "./time-in-system.js";

/** Demand of one direction per measured day (the days of `series.daily`). */
function demandSeries(model: GateModel, dir: number): number[] {
  const dd = model.measures.demandByDay[dir]!;
  const out: number[] = [];
  for (let d = Math.floor(model.warmupMs / DAY_MS); (d + 1) * DAY_MS <= model.horizonMs; d++) out.push(dd[d] ?? 0);
  return out;
}

/** The figures of stage s (a server, holding, delay or sink) over the measured period. */
function stageResult(model: GateModel, s: number): StageResult {
  const now = model.sim.now;
  const rt = model.network.stages;
  const fig = model.obs.figures;
  const res = rt.resources[s] as Resource | null;
  const m = (x: number): number => x / MINUTE_MS;
  const out: StageResult = {
    utilization: 0,
    busyShare: 0,
    blockedShare: 0,
    idleShare: 0,
    capacityMean: 0,
    capacityMax: 0,
    heldMean: 0,
    heldMax: 0,
    waitMinutesMean: 0,
    waitMinutesP50: 0,
    waitMinutesP95: 0,
    waitMinutesMax: 0,
    queueLengthMean: 0,
    queueLengthMax: 0,
    throughput: model.measures.completed[s] as number,
    lost: fig.lost[s] as number,
    leftEarly: fig.leftEarly[s] as number,
  };
  if (res === null) {
    if (rt.cfg[s]!.type === "rail") Object.assign(out, model.network.rail!.stageResult(s, now));
    return out;
  }
  const cap = res.capacityInForce.areaUntil(now);
  const held = res.busyServers.areaUntil(now);
  const blocked = fig.blockedTw.areaUntil(s, now);
  const wait = fig.wait[s]!;
  out.utilization = res.utilization(now);
  out.busyShare = cap > 0 ? (held - blocked) / cap : 0;
  out.blockedShare = cap > 0 ? blocked / cap : 0;
  out.idleShare = cap > 0 ? Math.max(0, 1 - held / cap) : 0;
  out.capacityMean = res.capacityInForce.mean(now);
  out.capacityMax = res.capacityInForce.max;
  out.heldMean = res.busyServers.mean(now);
  out.heldMax = res.busyServers.max;
  out.waitMinutesMean = m(res.waitMs.mean);
  out.waitMinutesP50 = wait.count > 0 ? m(wait.quantile(0.5)) : 0;
  out.waitMinutesP95 = wait.count > 0 ? m(wait.quantile(0.95)) : 0;
  out.waitMinutesMax = m(wait.max);
  out.queueLengthMean = res.queueLength.mean(now);
  out.queueLengthMax = res.queueLength.max;
  return out;
}

/** The replication's result (called once, at the horizon). */
export function buildReport(model: GateModel, options: SimulateOptions): ReplicationResult {
  const now = model.sim.now;
  const cfg = model.cfg;
  const ms = model.measures;
  const zones = model.zones;
  const rv = model.network.rendezvous;
  const rail = model.network.rail;
  const stagesRt = model.network.stages;
  const days = (model.horizonMs - model.warmupMs) / DAY_MS;
  const kpis: Record<string, KpiValue> = {};
  const k = (name: string, value: number, unit: string): void => {
    kpis[name] = { value: Number.isFinite(value) ? value : 0, unit };
  };
  const exp = ms.clearedByDir[0] as number;
  const imp = ms.clearedByDir[1] as number;
  k("throughputPerDay", (exp + imp) / days, "trucks/day");
  k("exportThroughputPerDay", exp / days, "trucks/day");
  k("importThroughputPerDay", imp / days, "trucks/day");
  const arrE = ms.arrivalsByDir[0] as number;
  const arrI = ms.arrivalsByDir[1] as number;
  k("arrivalsPerDay", (arrE + arrI) / days, "trucks/day");
  k("exportArrivalsPerDay", arrE / days, "trucks/day");
  k("importArrivalsPerDay", arrI / days, "trucks/day");
  k("lostPerDay", ms.lostMeasured / days, "trucks/day");
  const oc = model.outcomes;
  oc.report(
    k,
    days,
    cfg.sources.some((src) => src.appointment !== null),
  );
  const m = (x: number): number => x / MINUTE_MS;
  k("timeInSystemMinutesMean", m(ms.tis.mean), "minutes");
  k("timeInSystemMinutesP50", m(ms.tisHist.quantile(0.5)), "minutes");
  k("timeInSystemMinutesP95", m(ms.tisHist.quantile(0.95)), "minutes");
  k("timeInSystemMinutesP99", m(ms.tisHist.quantile(0.99)), "minutes");
  k("timeInSystemMinutesMax", m(ms.tisHist.max), "minutes");
  k("exportTimeInSystemMinutesMean", m(ms.tisByDir[0]!.mean), "minutes");
  k("importTimeInSystemMinutesMean", m(ms.tisByDir[1]!.mean), "minutes");
  zoneKpis(model, days, k);
  k("appointmentOnTimeShare", ms.bookedArrivals > 0 ? ms.onTime / ms.bookedArrivals : 0, "share");
  k("missedSlotsPerDay", ms.missedSlots / days, "trucks/day");
  k("noShowsPerDay", ms.noShows / days, "trucks/day");
  k("perishableOverThresholdShare", ms.perishableCleared > 0 ? ms.perishableLate / ms.perishableCleared : 0, "share");
  k("perishableOverThresholdPerDay", ms.perishableLate / days, "trucks/day");
  let dwell = 0;
  for (const x of ms.dwellExceeded) dwell += x;
  k("dwellLimitExceededPerDay", dwell / days, "trucks/day");
  const bl = ms.dailyBacklog;
  k("backlogEndOfDayMean", bl.length > 0 ? bl.reduce((x, y) => x + y, 0) / bl.length : ms.notCrossed, "trucks");
  k("backlogEndOfDayMax", bl.length > 0 ? Math.max(...bl) : ms.notCrossed, "trucks");
  let clearedMax = 0;
  for (let d = 0; d < ms.dailyExport.length; d++) {
    clearedMax = Math.max(clearedMax, (ms.dailyExport[d] as number) + (ms.dailyImport[d] as number));
  }
  k("clearedPerDayMax", clearedMax, "trucks/day");
  const inSystemAtEnd = model.inSystem();
  k("inSystemAtEnd", inSystemAtEnd, "trucks");
  journeyKpis(model, model.obs.journeys.finish(model.trucks, now, ms.notCrossed), k);
  // Transshipment rendezvous (models with one): the partner trucks of the other country and the wait for them.
  if (rv !== null) {
    k("transshipPartnersPerDay", rv.partnersServed / days, "trucks/day");
    k("partnerWaitMinutesMean", m(rv.partnerWaitMs.mean), "minutes");
    k("loadedWaitForPartnerMinutesMean", m(rv.loadedWaitPartnerMs.mean), "minutes");
    k("loadedWaitingForPartnerMean", rv.loadedWaitingTw.mean(now), "trucks");
    k("loadedWaitingForPartnerMax", rv.loadedWaitingTw.max, "trucks");
    k("partnerYardTrucksMean", rv.yardTw.mean(now), "trucks");
    k("partnerYardTrucksMax", rv.yardTw.max, "trucks");
    k("partnerOutsideTrucksMean", rv.outsideTw.mean(now), "trucks");
    k("partnerOutsideTrucksMax", rv.outsideTw.max, "trucks");
    k("partnerDwellLimitExceededPerDay", rv.partnerDwellExceeded / days, "trucks/day");
    k("partnersUnmatchedPerDay", rv.partnersUnmatched / days, "trucks/day");
    if (rv.expels) k("partnersExpelledPerDay", rv.partnersExpelled / days, "trucks/day");
    const loadedDwell = ms.dwellExceeded[rv.stage] as number;
    k("transshipDwellViolationsPerDay", (loadedDwell + rv.partnerDwellExceeded) / days, "trucks/day");
    rv.trips?.report(k, days, now);
  }

  // Rail terminals (models with one): loads moved by rail, trains and their fill, the wait for a train.
  if (rail !== null) {
    rail.report(k, days, now);
    k("throughputAllModesPerDay", (exp + imp + rail.movedMeasured(0) + rail.movedMeasured(1)) / days, "trucks/day");
  }

  // E-commerce parcels (models with a parcel flow): in parcels, from arrival at the zone to the border.
  model.parcels?.report(k, days);

  const stages: Record<string, StageResult> = {};
  for (let s = 0; s < stagesRt.n; s++) {
    const st = stagesRt.cfg[s]!;
    if (st.type === "branch") continue;
    stages[st.id] = stageResult(model, s);
  }
  for (let g = 0; g < cfg.laneGroups.length; g++) {
    k(`laneGroup${g}.shiftMean`, model.lanes.shiftTw[g]!.mean(now), "lanes");
  }
  model.network.breakdowns?.report(k, now, days);
  model.network.pools?.report(
    k,
    stagesRt.cfg.map((st) => st.id),
    now,
    days,
  );

  const sampled: Record<string, number[]> = { inSystem: ms.sampleInSystem, vnQueue: zones.groupSeries(zones.vn) };
  if (rv !== null) sampled.partnerYard = rv.yardSeries;
  // The NH1A queue and the park yard as areas (all their zones), then every zone on its own.
  const nh1aArea = zones.areaGroups[zones.areaIndex("nh1a")];
  const yardArea = zones.areaGroups[zones.areaIndex("yard")];
  if (nh1aArea) sampled.nh1aQueue = zones.groupSeries(nh1aArea);
  if (yardArea) sampled.yardOccupancy = zones.groupSeries(yardArea);
  if (rv?.trips) sampled.tripTrucksOnRoad = rv.trips.series;
  rail?.series(sampled);
  if (model.parcels !== null) sampled["parcels.lineQueue"] = model.parcels.queueSeries;
  cfg.zones.forEach((z, i) => {
    if (z.id !== "nh1a" && z.id !== "yard") sampled[`zone.${z.id}`] = zones.series[i]!;
  });

  // Trucks generated but not yet arrived (booked ahead) hold pool slots without being arrivals, and slots
  // kept for a partner still en route (its loaded truck already left) are not trucks in the system.
  // Every way out besides crossing is its own term: lost, balked, reneged, expelled, diverted by crossing.
  const divertedByCrossing: Record<string, number> = {};
  oc.crossings.forEach((c, i) => {
    divertedByCrossing[c] = oc.divertedAll[i] as number;
  });
  // Loads moved by rail left the road network without crossing at the gate: neither cleared nor lost.
  const movedByRail = rail !== null ? rail.movedAll : 0;
  const conservation: ConservationCheck = {
    arrivals: ms.arrivalsAll,
    cleared: ms.exitsAll,
    inSystemAtEnd,
    lost: ms.lostAll,
    balked: oc.leftAll[Outcome.balked] as number,
    reneged: oc.leftAll[Outcome.reneged] as number,
    expelled: oc.leftAll[Outcome.expelled] as number,
    diverted: divertedByCrossing,
    holds: ms.arrivalsAll === ms.exitsAll + movedByRail + inSystemAtEnd + ms.lostAll + oc.leftTotalAll,
  };
  if (rail !== null) conservation.movedByRail = movedByRail;
  if (!conservation.holds) {
    throw new Error(
      `conservation of trucks fails in "${cfg.name}": arrivals ${ms.arrivalsAll} ≠ cleared ${ms.exitsAll} + ` +
        `moved by rail ${movedByRail} + in system ${inSystemAtEnd} + lost ${ms.lostAll} + balked, reneged, ` +
        `expelled or diverted ${oc.leftTotalAll} (a model bug)`,
    );
  }

  return {
    modelVersion: MODEL_VERSION,
    scenarioName: options.scenarioName ?? cfg.name,
    scenarioHash: options.scenarioHash ?? "",
    seed: options.seed,
    replication: options.replication,
    horizonDays: model.horizonMs / DAY_MS,
    warmupDays: model.warmupMs / DAY_MS,
    calendar: { startDate: cfg.calendar.startDate, utcOffsetHours: cfg.calendar.utcOffsetHours },
    timeInSystemSpans: timeInSystemSpans(cfg),
    kpis,
    stages,
    series: {
      sampleStepMinutes: cfg.kpi.sampleStepMs / MINUTE_MS,
      daily: {
        arrivals: ms.dailyArrivals,
        exportCleared: ms.dailyExport,
        importCleared: ms.dailyImport,
        backlogEndOfDay: ms.dailyBacklog,
        ...(rail !== null ? { railMoved: rail.dailyMoved } : {}),
        ...(model.parcels !== null
          ? {
              parcelsArrived: model.parcels.dailyArrived,
              parcelsSorted: model.parcels.dailySorted,
              parcelsBacklog: model.parcels.dailyBacklog,
            }
          : {}),
        // Trucks intending to arrive each day (by the day of their intended arrival, before punctuality and
        // slot shifts): identical across scenarios with the same demand and seed (common random numbers).
        exportDemand: demandSeries(model, 0),
        importDemand: demandSeries(model, 1),
        ...cohortSeries(model),
      },
      sampled,
      stageStepMinutes: model.stageSeries.stepMs / MINUTE_MS,
      stages: model.stageSeries.series,
    },
    conservation,
    events: model.sim.steps,
  };
}
