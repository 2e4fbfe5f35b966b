/**
 * Compiles the scenario's demand into the model's sources: scope factor, hour and weekday profiles (the
 * weekdays turned to start at the run's first day), seasons as dated windows, shares as probabilities.
 */
import { type AppointmentConfig, DAY_MS, DIRECTIONS, HOUR_MS, MINUTE_MS, type SourceConfig } from "../model/index.js";
import type { CompileContext } from "./compile.js";
import { compileDivertTo, compileQuotaTable, diversionOf } from "./compile-diversion.js";
import { buildDailySchedule, daysBetween } from "./compile-units.js";
import type { Scenario } from "./schema.js";

/** The 24 hourly weights of an hour profile as written. */
export function hourWeightsOf(p: NonNullable<Scenario["demand"]["export"]>["hourProfile"]): number[] {
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
      appointment: ap ? compileAppointment(c, ap, ["demand", dir, "appointment"]) : null,
    });
  });
  return sources;
}

type AppointmentInput = NonNullable<NonNullable<Scenario["demand"]["export"]>["appointment"]>;

/** The booking system of one direction. */
/** The quota rule's policy fields (a built-in `rule`, or a `module`). */
function quotaRefOf(
  c: CompileContext,
  qr: NonNullable<AppointmentInput["quotaRule"]>,
  path: string[],
): { policy: string; module?: number; params?: Record<string, unknown> } {
  const params = qr.params ? { params: qr.params } : {};
  const r = c.policies.ref(
    "quota",
    qr.module === undefined ? { rule: qr.rule ?? "fixed", ...params } : { module: qr.module, ...params },
    [...path, "quotaRule"],
  );
  return {
    policy: r.name,
    ...(r.module === undefined ? {} : { module: r.module }),
    ...(r.params === undefined ? {} : { params: r.params }),
  };
}

function compileAppointment(c: CompileContext, ap: AppointmentInput, path: string[]): AppointmentConfig {
  const { sc, at } = c;
  const booked = ap.bookFor !== undefined ? sc.stages[ap.bookFor] : undefined;
  const clockOffsetHours = booked?.type === "server" ? booked.clockOffsetHours : 0;
  const qr = ap.quotaRule;
  return {
    share: ap.sharePercent / 100,
    slotMs: ap.slotMinutes * MINUTE_MS,
    stage: ap.bookFor !== undefined ? at(ap.bookFor) : -1,
    // Without a booked stage, slots follow the scenario's opening hours (the default hours of every server).
    openSchedule: ap.bookFor !== undefined ? null : buildDailySchedule(sc.openingHours, 1, 0),
    ...compileQuotaTable(ap.quotaPerSlot, ap.quotaByTime, clockOffsetHours),
    horizonMs: ap.horizonHours * HOUR_MS,
    whenNoSlot: ap.whenNoSlot,
    divertTo: ap.divertTo ? compileDivertTo(c, ap.divertTo) : [],
    ...diversionOf(c),
    graceMs: (ap.graceMinutes ?? ap.toleranceMinutes) * MINUTE_MS,
    whenLate: ap.whenLate,
    quotaRule: qr
      ? {
          ...quotaRefOf(c, qr, path),
          stage: at(qr.stage),
          fromPercent: qr.fromPercent,
          toPercent: qr.toPercent,
          minPercent: qr.minPercent,
        }
      : null,
    ...appointmentOf(c),
    overbookFraction: ap.overbookPercent / 100,
    punctualitySdMs: ap.punctualitySdMinutes * MINUTE_MS,
    toleranceMs: ap.toleranceMinutes * MINUTE_MS,
    noShowProbability: ap.noShowPercent / 100,
    leadMs: ap.leadMinutes * MINUTE_MS,
  };
}
