/**
 * Random breakdowns against what is known exactly: the availability of a unit that alternates working and
 * repair times is MTBF / (MTBF + MTTR) whatever the distributions (alternating renewal theorem); with spare
 * units the servers in force are min(scheduled, units up) with units up binomial; a saturated server that
 * finishes its job when it fails clears μ·(MTBF + MTTR − E[(D − R)⁺]) / (MTBF + MTTR); a deterministic
 * timeline shows the failed unit finishes its truck (no interruption). Fixed seeds; the closed form must
 * lie in the 99.9 % Student-t interval of the replication means, and the interval must be narrow.
 */
import { describe, expect, it } from "vitest";
import { GateModel, simulate } from "../../src/model/index.js";
import { applyOverrides, compileScenario, loadShippedScenario, parseScenario } from "../../src/scenario/index.js";

const T_999 = [0, 0, 31.6, 12.92, 8.61, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587]; // by n (df = n - 1)

function expectInInterval(xs: number[], theory: number, what: string, relWidthMax: number) {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = ((T_999[n] as number) * sd) / Math.sqrt(n);
  expect(half / theory, `${what}: interval too wide (±${half})`).toBeLessThan(relWidthMax);
  expect(Math.abs(mean - theory), `${what}: ${mean} vs ${theory} (±${half})`).toBeLessThanOrEqual(half);
  return { mean, half };
}

/** One stage with breakdowns and (almost) no trucks: its capacity is what the failures leave. */
function lonelyStage(servers: number, units: number, up: unknown, repair: unknown) {
  return compileScenario(
    parseScenario({
      name: "bd",
      horizonDays: 300,
      warmupDays: 5,
      demand: { export: { trucksPerDay: 1, entry: "a" } },
      stages: {
        a: {
          type: "server",
          servers,
          serviceMinutes: 1,
          breakdowns: [{ units, hoursBetweenFailures: up, repairMinutes: repair }],
          next: "out",
        },
        out: { type: "sink", crossing: true },
      },
    }),
  ).config;
}

