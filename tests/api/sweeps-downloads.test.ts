/**
 * Sweeps (a grid of runs under common random numbers) and the files a planner downloads: the HTML
 * report of a run with its name and changes, CSV of a run, a comparison and a sweep.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { testApp, waitForRun } from "./helpers.js";

const apps: GatesimApp[] = [];
async function app(): Promise<GatesimApp> {
  const a = await testApp();
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

/** Polls a sweep until its runs have ended. */
async function waitForSweep(a: GatesimApp, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 3000; i++) {
    const s = (await a.inject({ method: "GET", url: `/sweeps/${id}` })).json();
    if (s.status !== "running") return s;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("sweep did not end");
}

describe("sweeps", () => {
  it("runs one run per grid point with common random numbers and reports each point's figures", async () => {
    const a = await app();
    const res = await a.inject({
      method: "POST",
      url: "/sweeps",
      payload: {
        scenario: "mmc",
        grid: { "stages.station.servers": [3, 4, 5] },
        replications: 3,
        horizonDays: 3,
        label: "Servers",
      },
    });
    expect(res.statusCode).toBe(202);
    const sweep = await waitForSweep(a, res.json().id);
    expect(sweep.status).toBe("succeeded");
    const rows = sweep.rows as { point: Record<string, number>; kpis: Record<string, { mean: number }> }[];
    expect(rows.map((r) => r.point["stages.station.servers"])).toEqual([3, 4, 5]);
    // More servers, shorter time in system: the curve a planner reads.
    const tis = rows.map((r) => r.kpis.timeInSystemMinutesMean?.mean ?? Number.NaN);
    expect(tis[0]).toBeGreaterThan(tis[1] as number);
    expect(tis[1]).toBeGreaterThan(tis[2] as number);
    // Each point is an ordinary run with the same seed, named after the sweep and its point.
    const runs = await Promise.all(
      (sweep.points as { runId: string }[]).map(async (p) =>
        (await a.inject({ method: "GET", url: `/runs/${p.runId}` })).json(),
      ),
    );
    expect(new Set(runs.map((r) => r.seed)).size).toBe(1);
    expect(runs.map((r) => r.label)).toEqual(["Servers · servers=3", "Servers · servers=4", "Servers · servers=5"]);
    expect(runs.every((r) => r.sweepId === sweep.id)).toBe(true);
    const list = (await a.inject({ method: "GET", url: "/sweeps" })).json();
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([sweep.id]);
    const csv = await a.inject({ method: "GET", url: `/sweeps/${sweep.id}/results.csv` });
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\n");
    expect(lines[0]).toMatch(/^stages\.station\.servers,scenario_hash,/);
    expect(lines).toHaveLength(4);
    expect((await a.inject({ method: "DELETE", url: `/sweeps/${sweep.id}` })).json()).toEqual({
      id: sweep.id,
      deleted: true,
    });
    expect((await a.inject({ method: "GET", url: `/sweeps/${sweep.id}` })).statusCode).toBe(404);
  });

  it("refuses a grid that is too large or names an invalid value, naming the point", async () => {
    const a = await app();
    const big = await a.inject({
      method: "POST",
      url: "/sweeps",
      payload: {
        scenario: "mmc",
        grid: { "stages.station.servers": [1, 2, 3, 4, 5], "stages.station.serviceMinutes.mean": [1, 2, 3, 4, 5, 6] },
      },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().details[0].path).toBe("grid");
    const bad = await a.inject({
      method: "POST",
      url: "/sweeps",
      payload: { scenario: "mmc", grid: { "stages.station.servers": [2, -1] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { path: string }) => d.path)
        .join(" "),
    ).toContain("overrides.stages.station.servers");
    expect((await a.inject({ method: "GET", url: "/runs" })).json().total).toBe(0);
  });
});

describe("downloads", () => {
  it("serves a run's HTML report with its name and changes, and CSV of a run and of a comparison", async () => {
    const a = await app();
    const base = { scenario: "mm1", replications: 3, horizonDays: 2, warmupDays: 0 };
    const one = (
      await a.inject({
        method: "POST",
        url: "/runs",
        payload: { ...base, label: "Faster <server>", overrides: { "stages.station.serviceMinutes.mean": 0.7 } },
      })
    ).json();
    const two = (await a.inject({ method: "POST", url: "/runs", payload: base })).json();
    await waitForRun(a, one.id);
    await waitForRun(a, two.id);
    const html = await a.inject({ method: "GET", url: `/runs/${one.id}/report.html` });
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.headers["content-disposition"]).toBe('attachment; filename="gatesim-Faster-server.html"');
    expect(html.body).toContain("<h1>Faster &lt;server&gt;</h1>");
    expect(html.body).toContain("stages.station.serviceMinutes.mean: 0.7");
    const csv = await a.inject({ method: "GET", url: `/runs/${one.id}/results.csv` });
    expect(csv.body.split("\n")[0]).toBe("kind,name,figure,mean,ci95_lo,ci95_hi,sd,unit,n");
    expect(csv.body).toContain("kpi,throughputPerDay,value,");
    const cmp = (await a.inject({ method: "POST", url: "/comparisons", payload: { runs: [two.id, one.id] } })).json();
    const ccsv = await a.inject({ method: "GET", url: `/comparisons/${cmp.id}/results.csv` });
    expect(ccsv.body.split("\n")[0]).toBe(
      "scenario,against,kpi,mean_a,mean_b,diff_mean,ci95_lo,ci95_hi,relative_diff,significant,unit,n",
    );
    // Runs named as a page names them: the reference first, then the compared run.
    const named = await a.inject({
      method: "GET",
      url: `/comparisons/${cmp.id}/results.csv?label=${encodeURIComponent("Today, 1 server")}&label=${encodeURIComponent("Faster, ± 30 %")}`,
    });
    expect(named.statusCode).toBe(200);
    expect(named.body.split("\n")[1]).toMatch(/^"Faster, ± 30 %","Today, 1 server",/);
    const tooMany = await a.inject({
      method: "GET",
      url: `/comparisons/${cmp.id}/results.csv?label=a&label=b&label=c`,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().details[0].path).toBe("label");
    expect((await a.inject({ method: "GET", url: `/runs/run_missing/report.html` })).statusCode).toBe(404);
  });
});
