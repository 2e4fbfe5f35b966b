import { describe, expect, it } from "vitest";
import {
  erlangCWaitMean,
  MM3_ARRIVAL_RATE,
  MM3_SERVERS,
  runMm3Kernel,
  WaitBatches,
} from "../../bench/kernel/mm3-model.js";
import { studentTQuantile } from "../../src/stats/index.js";

describe("the kernel's M/M/3 model of bench/mm3.bench.ts", () => {
  it("gives the same waits whatever the size of its ring of arrival times (growth keeps every customer's time)", () => {
    const big = runMm3Kernel(20_000, 3);
    const tiny = runMm3Kernel(20_000, 3, 2); // doubles many times: at ρ = 0.9 dozens wait at once
    expect(tiny.waitMean).toBe(big.waitMean);
    expect(tiny.waitBatchMeans).toEqual(big.waitBatchMeans);
    expect(() => runMm3Kernel(100, 1, 3)).toThrow(/power of two/);
  });

  it("has a mean wait inside the 99.9 % batch-means interval around Erlang C", () => {
    const r = runMm3Kernel(200_000, 11);
    const n = r.waitBatchMeans.length;
    const m = r.waitBatchMeans.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(r.waitBatchMeans.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
    const half = (studentTQuantile(0.9995, n - 1) * sd) / Math.sqrt(n);
    expect(Math.abs(r.waitMean - erlangCWaitMean(MM3_SERVERS, MM3_ARRIVAL_RATE))).toBeLessThan(half);
  });

  it("sums waits into consecutive batches in order, the remainder counting in the mean only", () => {
    const b = new WaitBatches(41); // 20 batches of 2, one left over
    for (let k = 0; k < 41; k++) b.add(k);
    const s = b.summary(1);
    expect(s.waitBatchMeans[0]).toBe(0.5);
    expect(s.waitBatchMeans[19]).toBe(38.5);
    expect(s.waitMean).toBe(20);
    expect(() => new WaitBatches(19)).toThrow(/at least 20/);
  });
});
