/**
 * Shared staff pools against closed forms: two stages whose trucks need only an officer from one pool of
 * c are one M/M/c queue (Erlang C); with the pool serving one stage first, each stage's wait follows
 * Cobham's formula for non-preemptive priorities; a saturated pool clears c·μ in total. A pool that never
 * binds changes nothing (bit-identical figures); a pool closed on Sundays serves no one on Sundays. Fixed
 * seeds; the closed form must lie in the 99.9 % Student-t interval of the replication means.
 */
import { describe, expect, it } from "vitest";
import { type ReplicationResult, simulate } from "../../src/model/index.js";
import { applyOverrides, compileScenario, loadShippedScenario, parseScenario } from "../../src/scenario/index.js";

const T_999_DF7 = 5.408;
const REPS = 8;

function expectInInterval(xs: number[], theory: number, what: string, relWidthMax: number): void {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (T_999_DF7 * sd) / Math.sqrt(n);
  expect(half / theory, `${what}: interval too wide (±${half})`).toBeLessThan(relWidthMax);
  expect(Math.abs(mean - theory), `${what}: ${mean} vs ${theory} (±${half})`).toBeLessThanOrEqual(half);
}

function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const tail = ((term * a) / c) * (c / (c - a));
  return tail / (sum + tail);
}

/** Poisson trucks (λ per minute) split 50/50 to stages a and b, which share a pool of `officers`. */
function twoStages(
  lambdaPerMin: number,
  officers: number,
  pool: Record<string, unknown>,
  stageExtra: Record<string, unknown> = {},
  horizonDays = 12,
) {
  const stage = {
    type: "server",
    pool: "officers",
    serviceMinutes: { type: "exponential", mean: 1 },
    next: "out",
    ...stageExtra,
  };
  return compileScenario(
    parseScenario({
      name: "pool",
      horizonDays,
      warmupDays: 1,
      demand: { export: { trucksPerDay: lambdaPerMin * 1440, entry: "split" } },
      pools: { officers: { servers: officers, ...pool } },
      stages: {
        split: {
          type: "branch",
          routes: [
            { percent: 50, to: "a" },
            { percent: 50, to: "b" },
          ],
        },
        a: stage,
        b: stage,
        out: { type: "sink", crossing: true },
      },
    }),
  ).config;
}

const runs = (cfg: ReturnType<typeof twoStages>, seed: number): ReplicationResult[] =>
  Array.from({ length: REPS }, (_, i) => simulate(cfg, { seed, replication: i }));

