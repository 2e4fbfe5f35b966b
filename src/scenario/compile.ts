/**
 * Compiles a validated scenario (planners' units) into the model's ms-based configuration, once, and
 * computes its hash and the list of parameters that rest on assumptions.
 */
import { createHash } from "node:crypto";
import type { CapacityWindow, DistributionSpec } from "../kernel/index.js";
import {
  CHANNELS,
  type ConditionConfig,
  DAY_MS,
  DIRECTIONS,
  FLAG_NAMES,
  HOUR_MS,
  MINUTE_MS,
  type ModelConfig,
  type ScheduleConfig,
  type SourceConfig,
  type StageConfig,
} from "../model/index.js";
import type { capacityWindowSchema, DistributionInput, Scenario } from "./schema.js";

type CapacityWindowInput = import("zod").infer<typeof capacityWindowSchema>;

/** A scenario ready to run: plain data (structured-clonable), with its hash and assumed inputs. */
export interface CompiledScenario {
  name: string;
  title: string;
  /** sha256 hex of the canonical JSON of `config`. */
  hash: string;
  config: ModelConfig;
  /** Dotted paths of parameters marked assumed in `sources`. */
  assumedInputs: string[];
  horizonDays: number;
  warmupDays: number;
  /** The scenario's default seed. */
  seed: number | string;
}

/** JSON with object keys sorted, so that equal configs hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) return JSON.stringify(String(value));
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

/** A distribution in `unitMs` (minutes: 60,000) as a kernel spec in ms. */
export function toDistributionMs(d: DistributionInput, unitMs: number): DistributionSpec {
  if (typeof d === "number") return { type: "deterministic", value: d * unitMs };
  switch (d.type) {
    case "deterministic":
      return { type: "deterministic", value: d.value * unitMs };
    case "exponential":
      return { type: "exponential", mean: d.mean * unitMs };
    case "uniform":
      return { type: "uniform", min: d.min * unitMs, max: d.max * unitMs };
    case "triangular":
      return { type: "triangular", min: d.min * unitMs, mode: d.mode * unitMs, max: d.max * unitMs };
    case "normal": {
      const out: { type: "normal"; mean: number; sd: number; min?: number; max?: number } = {
        type: "normal",
        mean: d.mean * unitMs,
        sd: d.sd * unitMs,
        // A duration is never negative: truncate at 0 unless the scenario says otherwise.
        min: (d.min ?? 0) * unitMs,
      };
      if (d.max !== undefined) out.max = d.max * unitMs;
      return out;
    }
    case "lognormal":
      return { type: "lognormal", mean: d.mean * unitMs, cv: d.cv };
    case "gamma":
      return { type: "gamma", shape: d.shape, scale: d.scale * unitMs };
    case "erlang":
      return { type: "erlang", k: d.k, mean: d.mean * unitMs };
    case "weibull":
      return { type: "weibull", shape: d.shape, scale: d.scale * unitMs };
    case "empirical":
      return { type: "empirical", values: d.values.map((v) => v * unitMs), weights: [...d.weights] };
    case "empiricalContinuous":
      return { type: "empiricalContinuous", points: d.points.map((v) => v * unitMs), probs: [...d.probs] };
  }
}

/** Days from `startDate` to `date` (both "YYYY-MM-DD"). */
export function daysBetween(startDate: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / DAY_MS);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** A daily capacity profile from opening hours, shifted from the stage's clock to the VN clock. */
export function buildDailySchedule(
  hours: Scenario["openingHours"],
  servers: number,
  clockOffsetHours: number,
): ScheduleConfig {
  if (hours === "24h") return { startsMs: [0], capacities: [servers] };
  const dayMin = 1440;
  const shift = Math.round(clockOffsetHours * 60);
  // Capacity per minute of the VN day: sum of the intervals covering it.
  const perMinute = new Int32Array(dayMin);
  for (const iv of hours) {
    const c = iv.servers ?? servers;
    const from = (((minutesOf(iv.from) - shift) % dayMin) + dayMin) % dayMin;
    let len = minutesOf(iv.to) - minutesOf(iv.from);
    if (len <= 0) len += dayMin;
    for (let k = 0; k < len; k++) perMinute[(from + k) % dayMin] = (perMinute[(from + k) % dayMin] as number) + c;
  }
  const startsMs: number[] = [0];
  const capacities: number[] = [perMinute[0] as number];
  for (let k = 1; k < dayMin; k++) {
    if (perMinute[k] !== perMinute[k - 1]) {
      startsMs.push(k * MINUTE_MS);
      capacities.push(perMinute[k] as number);
    }
  }
  if (startsMs.length === 1) return { startsMs, capacities };
  return { startsMs, capacities, periodMs: DAY_MS };
}

