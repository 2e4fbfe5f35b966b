/**
 * Compiles the e-commerce parcel flow: peaks to dated windows, the line's hours to a daily open/closed
 * profile, cut-off times to milliseconds of the day, the packed trucks' shares to probabilities.
 */
import { DAY_MS, DIRECTIONS, MINUTE_MS, type ParcelsConfig } from "../model/index.js";
import type { CompileContext } from "./compile.js";
import { hourWeightsOf } from "./compile-demand.js";
import { buildDailySchedule, daysBetween, minutesOf } from "./compile-units.js";

/** The model's parcel flow, or undefined when the scenario has none (its hash then stays as it was). */
export function compileParcels(c: CompileContext): ParcelsConfig | undefined {
  const p = c.sc.parcels;
  if (p === undefined) return undefined;
  const weights = hourWeightsOf(p.hourProfile);
  const sum = weights.reduce((a, b) => a + b, 0);
  const ch = p.truck.channelPercent;
  return {
    direction: DIRECTIONS.indexOf(p.direction),
    entryStage: c.at(p.entry),
    parcelsPerDay: p.parcelsPerDay,
    hourWeights: weights.map((w) => (w * 24) / sum),
    dailyCv: p.dailyCvPercent / 100,
    windows: p.peaks
      .map((w) => ({
        fromMs: Math.max(0, daysBetween(c.start, w.from) * DAY_MS),
        toMs: (daysBetween(c.start, w.to) + 1) * DAY_MS,
        factor: w.factor,
      }))
      .filter((w) => w.toMs > w.fromMs),
    lineParcelsPerHour: p.line.parcelsPerHour,
    lineSchedule: buildDailySchedule(p.line.hours, 1, 0),
    parcelsPerTruck: p.parcelsPerTruck,
    cutoffsMs: p.cutoffs.map((t) => (minutesOf(t) * MINUTE_MS) % DAY_MS).sort((a, b) => a - b),
    cargo: p.truck.cargo !== undefined ? (c.cargoIndex.get(p.truck.cargo) ?? 0) : 0,
    containerShare: p.truck.containerPercent / 100,
    transshipShare: p.truck.transshipPercent / 100,
    channelShares: ch ? [ch.green / 100, ch.yellow / 100, ch.red / 100] : [],
    stepMs: p.stepMinutes * MINUTE_MS,
  };
}
