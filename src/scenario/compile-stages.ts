/**
 * Compiles the scenario's stages into the model's stage configs: opening hours and capacity windows to
 * schedules, distributions to milliseconds, references to stage indices, conditions to masks.
 */
import type { CapacityWindow } from "../kernel/index.js";
import { CHANNELS, DAY_MS, HOUR_MS, MINUTE_MS, type ScheduleConfig, type StageConfig } from "../model/index.js";
import type { CompileContext } from "./compile.js";
import { buildDailySchedule, conditionOf, daysBetween, toDistributionMs } from "./compile-units.js";
import type { capacityWindowSchema } from "./schema.js";

type CapacityWindowInput = import("zod").infer<typeof capacityWindowSchema>;

/** The model's stage configs, in the scenario's stage order. */
export function compileStages(c: CompileContext): StageConfig[] {
  const { sc, at, cargoIndex, zoneIndex, start, dayMs, horizonMs } = c;
  const stageIds = Object.keys(sc.stages);
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
    const zoneOf = (z: string | undefined): number => (z !== undefined ? (zoneIndex.get(z) ?? -1) : -1);
    // Each stage object is written out as one literal (no spread of a shared base): objects spread from a
    // common base get a different in-object layout once V8's slack tracking ends, so stages of one type would
    // have two hidden classes and the model's optimized code would deoptimize on the second.
    const zone = st.type === "server" || st.type === "holding" || st.type === "delay" ? zoneOf(st.zone) : -1;
    const queueZone = st.type === "server" || st.type === "holding" ? zoneOf(st.queueZone) : -1;
    const releases = (st.releases ?? []).map(at);
    const crossing = st.crossing ?? false;
    switch (st.type) {
      case "server": {
        const daily = buildDailySchedule(st.hours ?? sc.openingHours, st.servers, st.clockOffsetHours);
        const capMax = Math.max(...daily.capacities);
        const windows = windowsFor(id, capMax, st.capacityWindows);
        const schedule: ScheduleConfig = windows.length > 0 ? { ...daily, windows } : daily;
        const dayStartMs = (((-st.clockOffsetHours * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
        return {
          id,
          zone,
          queueZone,
          releases,
          crossing,
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
        return {
          id,
          zone,
          queueZone,
          releases,
          crossing,
          type: "delay",
          durationMs: toDistributionMs(st.minutes, MINUTE_MS),
          next: at(st.next),
        };
      case "holding": {
        const daily: ScheduleConfig = { startsMs: [0], capacities: [st.capacityTrucks] };
        const windows = windowsFor(id, st.capacityTrucks, st.capacityWindows);
        return {
          id,
          zone,
          queueZone,
          releases,
          crossing,
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
            id,
            zone,
            queueZone,
            releases,
            crossing,
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
          id,
          zone,
          queueZone,
          releases,
          crossing,
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
        return { id, zone, queueZone, releases, crossing, type: "sink", lost: st.lost };
    }
  });
  return stages;
}
