/**
 * The KPIs of where trucks stand and how their journeys end, read off the observers at the horizon: zone
 * occupancy and truck-hours by kind (idling only in creeping queues, parked apart), the Vietnamese-side
 * queue, waits and times in system by class, the trucks still waiting at the horizon with their ages, the
 * time in system with those trucks counted at their age (censored), and the arrival-day cohorts.
 */
import { DAY_MS, DIRECTIONS, HOUR_MS, MINUTE_MS, type ZoneKind } from "./config.js";
import type { GateModel } from "./gate-model.js";
import type { WaitingAtEnd } from "./observers/journeys.js";
import { overnightMean } from "./observers/outcomes.js";
import type { ZoneGroup } from "./observers/zones.js";

/** Adds one KPI (a non-finite value is reported as 0). */
export type KpiSink = (name: string, value: number, unit: string) => void;

/** Quantile q of ascending values (nearest rank), 0 when empty. */
function quantileSorted(xs: Float64Array, q: number): number {
  if (xs.length === 0) return 0;
  return xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))] as number;
}

/** Zone occupancy, truck-hours by zone kind, idling CO₂ and the Vietnamese-side queue. */
export function zoneKpis(model: GateModel, days: number, k: KpiSink): void {
  const now = model.sim.now;
  const zones = model.zones;
  const cfg = model.cfg;
  const zoneMean = (i: number): number => (i >= 0 ? zones.tw.mean(i, now) : 0);
  const zoneMax = (i: number): number => (i >= 0 ? (zones.tw.max[i] as number) : 0);
  // The NH1A queue and the park yard are areas: the zones declared with that area (or that id) together.
  const area = (name: string): ZoneGroup | undefined => zones.areaGroups[zones.areaIndex(name)];
  const areaMean = (g: ZoneGroup | undefined): number => (g ? zones.groupMean(g, now) : 0);
  const areaMax = (g: ZoneGroup | undefined): number => (g ? zones.groupMax(g) : 0);
  k("nh1aQueueTrucksMean", areaMean(area("nh1a")), "trucks");
  k("nh1aQueueTrucksMax", areaMax(area("nh1a")), "trucks");
  // Trucks waiting on NH1A through the night (sampled), when the gates are closed (default 22:00-07:00).
  const nh1a = area("nh1a");
  const night = nh1a
    ? overnightMean(
        zones.groupSeries(nh1a),
        model.warmupMs,
        cfg.kpi.sampleStepMs,
        cfg.kpi.overnightFromMs ?? 22 * HOUR_MS,
        cfg.kpi.overnightToMs ?? 7 * HOUR_MS,
      )
    : 0;
  k("nh1aQueueTrucksOvernightMean", night, "trucks");
  k("yardOccupancyMean", areaMean(area("yard")), "trucks");
  k("yardOccupancyMax", areaMax(area("yard")), "trucks");
  zones.areas.forEach((name, a) => {
    const g = zones.areaGroups[a]!;
    if (g.zones.length < 2) return;
    k(`area.${name}.trucksMean`, areaMean(g), "trucks");
    k(`area.${name}.trucksMax`, areaMax(g), "trucks");
  });
  for (let z = 0; z < cfg.zones.length; z++) {
    const id = cfg.zones[z]!.id;
    k(`zone.${id}.trucksMean`, zoneMean(z), "trucks");
    k(`zone.${id}.trucksMax`, zoneMax(z), "trucks");
    k(`zone.${id}.truckHoursPerDay`, zones.tw.areaUntil(z, now) / HOUR_MS / days, "truck-hours/day");
  }
  const perDay = (kind: ZoneKind): number => zones.truckHours(kind, now) / days;
  const idle = perDay("queue");
  k("idleTruckHoursPerDay", idle, "truck-hours/day");
  k("idleCo2KgPerDay", idle * cfg.kpi.co2KgPerIdleHour, "kg CO2/day");
  k("parkedTruckHoursPerDay", perDay("parked"), "truck-hours/day");
  k("vnQueueTrucksMean", zones.groupMean(zones.vn, now), "trucks");
  k("vnQueueTrucksMax", zones.groupMax(zones.vn), "trucks");
}

