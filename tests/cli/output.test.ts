/**
 * What the report says, as a new user reads it: one replication gives no interval (and none is printed),
 * CSV numbers carry 7 significant digits instead of float noise, and the stage table labels its columns.
 */
import { describe, expect, it } from "vitest";
import { csvNumber } from "../../src/cli/common.js";
import { gatesim } from "./helpers.js";

describe("report output", () => {
  it("warns that one replication gives no interval and prints none", async () => {
    const out = await gatesim(["run", "textbook/mm1", "-r", "1", "--days", "6", "--workers", "0"]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/one replication gives no confidence interval/);
    expect(out.stdout).toMatch(/One replication: no confidence intervals/);
    expect(out.stdout).not.toContain("±");
    // No KPI line shows an interval [x, x] of zero width.
    expect(out.stdout).not.toMatch(/\[(\S+), \1\]/);
    const csv = await gatesim(["run", "textbook/mm1", "-r", "1", "--days", "6", "--workers", "0", "-f", "csv"]);
    const row = csv.stdout.split("\n").find((l) => l.startsWith("kpi,throughputPerDay,"));
    expect(row?.split(",").slice(4, 7)).toEqual(["", "", ""]);
  }, 60_000);

  it("labels the stage table: interval half-widths, totals and per-day figures", async () => {
    const out = await gatesim(["run", "textbook/mm1", "-r", "2", "--days", "6", "--workers", "0"]);
    expect(out.code).toBe(0);
    expect(out.stderr).not.toMatch(/warning/);
    expect(out.stdout).toMatch(/served \(total, 5 d\)\s+served per day/);
    expect(out.stdout).toMatch(/mean across replications ± half-width of its 95 % interval/);
  }, 60_000);

  it("writes CSV numbers with at most 7 significant digits", async () => {
    const out = await gatesim(["run", "textbook/mm1", "-r", "2", "--days", "6", "--workers", "0", "-f", "csv"]);
    expect(out.code).toBe(0);
    const numbers = out.stdout.match(/-?\d+\.\d+(e-?\d+)?/g) ?? [];
    expect(numbers.length).toBeGreaterThan(20);
    for (const n of numbers)
      expect(n.replace(/^-/, "").replace(/^0\.0*|\.|e.*$/g, "").length, n).toBeLessThanOrEqual(7);
    expect(csvNumber(1148.1186440677966)).toBe("1148.119");
    expect(csvNumber(0.80312345678)).toBe("0.8031235");
    expect(csvNumber(67739)).toBe("67739");
    expect(csvNumber(Number.NaN)).toBe("");
  }, 60_000);
});
