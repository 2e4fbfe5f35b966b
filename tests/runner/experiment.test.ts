/**
 * Experiments: bit-identical aggregates inline and with 1, 2 and 4 workers; warm-up by MSER-5; the
 * sequential stopping rule; failures and cancellation that name what reproduces them. Scenario:
 * shipped textbook M/M/1 (rho 0.8) shortened to 2 days, seed 17.
 */
process.env.GATESIM_TEST_HOOKS = "1";

import { describe, expect, it } from "vitest";
import {
  ErrorCodes,
  experimentReport,
  GatesimError,
  InlineExecutor,
  PiscinaExecutor,
  type Progress,
  runExperiment,
  runReplication,
} from "../../src/runner/index.js";
import { smallMm1, withoutTiming } from "./helpers.js";

describe("runExperiment", () => {
  const compiled = smallMm1(2);
  const inline = new InlineExecutor();

  it("gives a bit-identical result inline and with 1, 2 and 4 workers", async () => {
    const reference = await runExperiment({ executor: inline, compiled, replications: 9, seed: 17 });
    const expected = withoutTiming(experimentReport(reference));
    expect(JSON.stringify(reference.results.map((r) => r.replication))).toBe("[0,1,2,3,4,5,6,7,8]");
    for (const threads of [1, 2, 4]) {
      const executor = new PiscinaExecutor({ threads });
      try {
        const r = await runExperiment({ compiled, replications: 9, seed: 17, executor });
        expect(withoutTiming(experimentReport(r)), `${threads} worker(s)`).toBe(expected);
        expect(withoutTiming(r.results)).toBe(withoutTiming(reference.results));
      } finally {
        await executor.close();
      }
    }
  });

  it("reports the JSON contract with timing last", async () => {
    const r = await runExperiment({ executor: inline, compiled, replications: 3, seed: 17 });
    const report = experimentReport(r);
    expect(Object.keys(report)).toEqual([
      "scenario",
      "seed",
      "replications",
      "horizonDays",
      "warmupDays",
      "modelVersion",
      "calendar",
      "timeInSystemSpans",
      "kpis",
      "stages",
      "series",
      "assumedInputs",
      "conservation",
      "timing",
    ]);
    expect(report.scenario).toEqual({ name: compiled.name, title: compiled.title, hash: compiled.hash });
    const k = report.kpis.timeInSystemMinutesMean;
    expect(k).toBeDefined();
    expect(k?.n).toBe(3);
    expect(k?.ci95[0]).toBeLessThanOrEqual(k?.mean as number);
    expect(report.conservation.holds).toBe(true);
    expect(report.timing.events).toBeGreaterThan(0);
  });

  it("collapses the intervals for one replication and reports progress", async () => {
    const seen: Progress[] = [];
    const r = await runExperiment({
      executor: inline,
      compiled,
      replications: 1,
      seed: 3,
      onProgress: (p) => seen.push(p),
    });
    const k = r.aggregate.kpis.throughputPerDay;
    expect(k?.ci95).toEqual([k?.mean, k?.mean]);
    expect(seen.at(-1)).toMatchObject({ done: 1, total: 1 });
    expect(seen.at(-1)?.eventsPerSecond).toBeGreaterThan(0);
  });

  it("matches runReplication(compiled, seed, i) for every i (documented seed derivation)", async () => {
    const r = await runExperiment({ executor: inline, compiled, replications: 3, seed: "abc" });
    for (let i = 0; i < 3; i++)
      expect(JSON.stringify(r.results[i])).toBe(JSON.stringify(runReplication(compiled, "abc", i)));
  });

  it("applies fixed warm-up days", async () => {
    const r = await runExperiment({ executor: inline, compiled, replications: 2, seed: 1, warmup: { days: 0.5 } });
    expect(r.warmupDays).toBe(0.5);
    expect(r.warmup).toEqual({ method: "fixed", days: 0.5 });
  });

  it("detects the warm-up by MSER-5 on a pilot replication and applies it to all", async () => {
    const long = smallMm1(6);
    const r = await runExperiment({
      executor: inline,
      compiled: long,
      replications: 2,
      seed: 1,
      warmup: { mser5: { series: "daily.backlogEndOfDay" } },
    });
    expect(r.warmup.method).toBe("mser5");
    expect(r.warmup.detection?.batchSize).toBe(5);
    expect(r.warmupDays).toBe(r.warmup.days);
    expect(r.warmup.days).toBeLessThanOrEqual(3);
    for (const x of r.results) expect(x.warmupDays).toBe(r.warmup.days);
    await expect(
      runExperiment({
        executor: inline,
        compiled: long,
        replications: 2,
        seed: 1,
        warmup: { mser5: { series: "daily.nope" } },
      }),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTIONS });
  });

  it("adds replications until the target half-width, or stops at the cap", async () => {
    const loose = await runExperiment({
      executor: inline,
      compiled,
      replications: 3,
      seed: 2,
      sequential: { kpi: "throughputPerDay", relativeHalfWidth: 0.5, maxReplications: 30 },
    });
    expect(loose.sequential?.stoppedBecause).toBe("target");
    expect(loose.replications).toBe(3);
    const tight = await runExperiment({
      executor: inline,
      compiled,
      replications: 3,
      seed: 2,
      sequential: { kpi: "timeInSystemMinutesMean", relativeHalfWidth: 1e-6, maxReplications: 8 },
    });
    expect(tight.sequential?.stoppedBecause).toBe("cap");
    expect(tight.replications).toBe(8);
    expect(tight.results.map((r) => r.replication)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const mid = await runExperiment({
      executor: inline,
      compiled,
      replications: 3,
      seed: 2,
      sequential: { kpi: "timeInSystemMinutesMean", relativeHalfWidth: 0.08, maxReplications: 60 },
    });
    expect(mid.sequential?.achieved).toBeLessThanOrEqual(0.08);
    await expect(
      runExperiment({
        executor: inline,
        compiled,
        replications: 3,
        seed: 2,
        sequential: { kpi: "nope", relativeHalfWidth: 0.1, maxReplications: 5 },
      }),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTIONS });
  });

  it("fails with every failed replication named, and the seed to reproduce it", async () => {
    const err = await runExperiment({
      executor: inline,
      compiled,
      replications: 4,
      seed: 8,
      crashForTest: { 1: "throw", 3: "throw" },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(GatesimError);
    expect(err.code).toBe(ErrorCodes.EXPERIMENT_FAILED);
    expect(err.failures.map((f: { replication: number }) => f.replication)).toEqual([1, 3]);
    expect(err.message).toContain("2 of 4 replication(s) failed");
    expect(err.message).toContain(`hash ${compiled.hash}`);
    expect(err.message).toContain("seed 8, replication 1");
  });

  it("is cancelled by the signal and says how far it got", async () => {
    const controller = new AbortController();
    let done = 0;
    const err = await runExperiment({
      compiled,
      replications: 20,
      seed: 1,
      executor: new InlineExecutor(),
      signal: controller.signal,
      onProgress: (p) => {
        done = p.done;
        if (p.done === 7) controller.abort();
      },
    }).catch((e) => e);
    expect(err.code).toBe(ErrorCodes.CANCELLED);
    expect(done).toBe(7);
    expect(err.message).toBe("cancelled after 7 of 20 replications");
  });

  it("uses a temporary pool of its own when given no executor, with the same result", async () => {
    const own = await runExperiment({ compiled, replications: 4, seed: 17 });
    const ref = await runExperiment({ executor: inline, compiled, replications: 4, seed: 17 });
    expect(withoutTiming(experimentReport(own))).toBe(withoutTiming(experimentReport(ref)));
  });

  it("rejects bad options", async () => {
    await expect(runExperiment({ executor: inline, compiled, replications: 0, seed: 1 })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTIONS,
    });
    await expect(
      runExperiment({ executor: inline, compiled, replications: 2, seed: 1, warmup: { days: 5 } }),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTIONS });
    expect(() => runReplication(compiled, 1, -1)).toThrow(/replication index/);
    expect(() => runReplication({ ...compiled, hash: undefined } as never, 1, 0)).toThrow(/INVALID|lacks/);
  });
});
