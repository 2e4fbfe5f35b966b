/**
 * Compiles the diversion blocks (balking, reneging, divertTo lists) and the booking system's time-of-day
 * quota table into the model's configuration: stage ids to indices, hours and minutes to milliseconds,
 * percentages to weights, and quota times from the booked stage's clock to the VN clock.
 */
import {
  type BalkingConfig,
  type DiversionTargetConfig,
  HOUR_MS,
  MINUTE_MS,
  type RenegingConfig,
} from "../model/index.js";
import type { CompileContext } from "./compile.js";
import { conditionOf, toDistributionMs } from "./compile-units.js";
import type { balkingSchema, divertToSchema, quotaByTimeSchema, renegingSchema } from "./schema-diversion.js";
import { minutesCovered } from "./schema-diversion.js";

type Infer<T> = import("zod").infer<T>;

/** A divertTo list as weighted stage indices (equal weights when no percent is given). */
export function compileDivertTo(c: CompileContext, list: Infer<typeof divertToSchema>): DiversionTargetConfig[] {
  return list.map((d) => ({ stage: c.at(d.to), weight: d.percent ?? 1 }));
}

/** The fields naming the scenario's diversion rule (`policies.diversion`: a built-in or a module). */
export function diversionOf(c: CompileContext): {
  diversionPolicy: string;
  diversionModule?: number;
  diversionParams?: Record<string, unknown>;
} {
  const r = c.policies.ref("diversion", c.sc.policies.diversion, ["policies", "diversion"]);
  return {
    diversionPolicy: r.name,
    ...(r.module === undefined ? {} : { diversionModule: r.module }),
    ...(r.params === undefined ? {} : { diversionParams: r.params }),
  };
}

/** A stage's balking block (`path`: where it is, for messages about its module). */
export function compileBalking(c: CompileContext, b: Infer<typeof balkingSchema>, path: string[]): BalkingConfig {
  const r = c.policies.ref(
    "balking",
    b.module === undefined
      ? { rule: b.rule, ...(b.params ? { params: b.params } : {}) }
      : { module: b.module, ...(b.params ? { params: b.params } : {}) },
    path,
  );
  return {
    policy: r.name,
    ...(r.module === undefined ? {} : { module: r.module }),
    ...(r.params === undefined ? {} : { params: r.params }),
    lineTrucks: b.aboveTrucks ?? Number.POSITIVE_INFINITY,
    expectedWaitMs: b.aboveHours !== undefined ? b.aboveHours * HOUR_MS : Number.POSITIVE_INFINITY,
    probability: b.percent / 100,
    when: b.when ? conditionOf(b.when, c.cargoIndex) : null,
    divertTo: b.divertTo ? compileDivertTo(c, b.divertTo) : [],
    ...diversionOf(c),
  };
}

/** A stage's reneging block. */
export function compileReneging(c: CompileContext, r: Infer<typeof renegingSchema>): RenegingConfig {
  return {
    patienceMs: toDistributionMs(r.patienceHours, HOUR_MS),
    when: r.when ? conditionOf(r.when, c.cargoIndex) : null,
    divertTo: r.divertTo ? compileDivertTo(c, r.divertTo) : [],
    ...diversionOf(c),
  };
}

/**
 * The quota of a slot by the time of day of its start, on the VN clock: `quotaPerSlot`, overridden where
 * the table covers (its times are on the clock of the booked stage, `clockOffsetHours` ahead of VN time).
 */
export function compileQuotaTable(
  quotaPerSlot: number,
  table: Infer<typeof quotaByTimeSchema> | undefined,
  clockOffsetHours: number,
): { quotaStartsMs: number[]; quotas: number[] } {
  const perMinute = new Int32Array(1440).fill(quotaPerSlot);
  const shift = Math.round(clockOffsetHours * 60);
  for (const q of table ?? []) {
    for (const m of minutesCovered(q.from, q.to)) perMinute[(((m - shift) % 1440) + 1440) % 1440] = q.quota;
  }
  const quotaStartsMs = [0];
  const quotas = [perMinute[0] as number];
  for (let m = 1; m < 1440; m++) {
    if (perMinute[m] !== perMinute[m - 1]) {
      quotaStartsMs.push(m * MINUTE_MS);
      quotas.push(perMinute[m] as number);
    }
  }
  return { quotaStartsMs, quotas };
}