function conditionOf(
  c: {
    direction?: string[] | undefined;
    cargo?: string[] | undefined;
    channel?: string[] | undefined;
    [flag: string]: unknown;
  },
  cargoIndex: Map<string, number>,
): ConditionConfig {
  let directionMask = 0b11;
  if (c.direction) directionMask = c.direction.reduce((m, d) => m | (1 << DIRECTIONS.indexOf(d as "export")), 0);
  let cargoMask = -1 >>> 0;
  if (c.cargo) cargoMask = c.cargo.reduce((m, id) => m | (1 << (cargoIndex.get(id) ?? 31)), 0);
  let channelMask = 0b1111;
  if (c.channel) {
    channelMask = c.channel.reduce((m, ch) => m | (ch === "none" ? 1 : 1 << (CHANNELS.indexOf(ch as "red") + 1)), 0);
  }
  let flagsSet = 0;
  let flagsClear = 0;
  for (const [name, bit] of Object.entries(FLAG_NAMES)) {
    const v = c[name];
    if (v === true) flagsSet |= bit;
    else if (v === false) flagsClear |= bit;
  }
  return { directionMask, cargoMask, channelMask, flagsSet, flagsClear };
}

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

/** Compiles a validated scenario into the model's configuration. */
export function compileScenario(sc: Scenario): CompiledScenario {
  const stageIds = Object.keys(sc.stages);
  const idx = new Map(stageIds.map((id, i) => [id, i]));
  const at = (id: string | undefined): number => idx.get(id ?? "") ?? -1;
  const cargoIndex = new Map(sc.cargoClasses.map((c, i) => [c.id, i]));
  const zoneIndex = new Map(sc.zones.map((z, i) => [z.id, i]));
  const start = sc.calendar.startDate;
  const dayMs = (w: { day?: number | undefined; date?: string | undefined }): number =>
    (w.day ?? daysBetween(start, w.date ?? start)) * DAY_MS;
  const horizonMs = sc.horizonDays * DAY_MS;

  const windowsFor = (id: string, baseMax: number, list: CapacityWindowInput[] | undefined): CapacityWindow[] => {
    const out: CapacityWindow[] = [];
    for (const w of list ?? []) {
      const from0 = dayMs(w) + Math.round(w.fromHour * HOUR_MS);
      const len = Math.round(w.hours * HOUR_MS);
      if (w.daily) {
        for (let t = from0; t < horizonMs; t += DAY_MS) out.push({ fromMs: t, toMs: t + len, delta: w.servers });
      } else out.push({ fromMs: from0, toMs: from0 + len, delta: w.servers });
    }
    for (const s of sc.seasons) {
      if (s.capacityFactor === undefined) continue;
      const stageList = s.stages;
      const applies = stageList ? stageList.includes(id) : sc.stages[id]?.type === "server";
      if (!applies) continue;
      const fromMs = daysBetween(start, s.from) * DAY_MS;
      const toMs = (daysBetween(start, s.to) + 1) * DAY_MS;
      const delta = Math.round(baseMax * s.capacityFactor) - baseMax;
      if (delta !== 0 && toMs > 0) out.push({ fromMs: Math.max(0, fromMs), toMs, delta });
    }
    return out.filter((w) => w.toMs > w.fromMs && w.toMs > 0).map((w) => ({ ...w, fromMs: Math.max(0, w.fromMs) }));
  };

  const stages: StageConfig[] = stageIds.map((id) => {
    const st = sc.stages[id]!;
    const base = {
      id,
      zone: st.zone !== undefined ? (zoneIndex.get(st.zone) ?? -1) : -1,
      releases: (st.releases ?? []).map(at),
      crossing: st.crossing ?? false,
    };
    switch (st.type) {
      case "server": {
        const daily = buildDailySchedule(st.hours ?? sc.openingHours, st.servers, st.clockOffsetHours);
        const capMax = Math.max(...daily.capacities);
        const windows = windowsFor(id, capMax, st.capacityWindows);
        const schedule: ScheduleConfig = windows.length > 0 ? { ...daily, windows } : daily;
        const dayStartMs = (((-st.clockOffsetHours * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
        return {
          ...base,
          type: "server",
          schedule,
          serviceMs: toDistributionMs(st.serviceMinutes, MINUTE_MS),
          serviceByCargoMs: sc.cargoClasses.map((c) => {
            const o = st.serviceMinutesByCargo?.[c.id];
            return o === undefined ? null : toDistributionMs(o, MINUTE_MS);
          }),
          adders: (st.adders ?? []).map((a) => ({
            when: conditionOf(a.when, cargoIndex),
            probability: a.percent / 100,
            durationMs: toDistributionMs(a.minutes, MINUTE_MS),
          })),
          rendezvous: st.rendezvous
            ? {
                dispatchStage: st.rendezvous.dispatchAt !== undefined ? at(st.rendezvous.dispatchAt) : -1,
                partnerArrivalMs: toDistributionMs(st.rendezvous.partnerArrivalMinutes, MINUTE_MS),
                partnerYardStalls: st.rendezvous.partnerYardStalls ?? Number.POSITIVE_INFINITY,
                partnerDwellLimitMs:
                  st.rendezvous.partnerDwellLimitHours !== undefined
                    ? st.rendezvous.partnerDwellLimitHours * HOUR_MS
                    : Number.POSITIVE_INFINITY,
              }
            : null,
          discipline: st.discipline === "callForward" ? "priority" : "fifo",
          callForward: st.callForward ?? sc.policies.callForward,
          queueLengthMax: st.queueMax ?? Number.POSITIVE_INFINITY,
          whenFull: st.whenFull,
          dailyCapTrucks: st.dailyCapTrucks ?? Number.POSITIVE_INFINITY,
          dailyCapDayStartMs: dayStartMs,
          dwellLimitMs: st.dwellLimitHours !== undefined ? st.dwellLimitHours * HOUR_MS : Number.POSITIVE_INFINITY,
          next: at(st.next),
        };
      }
      case "delay":
        return { ...base, type: "delay", durationMs: toDistributionMs(st.minutes, MINUTE_MS), next: at(st.next) };
      case "holding": {
        const daily: ScheduleConfig = { startsMs: [0], capacities: [st.capacityTrucks] };
        const windows = windowsFor(id, st.capacityTrucks, st.capacityWindows);
        return {
          ...base,
          type: "holding",
          schedule: windows.length > 0 ? { ...daily, windows } : daily,
          discipline: st.discipline === "callForward" ? "priority" : "fifo",
          callForward: st.callForward ?? sc.policies.callForward,
          next: at(st.next),
        };
      }
      case "branch": {
        if (st.select) {
          const sel = st.select;
          return {
            ...base,
            type: "branch",
            routes: [
              { when: null, weight: 0, next: at(sel.selected) },
              { when: null, weight: 0, next: at(sel.otherwise) },
            ],
            selection: {
              policy: sel.policy ?? sc.policies.xraySelection,
              randomProbability: sel.randomPercent / 100,
              cargoMask: sel.alwaysCargo.reduce((m, c) => m | (1 << (cargoIndex.get(c) ?? 31)), 0),
              channelMask: sel.alwaysChannels.reduce((m, c) => m | (1 << (CHANNELS.indexOf(c) + 1)), 0),
            },
          };
        }
        return {
          ...base,
          type: "branch",
          routes: (st.routes ?? []).map((r) => ({
            when: r.when ? conditionOf(r.when, cargoIndex) : null,
            weight: r.percent ?? 0,
            next: at(r.to),
          })),
          selection: null,
        };
      }
      default:
        return { ...base, type: "sink", lost: st.lost };
    }
  });

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
            policy: sc.policies.appointment,
            overbookFraction: ap.overbookPercent / 100,
            punctualitySdMs: ap.punctualitySdMinutes * MINUTE_MS,
            toleranceMs: ap.toleranceMinutes * MINUTE_MS,
            noShowProbability: ap.noShowPercent / 100,
            leadMs: ap.leadMinutes * MINUTE_MS,
          }
        : null,
    });
  });

  const la = sc.policies.laneAllocation;
  const config: ModelConfig = {
    name: sc.name,
    horizonDays: sc.horizonDays,
    warmupDays: sc.warmupDays,
    cargoClasses: sc.cargoClasses.map((c) => c.id),
    perishableClasses: sc.cargoClasses.map((c) => c.perishable),
    stages,
    sources,
    zones: sc.zones.map((z) => ({ id: z.id, idling: z.idling })),
    laneGroups:
      la.stages && la.rule !== "fixed"
        ? [
            {
              policy: la.rule,
              stages: [at(la.stages[0]), at(la.stages[1])],
              lanesShiftMax: la.lanesShiftMax,
              thresholdTrucks: la.thresholdTrucks,
              reviewMs: la.reviewMinutes * MINUTE_MS,
            },
          ]
        : [],
    kpi: {
      perishableThresholdMs: sc.kpi.perishableThresholdHours * HOUR_MS,
      co2KgPerIdleHour: sc.kpi.co2KgPerIdleHour,
      sampleStepMs: sc.kpi.sampleStepMinutes * MINUTE_MS,
    },
    trucksInSystemMax: sc.trucksInSystemMax,
  };
  const hash = createHash("sha256").update(canonicalJson(config)).digest("hex");
  const assumedInputs = Object.entries(sc.sources)
    .filter(([, v]) => v.kind === "assumed")
    .map(([k]) => k)
    .sort();
  return {
    name: sc.name,
    title: sc.title,
    hash,
    config,
    assumedInputs,
    horizonDays: sc.horizonDays,
    warmupDays: sc.warmupDays,
    seed: sc.seed,
  };
}
