/**
 * Compiles the scenario's stages into the model's stage configs: opening hours and capacity windows to
 * schedules (compile-capacity.ts), distributions to milliseconds, references to stage indices, conditions to masks.
 */
import { CHANNELS, DAY_MS, HOUR_MS, MINUTE_MS, type StageConfig } from "../model/index.js";
import type { CompileContext } from "./compile.js";
import { breakdownsOf, dailyCapOf, holdingScheduleOf, serverScheduleOf } from "./compile-capacity.js";
import { compileBalking, compileReneging } from "./compile-diversion.js";
import { compileRailStage } from "./compile-rail.js";
import { tripRoutesOf } from "./compile-trips.js";
import { conditionOf, toDistributionMs } from "./compile-units.js";
import type { PolicyRef } from "./schema.js";

/** The call-forward fields of a server or holding stage: its own policy, or the scenario's default. */
function callForwardOf(c: CompileContext, id: string, own: PolicyRef | undefined) {
  const r =
    own === undefined
      ? c.policies.ref("callForward", c.sc.policies.callForward, ["policies", "callForward"])
      : c.policies.ref("callForward", own, ["stages", id, "callForward"]);
  return {
    callForward: r.name,
    ...(r.module === undefined ? {} : { callForwardModule: r.module }),
    ...(r.params === undefined ? {} : { callForwardParams: r.params }),
  };
}

/** The policy fields of an X-ray selection branch: its own policy, or the scenario's default. */
function selectionOf(c: CompileContext, id: string, own: PolicyRef | undefined) {
  const r =
    own === undefined
      ? c.policies.ref("xraySelection", c.sc.policies.xraySelection, ["policies", "xraySelection"])
      : c.policies.ref("xraySelection", own, ["stages", id, "select", "policy"]);
  return {
    policy: r.name,
    ...(r.module === undefined ? {} : { module: r.module }),
    ...(r.params === undefined ? {} : { params: r.params }),
  };
}

/** The model's stage configs, in the scenario's stage order. */
export function compileStages(c: CompileContext): StageConfig[] {
  const { sc, at, cargoIndex, zoneIndex } = c;
  const stageIds = Object.keys(sc.stages);
  const poolIndex = new Map(Object.keys(sc.pools ?? {}).map((p, i) => [p, i]));
  const stages: StageConfig[] = stageIds.map((id) => {
    const st = sc.stages[id]!;
    const zoneOf = (z: string | undefined): number => (z !== undefined ? (zoneIndex.get(z) ?? -1) : -1);
    // Each stage object is written out as one literal (no spread of a shared base): objects spread from a
    // common base get a different in-object layout once V8's slack tracking ends, so stages of one type would
    // have two hidden classes and the model's optimized code would deoptimize on the second.
    const zone = st.type === "branch" || st.type === "sink" ? -1 : zoneOf(st.zone);
    const queueZone = st.type === "server" || st.type === "holding" ? zoneOf(st.queueZone) : -1;
    // A rail terminal has none of these: its loads give back every stall and leave by train, never crossing here.
    const common: {
      releases?: string[] | undefined;
      crossing?: boolean | undefined;
      plateCameras?: boolean | undefined;
    } = st.type === "rail" ? {} : st;
    const releases = (common.releases ?? []).map(at);
    const crossing = common.crossing ?? false;
    // Only when set, so that scenarios without cameras keep their hash.
    const cameras = common.plateCameras === true ? { plateCameras: true } : {};
    switch (st.type) {
      case "server": {
        const schedule = serverScheduleOf(c, id, st);
        const breakdowns = breakdownsOf(st);
        const dayStartMs = (((-st.clockOffsetHours * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
        return {
          id,
          zone,
          queueZone,
          releases,
          crossing,
          ...cameras,
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
                ...(st.rendezvous.partnerDwellLimitAction !== undefined
                  ? { partnerDwellLimitAction: st.rendezvous.partnerDwellLimitAction }
                  : {}),
                ...tripRoutesOf(st.rendezvous, at),
              }
            : null,
          discipline: st.discipline === "callForward" ? "priority" : "fifo",
          ...callForwardOf(c, id, st.callForward),
          queueLengthMax: st.queueMax ?? Number.POSITIVE_INFINITY,
          whenFull: st.whenFull,
          ...dailyCapOf(c, st),
          dailyCapDayStartMs: dayStartMs,
          ...(breakdowns ? { breakdowns } : {}),
          ...(st.pool !== undefined ? { pool: poolIndex.get(st.pool) ?? -1 } : {}),
          dwellLimitMs: st.dwellLimitHours !== undefined ? st.dwellLimitHours * HOUR_MS : Number.POSITIVE_INFINITY,
          // Present only when used, so that scenarios without them keep their hash.
          ...(st.dwellLimitAction !== undefined ? { dwellLimitAction: st.dwellLimitAction } : {}),
          ...(st.balking ? { balking: compileBalking(c, st.balking, ["stages", id, "balking"]) } : {}),
          ...(st.reneging ? { reneging: compileReneging(c, st.reneging) } : {}),
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
          ...cameras,
          type: "delay",
          durationMs: toDistributionMs(st.minutes, MINUTE_MS),
          next: at(st.next),
        };
      case "holding": {
        return {
          id,
          zone,
          queueZone,
          releases,
          crossing,
          ...cameras,
          type: "holding",
          schedule: holdingScheduleOf(c, id, st),
          discipline: st.discipline === "callForward" ? "priority" : "fifo",
          ...callForwardOf(c, id, st.callForward),
          ...(st.balking ? { balking: compileBalking(c, st.balking, ["stages", id, "balking"]) } : {}),
          ...(st.reneging ? { reneging: compileReneging(c, st.reneging) } : {}),
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
            ...cameras,
            type: "branch",
            routes: [
              { when: null, weight: 0, next: at(sel.selected) },
              { when: null, weight: 0, next: at(sel.otherwise) },
            ],
            selection: {
              ...selectionOf(c, id, sel.policy),
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
          ...cameras,
          type: "branch",
          routes: (st.routes ?? []).map((r) => ({
            when: r.when ? conditionOf(r.when, cargoIndex) : null,
            weight: r.percent ?? 0,
            next: at(r.to),
          })),
          selection: null,
        };
      }
      case "rail":
        return compileRailStage(c, { id, zone, queueZone, releases, crossing }, st);
      default:
        return {
          id,
          zone,
          queueZone,
          releases,
          crossing,
          ...cameras,
          type: "sink",
          lost: st.lost,
          ...(st.divertedTo ? { divertedTo: st.divertedTo } : {}),
        };
    }
  });
  return stages;
}
