/**
 * `gatesim run`, `compare` and `sweep` end to end on the textbook M/M/1 shortened to 2 days (seed 3):
 * JSON contract on stdout, CSV, the HTML report, and Ctrl-C. stderr is a pipe here, so no progress bar.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gatesim } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "gatesim-run-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("gatesim run", () => {
  it("prints the JSON report contract on stdout", async () => {
    const r = await gatesim([
      "run",
      "textbook/mm1",
      "--days",
      "2",
      "--warmup-days",
      "0.25",
      "-r",
      "3",
      "--seed",
      "3",
      "--workers",
      "2",
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
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
    expect(report.scenario.name).toBe("mm1");
    expect(report.scenario.hash).toMatch(/^[0-9a-f]{16,}$/);
    expect(report.seed).toBe(3);
    expect(report.replications).toBe(3);
    expect(report.horizonDays).toBe(2);
    expect(report.warmupDays).toBe(0.25);
    const k = report.kpis.timeInSystemMinutesMean;
    expect(Object.keys(k).sort()).toEqual(["ci95", "mean", "n", "sd", "unit"]);
    expect(k.n).toBe(3);
    expect(k.ci95[0]).toBeLessThanOrEqual(k.mean);
    expect(k.ci95[1]).toBeGreaterThanOrEqual(k.mean);
    const stage = report.stages.station;
    expect(Object.keys(stage)).toEqual(
      expect.arrayContaining(["utilization", "busyShare", "blockedShare", "idleShare"]),
    );
    expect(Object.keys(stage.utilization)).toEqual(["mean", "ci95"]);
    expect(report.series).toHaveProperty("sampleStepMinutes");
    expect(report.conservation.holds).toBe(true);
    expect(Object.keys(report.timing)).toEqual(["wallMs", "events", "eventsPerSecond"]);
    // Same seed, inline: the same report apart from timing.
    const inline = await gatesim([
      "run",
      "textbook/mm1",
      "--days",
      "2",
      "--warmup-days",
      "0.25",
      "-r",
      "3",
      "--seed",
      "3",
      "--workers",
      "0",
      "--format",
      "json",
    ]);
    const strip = (t: string) => JSON.stringify({ ...JSON.parse(t), timing: null });
    expect(strip(inline.stdout)).toBe(strip(r.stdout));
  });

  it("writes CSV to --out and a self-contained HTML report", async () => {
    const out = join(tmp, "mm1.csv");
    const html = join(tmp, "mm1.html");
    const r = await gatesim([
      "run",
      "textbook/mm1",
      "--days",
      "2",
      "-r",
      "2",
      "--workers",
      "0",
      "--format",
      "csv",
      "--out",
      out,
      "--report",
      html,
      "--set",
      "stages.station.servers=2",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const csv = readFileSync(out, "utf8").split("\n");
    expect(csv[0]).toBe("kind,name,figure,mean,ci95_lo,ci95_hi,sd,unit,n");
    expect(csv.some((l) => l.startsWith("kpi,timeInSystemMinutesMean,value,"))).toBe(true);
    expect(existsSync(html)).toBe(true);
    const page = readFileSync(html, "utf8");
    expect(page).toContain('<script type="application/json" id="report-data">');
    expect(page).toContain("@observablehq/plot");
    expect(page).not.toMatch(/<script[^>]+src=/);
    const data = page.match(/id="report-data">(.*?)<\/script>/s)?.[1] as string;
    expect(JSON.parse(data).scenario.name).toBe("mm1");
  });

  it("cancels cleanly on SIGINT and says what was finished", async () => {
    const r = await gatesim(["run", "textbook/mm1", "--days", "20", "-r", "400", "--workers", "1"], {
      env: { GATESIM_LOG_LEVEL: "info" },
      onSpawn: (child) => {
        // Ctrl-C once the run has started (its log line comes after the SIGINT handler is in place), not
        // after a fixed delay: on a loaded machine the start-up alone can take seconds.
        let sent = false;
        const interrupt = () => {
          if (!sent) child.kill("SIGINT");
          sent = true;
        };
        child.stderr?.on("data", (d: Buffer) => {
          if (d.toString().includes("run started")) setTimeout(interrupt, 1000);
        });
        setTimeout(interrupt, 60_000).unref();
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/cancelled after \d+ of 400 replications/);
    expect(r.stdout).toBe("");
  });
});

describe("gatesim compare and sweep", () => {
  it("compares two scenarios with paired differences", async () => {
    const r = await gatesim([
      "compare",
      "textbook/mm1",
      "textbook/mm1",
      "--days",
      "2",
      "-r",
      "3",
      "--workers",
      "0",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.differences[0].kpis.timeInSystemMinutesMean.diffMean).toBe(0);
    expect(Object.keys(report).at(-1)).toBe("timing");
  });

  it("sweeps a grid and prints one CSV row per point", async () => {
    const r = await gatesim([
      "sweep",
      "textbook/mm1",
      "--grid",
      "stages.station.servers=1,2",
      "--days",
      "2",
      "-r",
      "2",
      "--workers",
      "0",
      "--format",
      "csv",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]?.startsWith("stages.station.servers,scenario_hash,")).toBe(true);
  });
});
