/**
 * `gatesim run --per-replication` (JSON, CSV) and `--event-log FILE` (CSV, gzip, OCEL 2.0 JSON) end to end,
 * on the textbook M/M/1 shortened to 1 day: the log's replication gives the same KPIs as in the report.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { gatesim } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "gatesim-extras-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const base = ["run", "textbook/mm1", "--days", "1", "--warmup-days", "0", "-r", "3", "--seed", "5", "--workers", "0"];

describe("gatesim run extras", () => {
  it("--per-replication gives each replication's KPIs as JSON and as wide CSV", async () => {
    const json = await gatesim([...base, "--per-replication", "--format", "json"]);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.replications.map((r: { replication: number }) => r.replication)).toEqual([0, 1, 2]);
    expect(report.units.timeInSystemMinutesMean).toBe("minutes");
    const means = report.replications.map((r: { kpis: Record<string, number> }) => r.kpis.timeInSystemMinutesMean);
    expect(new Set(means).size).toBe(3);
    const full = JSON.parse((await gatesim([...base, "--format", "json"])).stdout);
    const avg = means.reduce((a: number, b: number) => a + b, 0) / 3;
    // The report rounds to 7 significant digits.
    expect(full.kpis.timeInSystemMinutesMean.mean).toBeCloseTo(avg, 5);

    const csv = await gatesim([...base, "--per-replication", "--format", "csv"]);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = csv.stdout.trimEnd().split("\n");
    expect(rows).toHaveLength(4);
    const header = rows[0]!.split(",");
    expect(header.slice(0, 2)).toEqual(["replication", "seed"]);
    const col = header.indexOf("timeInSystemMinutesMean");
    expect(Number(rows[2]!.split(",")[col])).toBeCloseTo(means[1], 5);
  });

  it("--report-lang vi writes the HTML report in Vietnamese; an unknown language exits 2", async () => {
    const file = join(tmp, "report-vi.html");
    const vi = await gatesim([...base, "--report", file, "--report-lang", "vi"]);
    expect(vi.code, vi.stderr).toBe(0);
    const html = readFileSync(file, "utf8");
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("<h2>Chỉ số chính</h2>");
    const bad = await gatesim([...base, "--report", file, "--report-lang", "fr"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--report-lang");
  });

  it("--event-log writes gzipped CSV and OCEL 2.0 JSON of the chosen replication", async () => {
    const gz = join(tmp, "events.csv.gz");
    const r = await gatesim([...base, "--event-log", gz, "--event-log-replication", "2", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote .*events\.csv\.gz \(\d+ events of replication 2\)/);
    const lines = gunzipSync(readFileSync(gz)).toString("utf8").trimEnd().split("\n");
    expect(lines[0]).toMatch(/^case_id,replication,event,stage,sim_ms,time,/);
    expect(lines[1]).toMatch(/^1,2,arrive,station,\d+,2026-01-05T\d\d:\d\d:\d\d\.\d{3}\+07:00,export,/);
    const report = JSON.parse(r.stdout);
    // One arrive row per truck of the replication: its arrivals over the day.
    const arrivals = lines.filter((l) => l.split(",")[2] === "arrive").length;
    expect(arrivals).toBeGreaterThan(report.kpis.arrivalsPerDay.mean * 0.5);

    const json = join(tmp, "events.json");
    const o = await gatesim([...base, "--event-log", json, "--event-log-max-rows", "200"]);
    expect(o.code, o.stderr).toBe(0);
    expect(o.stderr).toMatch(/stopped at its bound of 200 events; \d+ later events were dropped/);
    const ocel = JSON.parse(readFileSync(json, "utf8"));
    expect(ocel.events).toHaveLength(200);
    expect(ocel.objectTypes.map((t: { name: string }) => t.name)).toEqual(["truck", "stage"]);
  });

  it("refuses a file name it cannot write and a replication the run does not have (exit 2)", async () => {
    const bad = await gatesim([...base, "--event-log", join(tmp, "events.txt")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/must end in \.csv, \.csv\.gz or \.json/);
    const out = await gatesim([...base, "--event-log", join(tmp, "e.csv"), "--event-log-replication", "3"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/replications 0 to 2/);
  });
});
