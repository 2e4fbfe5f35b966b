/** `/runs` by inject(): launch, read, results, replications, events, cancel, cache, limits, queue, auth. */
import { afterEach, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { GatedExecutor, TINY_RUN, testApp, until, waitForRun } from "./helpers.js";

const apps: GatesimApp[] = [];
async function app(options: Parameters<typeof testApp>[0] = {}): Promise<GatesimApp> {
  const a = await testApp(options);
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

describe("runs", () => {
  it("launches a run (202), finishes it, and serves status, report, replications and the final event", async () => {
    const a = await app();
    const res = await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN });
    expect(res.statusCode).toBe(202);
    const created = res.json();
    expect(created).toMatchObject({
      status: expect.stringMatching(/queued|running/),
      cached: false,
      replications: 3,
      seed: 1,
    });
    expect(res.headers.location).toBe(`/runs/${created.id}`);
    const run = await waitForRun(a, created.id);
    expect(run).toMatchObject({ status: "succeeded", progress: { done: 3, total: 3 }, attempts: 1, error: null });
    expect(typeof run.durationMs).toBe("number");

    const report = (await a.inject({ method: "GET", url: `/runs/${created.id}/results` })).json();
    expect(report).toMatchObject({
      scenario: { name: "mm1" },
      seed: 1,
      replications: 3,
      horizonDays: 2,
      warmupDays: 0,
    });
    expect(report.kpis.throughputPerDay.n).toBe(3);
    expect(report.kpis.throughputPerDay.ci95).toHaveLength(2);
    expect(report.timing.wallMs).toBeGreaterThanOrEqual(0);

    const reps = (await a.inject({ method: "GET", url: `/runs/${created.id}/replications` })).json();
    expect(reps.replications.map((r: { replication: number }) => r.replication)).toEqual([0, 1, 2]);
    expect(typeof reps.replications[0].kpis.throughputPerDay).toBe("number");

    const events = await a.inject({
      method: "GET",
      url: `/runs/${created.id}/events`,
      headers: { accept: "text/event-stream" },
    });
    expect(events.headers["content-type"]).toContain("text/event-stream");
    expect(events.body).toMatch(/^event: status\ndata: \{.*"status":"succeeded"/m);
  });

  it("streams progress events, then the final status, and closes", async () => {
    const executor = new GatedExecutor();
    const a = await app({ executor });
    const created = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    const streamed = a.inject({ method: "GET", url: `/runs/${created.id}/events` });
    await until(() => executor.started >= 1);
    executor.releaseAll();
    const body = (await streamed).body;
    const kinds = [...body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(kinds[0]).toBe("progress");
    expect(kinds.at(-1)).toBe("status");
    expect(kinds.filter((k) => k === "progress").length).toBeGreaterThanOrEqual(3);
    expect(body).toContain('"done":3,"total":3');
    const bad = await a.inject({
      method: "GET",
      url: `/runs/${created.id}/events`,
      headers: { accept: "application/json" },
    });
    expect(bad.statusCode).toBe(406);
    expect(bad.json().code).toBe("GATESIM_ERR_NOT_ACCEPTABLE");
  });

  it("answers an identical run from the store (200, cached) unless recompute is set", async () => {
    const a = await app();
    const first = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    await waitForRun(a, first.id);
    const hit = await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, seed: 1 } });
    expect(hit.statusCode).toBe(200);
    expect(hit.json()).toMatchObject({ status: "succeeded", cached: true, cachedFrom: first.id });
    const r1 = (await a.inject({ method: "GET", url: `/runs/${first.id}/results` })).json();
    const r2 = (await a.inject({ method: "GET", url: `/runs/${hit.json().id}/results` })).json();
    expect(r2).toEqual(r1);
    const again = await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, recompute: true } });
    expect(again.statusCode).toBe(202);
    const redone = await waitForRun(a, again.json().id);
    expect(redone.cached).toBe(false);
    const r3 = (await a.inject({ method: "GET", url: `/runs/${again.json().id}/results` })).json();
    // Same inputs, same numbers: only timing differs.
    expect({ ...r3, timing: null }).toEqual({ ...r1, timing: null });
    // A different seed is a different run.
    expect((await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, seed: 2 } })).statusCode).toBe(202);
  });

  it("answers 409 for results of an unfinished run, and cancels queued and running runs", async () => {
    const executor = new GatedExecutor();
    const a = await app({ executor, limits: { maxConcurrentRuns: 1 } });
    const running = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    const queued = (await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, seed: 5 } })).json();
    expect(queued).toMatchObject({ status: "queued", queuePosition: 1 });
    const early = await a.inject({ method: "GET", url: `/runs/${running.id}/results` });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("GATESIM_ERR_RUN_NOT_FINISHED");

    const c1 = await a.inject({ method: "POST", url: `/runs/${queued.id}/cancel` });
    expect(c1.statusCode).toBe(200);
    expect(c1.json().status).toBe("cancelled");
    executor.release(1);
    await until(() => executor.started >= 2);
    const c2 = await a.inject({ method: "POST", url: `/runs/${running.id}/cancel` });
    expect(c2.statusCode).toBe(202);
    const ended = await waitForRun(a, running.id);
    expect(ended).toMatchObject({ status: "cancelled", progress: { done: 1, total: 3 } });
    const again = await a.inject({ method: "POST", url: `/runs/${running.id}/cancel` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("GATESIM_ERR_RUN_ALREADY_FINISHED");
    expect((await a.inject({ method: "POST", url: "/runs/run_nope/cancel" })).json().code).toBe(
      "GATESIM_ERR_RUN_NOT_FOUND",
    );
  });

  it("answers 429 with Retry-After when the queue is full, and never hangs", async () => {
    const executor = new GatedExecutor();
    const a = await app({ executor, limits: { maxConcurrentRuns: 1, maxQueuedRuns: 2 } });
    const codes: number[] = [];
    for (let seed = 0; seed < 5; seed++) {
      const res = await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, seed } });
      codes.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().code).toBe("GATESIM_ERR_QUEUE_FULL");
        expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      }
    }
    expect(codes).toEqual([202, 202, 202, 429, 429]);
    expect((await a.inject({ method: "GET", url: "/health" })).json().runs).toEqual({
      running: 1,
      queued: 2,
      waitingForWorker: 0,
    });
    executor.releaseAll();
  });

  it("enforces the work limits with a message naming the field", async () => {
    const a = await app({ limits: { maxReplications: 5, maxHorizonDays: 10 } });
    const reps = await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, replications: 6 } });
    expect(reps.statusCode).toBe(400);
    expect(reps.json()).toMatchObject({ code: "GATESIM_ERR_LIMIT_EXCEEDED", details: [{ path: "replications" }] });
    const days = await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, horizonDays: 11 } });
    expect(days.json()).toMatchObject({ code: "GATESIM_ERR_LIMIT_EXCEEDED", details: [{ path: "horizonDays" }] });
    // The scenario's own horizon (mm1: 60 days) counts when the request has none.
    const own = await a.inject({ method: "POST", url: "/runs", payload: { scenario: "mm1", replications: 2 } });
    expect(own.json()).toMatchObject({ code: "GATESIM_ERR_LIMIT_EXCEEDED", details: [{ path: "horizonDays" }] });
  });

  it("rejects bad bodies with 400 and the field's path", async () => {
    const a = await app();
    const cases: [unknown, string, string][] = [
      [{ ...TINY_RUN, replication: 3 }, "GATESIM_ERR_VALIDATION", "body.replication"],
      [{ ...TINY_RUN, replications: 0 }, "GATESIM_ERR_VALIDATION", "body.replications"],
      [{ ...TINY_RUN, replications: 2.5 }, "GATESIM_ERR_VALIDATION", "body.replications"],
      [{ ...TINY_RUN, horizonDays: "30" }, "GATESIM_ERR_VALIDATION", "body.horizonDays"],
      [{ replications: 3 }, "GATESIM_ERR_VALIDATION", "body.scenario"],
      [{ ...TINY_RUN, scenario: "no-such" }, "GATESIM_ERR_SCENARIO_NOT_FOUND", ""],
      [{ ...TINY_RUN, scenario: "../../etc/passwd" }, "GATESIM_ERR_SCENARIO_NOT_FOUND", ""],
      [
        { ...TINY_RUN, overrides: { "stages.station.servers": "many" } },
        "GATESIM_ERR_SCENARIO_INVALID",
        "overrides.stages.station.servers",
      ],
      [{ ...TINY_RUN, scenario: { name: "x" } }, "GATESIM_ERR_SCENARIO_INVALID", "scenario.demand"],
    ];
    for (const [payload, code, path] of cases) {
      const res = await a.inject({ method: "POST", url: "/runs", payload: payload as object });
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      const body = res.json();
      expect(body.code, JSON.stringify(payload)).toBe(code);
      if (path !== "") expect(body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const json = await a.inject({
      method: "POST",
      url: "/runs",
      payload: "{oops",
      headers: { "content-type": "application/json" },
    });
    expect(json.json().code).toBe("GATESIM_ERR_INVALID_JSON");
    const proto = await a.inject({
      method: "POST",
      url: "/runs",
      payload: '{"scenario":"mm1","__proto__":{"polluted":1}}',
      headers: { "content-type": "application/json" },
    });
    expect(proto.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const text = await a.inject({
      method: "POST",
      url: "/runs",
      payload: "scenario=mm1",
      headers: { "content-type": "text/plain" },
    });
    expect(text.statusCode).toBe(415);
    const big = await a.inject({
      method: "POST",
      url: "/runs",
      payload: { scenario: "mm1", overrides: { x: "y".repeat(1_100_000) } },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe("GATESIM_ERR_BODY_TOO_LARGE");
  });

  it("runs an inline scenario that extends a shipped one, with overrides", async () => {
    const a = await app();
    const res = await a.inject({
      method: "POST",
      url: "/runs",
      payload: {
        scenario: { extends: "mm1", name: "mm1-fast", horizonDays: 2, warmupDays: 0 },
        overrides: { "stages.station.servers": 2 },
        replications: 2,
      },
    });
    expect(res.statusCode).toBe(202);
    const run = await waitForRun(a, res.json().id);
    expect(run).toMatchObject({ status: "succeeded", scenario: { name: "mm1-fast" }, horizonDays: 2 });
  });

  it("lists runs newest first with cursor paging and filters", async () => {
    const a = await app();
    const ids: string[] = [];
    for (let seed = 0; seed < 5; seed++)
      ids.push(
        (await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, replications: 1, seed } })).json().id,
      );
    for (const id of ids) await waitForRun(a, id);
    const p1 = (await a.inject({ method: "GET", url: "/runs?limit=2" })).json();
    expect(p1.total).toBe(5);
    expect(p1.items.map((r: { id: string }) => r.id)).toEqual([ids[4], ids[3]]);
    const p2 = (await a.inject({ method: "GET", url: `/runs?limit=2&cursor=${p1.nextCursor}` })).json();
    expect(p2.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const off = (await a.inject({ method: "GET", url: "/runs?limit=2&offset=4" })).json();
    expect(off.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect((await a.inject({ method: "GET", url: "/runs?status=succeeded&scenario=mm1" })).json().total).toBe(5);
    expect((await a.inject({ method: "GET", url: "/runs?status=failed" })).json().total).toBe(0);
    for (const q of ["limit=0", "limit=abc", "status=done", "cursor=zzz", "offset=-1"]) {
      const res = await a.inject({ method: "GET", url: `/runs?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe("GATESIM_ERR_VALIDATION");
    }
    expect((await a.inject({ method: "GET", url: "/runs/run_missing" })).json().code).toBe("GATESIM_ERR_RUN_NOT_FOUND");
  });

  it("requires an API key on write endpoints when keys are set, not on reads", async () => {
    const a = await app({ apiKeys: ["s3cret", "other"] });
    const none = await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe("GATESIM_ERR_UNAUTHORIZED");
    const wrong = await a.inject({
      method: "POST",
      url: "/runs",
      payload: TINY_RUN,
      headers: { "x-api-key": "s3cre" },
    });
    expect(wrong.statusCode).toBe(401);
    const header = await a.inject({
      method: "POST",
      url: "/runs",
      payload: TINY_RUN,
      headers: { "x-api-key": "s3cret" },
    });
    expect(header.statusCode).toBe(202);
    const bearer = await a.inject({
      method: "POST",
      url: "/runs",
      payload: { ...TINY_RUN, seed: 9 },
      headers: { authorization: "Bearer other" },
    });
    expect(bearer.statusCode).toBe(202);
    expect((await a.inject({ method: "POST", url: `/runs/${header.json().id}/cancel` })).statusCode).toBe(401);
    expect((await a.inject({ method: "POST", url: "/comparisons", payload: { runs: ["a", "b"] } })).statusCode).toBe(
      401,
    );
    expect((await a.inject({ method: "POST", url: "/scenarios/validate", payload: {} })).statusCode).toBe(401);
    expect((await a.inject({ method: "GET", url: `/runs/${header.json().id}` })).statusCode).toBe(200);
    expect((await a.inject({ method: "GET", url: "/runs" })).statusCode).toBe(200);
    await waitForRun(a, header.json().id);
    await waitForRun(a, bearer.json().id);
  });

  it("rate-limits per client with 429 and a stable code", async () => {
    const a = await app({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await a.inject({ method: "GET", url: "/health" })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const res = await a.inject({ method: "GET", url: "/health" });
    expect(res.json().code).toBe("GATESIM_ERR_RATE_LIMITED");
    expect(res.headers["retry-after"]).toBeDefined();
  });
});

describe("empty JSON bodies", () => {
  it("are no body: cancel works, endpoints needing a body answer 400 from their schema", async () => {
    const executor = new GatedExecutor();
    const a = await app({ executor });
    const run = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    const headers = { "content-type": "application/json" };
    const cancel = await a.inject({ method: "POST", url: `/runs/${run.id}/cancel`, payload: "", headers });
    expect(cancel.statusCode).toBe(202);
    const empty = await a.inject({ method: "POST", url: "/runs", payload: "  ", headers });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe("GATESIM_ERR_VALIDATION");
    await waitForRun(a, run.id);
  });
});
