/**
 * `Levels` (the observers' time-weighted counts in typed columns, reading the clock) must give exactly the
 * numbers the kernel's `TimeWeighted` gives for the same changes: the zones' and blocked servers' KPIs moved
 * from one to the other, and results are promised bit-identical.
 */
import { describe, expect, it } from "vitest";
import { TimeWeighted, Xor4096 } from "../../src/kernel/index.js";
import { Levels } from "../../src/model/observers/levels.js";

describe("Levels", () => {
  it("matches TimeWeighted bit for bit over a long random walk past 2^31 ms, with a reset", () => {
    const rng = new Xor4096(17);
    const clock = { now: 0 };
    const n = 3;
    const levels = new Levels(clock, n);
    const tw = Array.from({ length: n }, () => new TimeWeighted(0, 0));
    const value = [0, 0, 0];
    for (let step = 0; step < 20_000; step++) {
      // Steps of up to 2 days, with ties (0 ms), so the clock passes 2^31 ms (24.8 days) early on.
      clock.now += Math.floor(rng.next() * 4) === 0 ? 0 : Math.floor(rng.next() * 172_800_000);
      const i = Math.floor(rng.next() * n);
      value[i] = Math.max(0, (value[i] as number) + (rng.next() < 0.5 ? -1 : 1));
      levels.set(i, value[i] as number);
      tw[i]!.update(value[i] as number, clock.now);
      if (step === 5_000) {
        levels.reset(clock.now);
        for (const t of tw) t.reset(clock.now);
      }
    }
    expect(clock.now).toBeGreaterThan(2 ** 31);
    const later = clock.now + 12_345;
    for (let i = 0; i < n; i++) {
      expect(levels.areaUntil(i, later)).toBe(tw[i]!.areaUntil(later));
      expect(levels.mean(i, later)).toBe(tw[i]!.mean(later));
      expect(levels.max[i]).toBe(tw[i]!.max);
      expect(levels.value[i]).toBe(tw[i]!.value);
    }
  });

  it("gives the current value as the mean when no time has passed since the reset", () => {
    const clock = { now: 1_000 };
    const levels = new Levels(clock, 1);
    levels.set(0, 4);
    levels.reset(1_000);
    expect(levels.mean(0, 1_000)).toBe(4);
    expect(levels.max[0]).toBe(4);
  });
});
