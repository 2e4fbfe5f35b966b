/** `/scenarios`, `/comparisons`, `/health` and `/docs` by inject(). */
import { afterEach, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { TINY_RUN, testApp, waitForRun } from "./helpers.js";

const apps: GatesimApp[] = [];
async function app(options: Parameters<typeof testApp>[0] = {}): Promise<GatesimApp> {
  const a = await testApp(options);
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

describe("scenarios", () => {
  it("lists shipped scenarios and serves one by name or group/name", async () => {
    const a = await app();
    const list = (await a.inject({ method: "GET", url: "/scenarios" })).json();
    const mm1 = list.items.find((s: { name: string }) => s.name === "mm1");
    expect(mm1).toMatchObject({ aliases: ["textbook/mm1"], url: "/scenarios/textbook/mm1" });
    expect(mm1.title.length).toBeGreaterThan(0);
    const byName = (await a.inject({ method: "GET", url: "/scenarios/mm1" })).json();
    const byGroup = (await a.inject({ method: "GET", url: "/scenarios/textbook/mm1" })).json();
    expect(byName.scenario).toEqual(byGroup.scenario);
    expect(byName.scenario.stages.station.servers).toBe(1);
    const missing = await a.inject({ method: "GET", url: "/scenarios/nope" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("GATESIM_ERR_SCENARIO_NOT_FOUND");
    expect((await a.inject({ method: "GET", url: "/scenarios/..%2F..%2Fpackage" })).statusCode).toBe(404);
    expect((await a.inject({ method: "GET", url: "/scenario-schema" })).json().type).toBe("object");
  });

  it("validates an inline scenario: 200 with hash and assumed inputs, 400 with every issue", async () => {
    const a = await app();
    const mm1 = (await a.inject({ method: "GET", url: "/scenarios/mm1" })).json().scenario;
    const ok = await a.inject({ method: "POST", url: "/scenarios/validate", payload: mm1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      valid: true,
      name: "mm1",
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      assumedInputs: expect.any(Array),
    });
    const bad = await a.inject({
      method: "POST",
      url: "/scenarios/validate",
      payload: { ...mm1, horizonDays: -1, bogus: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json();
    expect(body.code).toBe("GATESIM_ERR_SCENARIO_INVALID");
    const paths = body.details.map((d: { path: string }) => d.path);
    expect(paths).toContain("body.horizonDays");
    const arr = await a.inject({ method: "POST", url: "/scenarios/validate", payload: [1, 2] });
    expect(arr.statusCode).toBe(400);
    expect(arr.json().code).toBe("GATESIM_ERR_VALIDATION");
  });
});

describe("comparisons", () => {
  it("pairs stored runs replication by replication", async () => {
    const a = await app();
    const one = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    const two = (
      await a.inject({
        method: "POST",
        url: "/runs",
        payload: { ...TINY_RUN, overrides: { "stages.station.servers": 2 } },
      })
    ).json();
    await waitForRun(a, one.id);
    await waitForRun(a, two.id);
    const res = await a.inject({ method: "POST", url: "/comparisons", payload: { runs: [one.id, two.id] } });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ status: "succeeded", runs: [{ id: one.id }, { id: two.id }] });
    const wait = c.report.differences[0].kpis.timeInSystemMinutesMean;
    // Two servers instead of one: a much shorter time in system, clearly significant under CRN.
    expect(wait.diffMean).toBeLessThan(0);
    expect(wait.significant).toBe(true);
    expect(wait.n).toBe(3);
    expect(c.report.differences[0].scenario).not.toBe(c.report.differences[0].against);
    expect((await a.inject({ method: "GET", url: c.url })).json()).toEqual(c);
  });

  it("refuses runs that cannot be paired, naming the run and field", async () => {
    const a = await app();
    const one = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    const other = (await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, seed: 8 } })).json();
    await waitForRun(a, one.id);
    await waitForRun(a, other.id);
    const seed = await a.inject({ method: "POST", url: "/comparisons", payload: { runs: [one.id, other.id] } });
    expect(seed.statusCode).toBe(400);
    expect(seed.json()).toMatchObject({ code: "GATESIM_ERR_COMPARISON_INVALID", details: [{ path: "runs.1" }] });
    expect(seed.json().message).toContain("seed");
    const missing = await a.inject({ method: "POST", url: "/comparisons", payload: { runs: [one.id, "run_x"] } });
    expect(missing.statusCode).toBe(404);
    const single = await a.inject({ method: "POST", url: "/comparisons", payload: { runs: [one.id] } });
    expect(single.statusCode).toBe(400);
    expect(single.json().code).toBe("GATESIM_ERR_VALIDATION");
    expect((await a.inject({ method: "GET", url: "/comparisons/cmp_none" })).json().code).toBe(
      "GATESIM_ERR_COMPARISON_NOT_FOUND",
    );
  });

  it("launches scenarios with common random numbers (202) and reports once they succeed", async () => {
    const a = await app();
    const res = await a.inject({
      method: "POST",
      url: "/comparisons",
      payload: {
        scenarios: ["mm1", { scenario: "mm1", overrides: { "stages.station.servers": 2 } }],
        replications: 3,
        horizonDays: 2,
        warmupDays: 0,
      },
    });
    expect(res.statusCode).toBe(202);
    const c = res.json();
    expect(c.runs).toHaveLength(2);
    for (const r of c.runs) await waitForRun(a, r.id);
    const done = (await a.inject({ method: "GET", url: c.url })).json();
    expect(done.status).toBe("succeeded");
    expect(done.report).toMatchObject({ replications: 3, seed: 1, reference: expect.any(String) });
    const runs = await Promise.all(
      c.runs.map(async (r: { id: string }) => (await a.inject({ method: "GET", url: `/runs/${r.id}` })).json()),
    );
    expect(runs.map((r) => r.comparisonId)).toEqual([c.id, c.id]);
  });
});

describe("service", () => {
  it("reports health and documents every endpoint in OpenAPI", async () => {
    const a = await app();
    const health = (await a.inject({ method: "GET", url: "/health" })).json();
    expect(health).toMatchObject({ status: "ok", modelVersion: expect.any(String), runs: { running: 0, queued: 0 } });
    const doc = (await a.inject({ method: "GET", url: "/docs/json" })).json();
    expect(doc.openapi).toBe("3.0.3");
    for (const path of [
      "/health",
      "/scenarios",
      "/scenarios/{name}",
      "/scenarios/validate",
      "/runs",
      "/runs/{id}",
      "/runs/{id}/results",
      "/runs/{id}/replications",
      "/runs/{id}/events",
      "/runs/{id}/cancel",
      "/comparisons",
      "/comparisons/{id}",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["RunRequest", "Run", "Error", "ComparisonRequest"]),
    );
    const ui = await a.inject({ method: "GET", url: "/docs" });
    expect(ui.statusCode).toBeLessThan(400);
    expect(ui.headers["content-security-policy"]).toContain("script-src 'self' 'unsafe-inline'");
  });

  it("serves the dashboard and its chart bundles with security headers", async () => {
    const a = await app({ webRoot: undefined });
    const page = await a.inject({ method: "GET", url: "/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect((await a.inject({ method: "GET", url: "/vendor/d3/d3.min.js" })).statusCode).toBe(200);
    const missing = await a.inject({ method: "GET", url: "/no/such/file.js" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("GATESIM_ERR_NOT_FOUND");
  });
});