/** Waits and times in system by class, survivors at the horizon, censored time in system. */
export function journeyKpis(model: GateModel, waiting: WaitingAtEnd, k: KpiSink): void {
  const j = model.obs.journeys;
  const ms = model.measures;
  const m = (x: number): number => x / MINUTE_MS;
  let waitSum = 0;
  let waitN = 0;
  j.classKeys.forEach((key, c) => {
    const n = j.classCount[c]!;
    k(`class.${key}.waitMinutesMean`, n > 0 ? m(j.classWaitMs[c]! / n) : 0, "minutes");
    k(`class.${key}.timeInSystemMinutesMean`, n > 0 ? m(j.classTisMs[c]! / n) : 0, "minutes");
    if (key.startsWith("cargo.")) {
      waitSum += j.classWaitMs[c]!;
      waitN += n;
    }
  });
  k("waitMinutesMean", waitN > 0 ? m(waitSum / waitN) : 0, "minutes");
  const arrived = ms.arrivalsByDir[0]! + ms.arrivalsByDir[1]!;
  k("lossRatio", arrived > 0 ? ms.lostMeasured / arrived : 0, "share");
  k("stillWaitingAtEnd", waiting.count, "trucks");
  let ageSum = 0;
  for (const a of waiting.agesMs) ageSum += a;
  const h = (x: number): number => x / HOUR_MS;
  k("stillWaitingAgeHoursMean", waiting.count > 0 ? h(ageSum / waiting.count) : 0, "hours");
  k("stillWaitingAgeHoursP95", h(quantileSorted(waiting.agesMs, 0.95)), "hours");
  k("stillWaitingAgeHoursMax", h(waiting.count > 0 ? (waiting.agesMs[waiting.count - 1] as number) : 0), "hours");
  k("perishableStillWaitingOverThreshold", waiting.perishableOverThreshold, "trucks");
  // Trucks of the measured arrival days: crossed at their time in system, still waiting at their age.
  let n = 0;
  let sum = 0;
  let still = 0;
  DIRECTIONS.forEach((dir, d) => {
    const nd = j.crossedByDir[d]! + j.waitingByDir[d]!;
    const sd = j.crossedTisMsByDir[d]! + j.waitingAgeMsByDir[d]!;
    k(`${dir}TimeInSystemCensoredMinutesMean`, nd > 0 ? m(sd / nd) : 0, "minutes");
    n += nd;
    sum += sd;
    still += j.waitingByDir[d]!;
  });
  k("timeInSystemCensoredMinutesMean", n > 0 ? m(sum / n) : 0, "minutes");
  k("stillWaitingShare", n > 0 ? still / n : 0, "share");
  windowKpis(model, k);
}

/** The measure windows inside the measured period: their arrivals' time in system and the listed lines. */
function windowKpis(model: GateModel, k: KpiSink): void {
  const j = model.obs.journeys;
  const mw = model.windows;
  const stages = model.cfg.stages;
  mw.cfg.forEach((w, i) => {
    if (!mw.inside[i]) return;
    const p = `window.${w.name}`;
    const n = j.winCrossed[i]! + j.winWaiting[i]!;
    k(`${p}.arrivals`, j.winArrived[i]!, "trucks");
    k(`${p}.timeInSystemCensoredMinutesMean`, n > 0 ? (j.winTisMs[i]! + j.winAgeMs[i]!) / n / MINUTE_MS : 0, "minutes");
    k(`${p}.stillWaitingAtEnd`, j.winWaiting[i]!, "trucks");
    w.stages.forEach((s, q) => {
      k(`${p}.${stages[s]!.id}.queueLengthMean`, mw.queueLengthMean[i]![q]!, "trucks");
    });
  });
}

/** Arrival-day cohorts over the measured days (the days of `series.daily`). */
export function cohortSeries(model: GateModel): Record<string, number[]> {
  const j = model.obs.journeys;
  const arrived: number[] = [];
  const crossed: number[] = [];
  const lost: number[] = [];
  const waiting: number[] = [];
  const restricted: number[] = [];
  for (let d = Math.floor(model.warmupMs / DAY_MS); (d + 1) * DAY_MS <= model.horizonMs; d++) {
    arrived.push(j.cohortArrived[d] ?? 0);
    crossed.push(j.cohortCrossed[d] ?? 0);
    lost.push(j.cohortLeft[d] ?? 0);
    waiting.push(j.cohortWaiting[d] ?? 0);
    const n = (j.cohortCrossed[d] ?? 0) + (j.cohortWaiting[d] ?? 0);
    const total = (j.cohortTisMs[d] ?? 0) + (j.cohortAgeMs[d] ?? 0);
    restricted.push(n > 0 ? total / n / MINUTE_MS : 0);
  }
  return {
    cohortArrived: arrived,
    cohortCrossed: crossed,
    cohortLeft: lost,
    cohortStillWaiting: waiting,
    cohortTimeInSystemCensoredMinutesMean: restricted,
  };
}