describe("breakdowns", () => {
  it("availability is MTBF / (MTBF + MTTR), exponential or not", () => {
    const exp = lonelyStage(3, 3, { type: "exponential", mean: 10 }, { type: "exponential", mean: 120 });
    const other = lonelyStage(2, 2, { type: "uniform", min: 4, max: 16 }, { type: "lognormal", mean: 120, cv: 1.5 });
    const reps = (cfg: typeof exp) =>
      Array.from({ length: 8 }, (_, i) => simulate(cfg, { seed: 11, replication: i }).kpis);
    const a = reps(exp);
    expectInInterval(
      a.map((k) => k["breakdown.a.availability"]!.value),
      10 / 12,
      "availability (exponential)",
      0.03,
    );
    expectInInterval(
      a.map((k) => k["breakdown.a.failuresPerDay"]!.value),
      (3 * 24) / 12,
      "failures per day",
      0.06,
    );
    expectInInterval(
      reps(other).map((k) => k["breakdown.a.availability"]!.value),
      10 / 12,
      "availability (uniform, lognormal)",
      0.03,
    );
  });

  it("spare units stand in first: servers in force = E[min(scheduled, units up)]", () => {
    // 4 units, 2 scheduled: capacity is min(2, Binomial(4, A)) with A = 4 h / (4 h + 2 h) = 2/3.
    const cfg = lonelyStage(2, 4, { type: "exponential", mean: 4 }, { type: "exponential", mean: 120 });
    const A = 2 / 3;
    const binom = (k: number) => [1, 4, 6, 4, 1][k]! * A ** k * (1 - A) ** (4 - k);
    let expected = 0;
    for (let k = 0; k <= 4; k++) expected += Math.min(2, k) * binom(k);
    const means = Array.from({ length: 8 }, (_, i) => {
      const m = new GateModel(cfg, { seed: 5, replication: i });
      m.run({ seed: 5, replication: i });
      return m.network.stages.resources[0]!.capacityInForce.mean(m.sim.now);
    });
    expectInInterval(means, expected, "servers in force", 0.01);
  });

  it("a saturated server that finishes its job when it fails clears μ·(MTBF + MTTR − E[(D − R)⁺]) / (MTBF + MTTR)", () => {
    // Service 1 min; MTBF 20 min, MTTR 5 min (exponential); trucks always waiting (arrivals 2,000/day).
    const cfg = compileScenario(
      parseScenario({
        name: "bd-sat",
        horizonDays: 40,
        warmupDays: 1,
        demand: { export: { trucksPerDay: 2000, entry: "a" } },
        stages: {
          a: {
            type: "server",
            servers: 1,
            serviceMinutes: 1,
            queueMax: 60,
            breakdowns: [
              {
                hoursBetweenFailures: { type: "exponential", mean: 20 / 60 },
                repairMinutes: { type: "exponential", mean: 5 },
              },
            ],
            next: "out",
          },
          out: { type: "sink", crossing: true },
        },
      }),
    ).config;
    // R, the rest of the job at the failure, is uniform on (0, 1) min; the server idles for (D − R)⁺ only.
    const up = 20;
    const mttr = 5;
    const lost = mttr * mttr * (1 - Math.exp(-1 / mttr)); // E[(D − R)⁺] = MTTR · E[e^(−R/MTTR)]
    const perDay = (1440 * (up + mttr - lost)) / (up + mttr);
    const tput = Array.from(
      { length: 8 },
      (_, i) => simulate(cfg, { seed: 3, replication: i }).kpis.throughputPerDay!.value,
    );
    const { mean, half } = expectInInterval(tput, perDay, "throughput", 0.012);
    // Losing the job in progress instead would clear μ·MTBF / (MTBF + MTTR) = 1,152/day: outside the interval.
    expect(Math.abs(mean - (1440 * up) / (up + mttr))).toBeGreaterThan(half);
  });

  it("a unit that fails while serving finishes that truck: an exact timeline", () => {
    // One lane, 60-min services back to back; it fails 150 min after each repair and is down for 45 min.
    // Finishing: services end at t0+60, t0+120, t0+180 (the failure at 150 does not cut the third), the lane
    // is back at 195, and the cycle repeats every 195 min with 3 services: 22 by the end of the first day.
    // Interrupting (and restarting) the third would give 2 per cycle, 15 in the day.
    const cfg = compileScenario(
      parseScenario({
        name: "bd-exact",
        horizonDays: 1,
        demand: { export: { trucksPerDay: 5000, entry: "a" } },
        stages: {
          a: {
            type: "server",
            servers: 1,
            serviceMinutes: 60,
            queueMax: 10,
            breakdowns: [{ hoursBetweenFailures: 2.5, repairMinutes: 45 }],
            next: "out",
          },
          out: { type: "sink", crossing: true },
        },
      }),
    ).config;
    for (let i = 0; i < 3; i++) {
      const r = simulate(cfg, { seed: 1, replication: i });
      expect(r.stages.a!.throughput).toBe(22);
      expect(r.kpis["breakdown.a.failuresPerDay"]!.value).toBe(7); // at 150, 345, 540, ..., 1320
    }
  });

  it("units that stay in service while down slow a truck with probability k/U: E[S] = S + extra·(1 − A)", () => {
    // Plate cameras of 4 lanes fail (MTBF 4 h, MTTR 60 min: A = 0.8); a truck landing on a lane whose camera
    // is down is typed in by hand (+10 min). Plenty of lanes, so no one waits: time in system = service time.
    const cfg = compileScenario(
      parseScenario({
        name: "bd-slow",
        horizonDays: 60,
        warmupDays: 1,
        demand: { export: { trucksPerDay: 300, entry: "a" } },
        stages: {
          a: {
            type: "server",
            servers: 40,
            serviceMinutes: 1,
            breakdowns: [
              {
                units: 4,
                hoursBetweenFailures: { type: "exponential", mean: 4 },
                repairMinutes: { type: "exponential", mean: 60 },
                whenDown: { extraMinutes: 10 },
              },
            ],
            next: "out",
          },
          out: { type: "sink", crossing: true },
        },
      }),
    ).config;
    const rs = Array.from({ length: 8 }, (_, i) => simulate(cfg, { seed: 6, replication: i }));
    expectInInterval(
      rs.map((r) => r.kpis.timeInSystemMinutesMean!.value),
      1 + 10 * (1 - 0.8),
      "mean service time",
      0.05,
    );
    for (const r of rs) {
      expect(r.stages.a!.waitMinutesMean).toBe(0); // no lane is lost
      expect(r.kpis["breakdown.a.availability"]!.value).toBeGreaterThan(0.7);
    }
  });

  it("switching breakdowns on changes no other draw (common random numbers)", () => {
    const base = loadShippedScenario("baseline-2026q1");
    const broken = applyOverrides(base, {
      "stages.xray.breakdowns": [{ hoursBetweenFailures: { type: "exponential", mean: 24 }, repairMinutes: 120 }],
    });
    const opts = { seed: 9, replication: 0, horizonDays: 4, warmupDays: 1 };
    const a = simulate(compileScenario(base).config, opts);
    const b = simulate(compileScenario(broken).config, opts);
    expect(b.series.daily.arrivals).toEqual(a.series.daily.arrivals);
    expect(b.series.daily.exportDemand).toEqual(a.series.daily.exportDemand);
    expect(b.kpis["breakdown.xray.failuresPerDay"]!.value).toBeGreaterThan(0);
    expect(a.kpis["breakdown.xray.failuresPerDay"]).toBeUndefined();
    // Faster repairs: the same working times between failures, so no more failures than before.
    const fast = applyOverrides(broken, {
      "stages.xray.breakdowns": [{ hoursBetweenFailures: { type: "exponential", mean: 24 }, repairMinutes: 30 }],
    });
    const c = simulate(compileScenario(fast).config, opts);
    expect(c.kpis["breakdown.xray.failuresPerDay"]!.value).toBeGreaterThanOrEqual(
      b.kpis["breakdown.xray.failuresPerDay"]!.value,
    );
  });
});