describe("shared staff pools", () => {
  it("two stages on one pool of 3 officers are an M/M/3 queue (Erlang C)", () => {
    const rs = runs(twoStages(2.4, 3, {}), 21);
    const wq = erlangC(3, 2.4) / (3 - 2.4);
    expectInInterval(
      rs.map((r) => r.kpis["pool.officers.waitMinutesMean"]!.value),
      wq,
      "pool wait",
      0.15,
    );
    expectInInterval(
      rs.map((r) => r.kpis.timeInSystemMinutesMean!.value),
      wq + 1,
      "time in system",
      0.06,
    );
    expectInInterval(
      rs.map((r) => r.kpis["pool.officers.utilization"]!.value),
      0.8,
      "utilization",
      0.02,
    );
    for (const r of rs) {
      // The stages' own lines stay empty: their trucks wait only in the pool's line.
      expect(r.stages.a!.waitMinutesMean).toBe(0);
      expect(r.kpis["pool.officers.a.waitMinutesMean"]!.value).toBeGreaterThan(0);
    }
  });

  it("a pool that serves stage a first gives each stage Cobham's non-preemptive priority wait", () => {
    const rs = runs(twoStages(2.4, 3, { priority: ["a"] }), 22);
    // W_k = C(c, a) / (c·μ·(1 − σ_{k−1})(1 − σ_k)), σ_1 = λ_a / (c·μ) = 0.4, σ_2 = 0.8.
    const c = erlangC(3, 2.4);
    const first = c / (3 * (1 - 0) * (1 - 0.4));
    const second = c / (3 * (1 - 0.4) * (1 - 0.8));
    expectInInterval(
      rs.map((r) => r.kpis["pool.officers.a.waitMinutesMean"]!.value),
      first,
      "wait of the first stage",
      0.15,
    );
    expectInInterval(
      rs.map((r) => r.kpis["pool.officers.b.waitMinutesMean"]!.value),
      second,
      "wait of the second stage",
      0.2,
    );
  });

  it("a saturated pool of 2 clears 2·μ in total, whatever the stages' own servers", () => {
    // Deterministic 10-min services, 5 desks at each stage, trucks always waiting: 2 × 144 = 288 a day.
    const cfg = twoStages(600 / 1440, 2, {}, { servers: 5, serviceMinutes: 10, queueMax: 20 }, 6);
    for (const r of runs(cfg, 23)) {
      expect(r.kpis.throughputPerDay!.value).toBeGreaterThanOrEqual(287);
      expect(r.kpis.throughputPerDay!.value).toBeLessThanOrEqual(289);
      expect(r.kpis["pool.officers.utilization"]!.value).toBeGreaterThan(0.999);
      // Trucks hold desks while they wait for the crew: the desks look busy, the crew is the limit.
      expect(r.stages.a!.utilization).toBeGreaterThan(0.95);
    }
  });

  it("a pool that never runs out changes nothing (same service draws, same figures)", () => {
    const stage = { type: "server", servers: 2, serviceMinutes: { type: "exponential", mean: 1 }, next: "out" };
    const scenario = (pool: boolean) =>
      compileScenario(
        parseScenario({
          name: "pool-idle",
          horizonDays: 5,
          demand: { export: { trucksPerDay: 2000, entry: "a" } },
          ...(pool ? { pools: { officers: { servers: 50 } } } : {}),
          stages: { a: pool ? { ...stage, pool: "officers" } : stage, out: { type: "sink", crossing: true } },
        }),
      ).config;
    const opts = { seed: 4, replication: 0 };
    const plain = simulate(scenario(false), opts);
    const pooled = simulate(scenario(true), opts);
    const strip = (r: ReplicationResult) =>
      Object.fromEntries(Object.entries(r.kpis).filter(([k]) => !k.startsWith("pool.")));
    expect(strip(pooled)).toEqual(strip(plain));
    expect(pooled.stages).toEqual(plain.stages);
    expect(pooled.kpis["pool.officers.waitMinutesMean"]!.value).toBe(0);
  });

  it("crews across docks: a transfer starts when the pair, a dock and a crew are all there", () => {
    const base = loadShippedScenario("baseline-2026q1");
    const withCrews = (crews: number) =>
      compileScenario(
        applyOverrides(base, { pools: { crews: { servers: crews } }, "stages.transshipDocks.pool": "crews" }),
      ).config;
    const opts = { seed: 2, replication: 0, horizonDays: 5, warmupDays: 1 };
    const plain = simulate(compileScenario(base).config, opts);
    const plenty = simulate(withCrews(1000), opts);
    const short = simulate(withCrews(120), opts);
    // Crews that never run out change nothing, through the rendezvous too.
    const strip = (r: ReplicationResult) =>
      Object.fromEntries(Object.entries(r.kpis).filter(([k]) => !k.startsWith("pool.")));
    expect(strip(plenty)).toEqual(strip(plain));
    // Too few crews: pairs wait for one, and the partner's wait includes it.
    expect(short.kpis["pool.crews.transshipDocks.waitMinutesMean"]!.value).toBeGreaterThan(10);
    expect(short.kpis.partnerWaitMinutesMean!.value).toBeGreaterThan(plain.kpis.partnerWaitMinutesMean!.value + 10);
    expect(short.conservation.holds).toBe(true);
  });

  it("follows the pool's weekly schedule: closed on Sundays, nobody is served", () => {
    const cfg = compileScenario(
      parseScenario({
        name: "pool-week",
        horizonDays: 14,
        calendar: { startDate: "2026-03-09" },
        demand: { export: { trucksPerDay: 200, entry: "a" } },
        pools: { officers: { servers: 3, weekdays: { sun: { hours: "closed" } } } },
        stages: {
          a: { type: "server", pool: "officers", serviceMinutes: 5, next: "out" },
          out: { type: "sink", crossing: true },
        },
      }),
    ).config;
    const r = simulate(cfg, { seed: 1, replication: 0 });
    const cleared = r.series.daily.exportCleared!;
    // At most the three trucks served across Saturday midnight finish on a Sunday.
    expect(cleared[6]!).toBeLessThanOrEqual(3);
    expect(cleared[13]!).toBeLessThanOrEqual(3);
    // Monday clears Sunday's trucks too.
    expect(cleared[7]!).toBeGreaterThan(cleared[5]! + 100);
  });
});
