/**
 * Compiles the scenario's demand into the model's sources: scope factor, hour and weekday profiles (the
 * weekdays turned to start at the run's first day), seasons as dated windows, shares as probabilities.
 */
import { DAY_MS, DIRECTIONS, MINUTE_MS, type SourceConfig } from "../model/index.js";
import type { CompileContext } from "./compile.js";
import { daysBetween } from "./compile-units.js";
import type { Scenario } from "./schema.js";

function hourWeightsOf(p: NonNullable<Scenario["demand"]["export"]>["hourProfile"]): number[] {
  if (p === "flat") return new Array(24).fill(1);
  if (Array.isArray(p)) return [...p];
  const out: number[] = [];
  for (let h = 0; h < 24; h++) {
    const night = p.nightFrom <= p.nightTo ? h >= p.nightFrom && h < p.nightTo : h >= p.nightFrom || h < p.nightTo;
    out.push(night ? p.nightWeight : p.dayWeight);
  }
  return out;
}

/** The booking-rule fields of an appointment layer (the scenario's `policies.appointment`). */
function appointmentOf(c: CompileContext) {
  const r = c.policies.ref("appointment", c.sc.policies.appointment, ["policies", "appointment"]);
  return {
    policy: r.name,
    ...(r.module === undefined ? {} : { module: r.module }),
    ...(r.params === undefined ? {} : { params: r.params }),
  };
}

/** One source per direction that has demand. */
export function compileSources(c: CompileContext): SourceConfig[] {
  const { sc, at, start } = c;
  // Day-of-week factors are written Monday..Sunday; the model indexes them from the run's first day.
  const startDow = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7;
  const sources: SourceConfig[] = [];
  DIRECTIONS.forEach((dir, d) => {
    const dem = sc.demand[dir];
    if (!dem) return;
    const dow = dem.dayOfWeek ?? [1, 1, 1, 1, 1, 1, 1];
    const windows = sc.seasons
      .map((s) => {
        const f = typeof s.demandFactor === "number" ? s.demandFactor : (s.demandFactor[dir] ?? 1);
        return {
          fromMs: Math.max(0, daysBetween(start, s.from) * DAY_MS),
          toMs: (daysBetween(start, s.to) + 1) * DAY_MS,
          factor: f,
        };
      })
      .filter((w) => w.factor !== 1 && w.toMs > w.fromMs);
    const ap = dem.appointment;
    sources.push({
      id: dir,
      direction: d,
      entryStage: at(dem.entry),
      trucksPerDay: dem.trucksPerDay * sc.scope.factor,
      hourWeights: hourWeightsOf(dem.hourProfile),
      dayOfWeekFactors: Array.from({ length: 7 }, (_, k) => dow[(startDow + k) % 7] as number),
      windows,
      growthPerYear: dem.growthPercentPerYear / 100,
      dailyCv: dem.dailyCvPercent / 100,
      cargoMix: dem.cargoMixPercent
        ? sc.cargoClasses.map((c) => (dem.cargoMixPercent?.[c.id] ?? 0) / 100)
        : sc.cargoClasses.map((_, i) => (i === 0 ? 1 : 0)),
      containerShare: dem.containerPercent / 100,
      transshipShare: dem.transshipPercent / 100,
      plateReadProbability: dem.plateReadPercent / 100,
      channelShares: dem.channelPercent
        ? [dem.channelPercent.green / 100, dem.channelPercent.yellow / 100, dem.channelPercent.red / 100]
        : [],
      appointment: ap
        ? {
            share: ap.sharePercent / 100,
            slotMs: ap.slotMinutes * MINUTE_MS,
            quotaPerSlot: ap.quotaPerSlot,
            ...appointmentOf(c),
            overbookFraction: ap.overbookPercent / 100,
            punctualitySdMs: ap.punctualitySdMinutes * MINUTE_MS,
            toleranceMs: ap.toleranceMinutes * MINUTE_MS,
            noShowProbability: ap.noShowPercent / 100,
            leadMs: ap.leadMinutes * MINUTE_MS,
          }
        : null,
    });
  });
  return sources;
}
