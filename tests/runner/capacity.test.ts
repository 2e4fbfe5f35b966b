/**
 * The capacity experiment against a system whose capacity is known: an M/M/1 station (capacity μ = 1,440
 * a day, so demand 0.8/min sustains up to a factor of 1.25).
 */
import { describe, expect, it } from "vitest";
import { findBottleneck, InlineExecutor, runCapacity, scaleDemand, slope } from "../../src/runner/index.js";
import { compileScenario, loadShippedScenario, parseScenario } from "../../src/scenario/index.js";

const inline = new InlineExecutor();

describe("capacity experiment", () => {
  it("slope is the least-squares daily growth", () => {
    expect(slope([0, 2, 4, 6])).toBeCloseTo(2, 12);
    expect(slope([5, 5, 5])).toBe(0);
    expect(Number.isNaN(slope([1]))).toBe(true);
  });

  it("scales only the chosen direction's demand and gives the scaled scenario its own hash", () => {
    const c = compileScenario(loadShippedScenario("baseline-2026q1"));
    const s = scaleDemand(c, 2, "export");
    expect(s.config.sources.find((x) => x.direction === 0)!.trucksPerDay).toBe(2 * c.config.sources[0]!.trucksPerDay);
    expect(s.config.sources.find((x) => x.direction === 1)!.trucksPerDay).toBe(
      c.config.sources.find((x) => x.direction === 1)!.trucksPerDay,
    );
    expect(s.hash).not.toBe(c.hash);
    expect(c.config.sources[0]!.trucksPerDay).toBe(450); // the original is untouched
  });

  it("finds the M/M/1 boundary at ρ = 1 and names the station", async () => {
    const c = compileScenario(loadShippedScenario("textbook/mm1"));
    const r = await runCapacity({
      compiled: c,
      replications: 4,
      seed: 5,
      executor: inline,
      horizonDays: 16,
      warmupDays: 1,
    });
    expect(r.sustainable).not.toBeNull();
    expect(r.unsustainable).not.toBeNull();
    expect(r.saturated).not.toBeNull();
    // ρ = 0.8 f. The criterion accepts a backlog growth up to 1 % of arrivals, i.e. 1 − 1/ρ ≤ 0.01, so the
    // boundary is f = 1.25 / 0.99 = 1.263; the bracket must hold it (give or take the noise) and be narrow.
    expect(r.sustainable!.factor).toBeLessThan(1.29);
    expect(r.unsustainable!.factor).toBeGreaterThan(1.2);
    expect(r.unsustainable!.factor / r.sustainable!.factor).toBeLessThan(1.03);
    // The capacity is read where the backlog clearly grows: its whole interval above the tolerance.
    expect(r.saturated!.overloaded).toBe(true);
    expect(r.saturated!.unservedGrowthPerDay.ci95[0]).toBeGreaterThan(r.saturated!.growthTolerancePerDay);
    // Overloaded, the station clears at its service rate: 1,440 a day.
    const [lo, hi] = r.saturated!.throughputPerDay.ci95;
    expect(Math.abs(r.saturated!.throughputPerDay.mean - 1440)).toBeLessThan(0.03 * 1440);
    expect(hi - lo).toBeLessThan(0.1 * 1440);
    expect(r.bottleneck.map((b) => b.stage)).toEqual(["station"]);
    // Common random numbers: every point ran replications 0..3 with the same seed.
    expect(r.points.length).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it("names the downstream station of a blocking tandem, not the blocked one upstream", async () => {
    const c = compileScenario(
      parseScenario({
        name: "blocking-bottleneck",
        seed: 3,
        horizonDays: 12,
        warmupDays: 1,
        scope: { name: "textbook", factor: 1 },
        demand: { export: { trucksPerDay: 720, entry: "first" } },
        stages: {
          first: { type: "server", servers: 1, serviceMinutes: { type: "exponential", mean: 0.7 }, next: "second" },
          second: {
            type: "server",
            servers: 1,
            serviceMinutes: { type: "exponential", mean: 1 },
            queueMax: 1,
            whenFull: "block",
            next: "done",
          },
          done: { type: "sink", crossing: true },
        },
      }),
    );
    const r = await runCapacity({ compiled: c, replications: 3, seed: 1, executor: inline, precision: 0.1 });
    expect(r.saturated).not.toBeNull();
    const firstUse = r.saturated!.stages.find((s) => s.stage === "first")!.utilization;
    expect(firstUse).toBeGreaterThan(0.9); // busy or blocked: it looks saturated too
    expect(r.bottleneck.map((b) => b.stage)).toEqual(["second"]);
    expect(findBottleneck(r.saturated!, r.sustainable).map((b) => b.stage)).toEqual(["second"]);
    // Busy with work, the upstream station is not: it is blocked most of the time it looks used.
    const first = r.saturated!.stages.find((s) => s.stage === "first")!;
    expect(first.busyShare).toBeLessThan(0.9);
  }, 60_000);

  it("refuses fewer than 2 replications or too few measured days", async () => {
    const c = compileScenario(loadShippedScenario("textbook/mm1"));
    await expect(runCapacity({ compiled: c, replications: 1, seed: 1, executor: inline })).rejects.toThrow(
      /at least 2 replications/,
    );
    await expect(
      runCapacity({ compiled: c, replications: 2, seed: 1, executor: inline, horizonDays: 3, warmupDays: 1 }),
    ).rejects.toThrow(/at least 3 measured days/);
  });
});
