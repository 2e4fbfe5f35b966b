/**
 * Retries and repeats (issue 14, items 13 and 16). A client whose POST timed out repeats it with the same
 * `Idempotency-Key` and gets the resource the first attempt created (same key, other body: 422); repeated
 * identical POSTs answered from the cache share one run row instead of adding one each (14,000 cached
 * POSTs used to add 14,000 rows).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { TINY_RUN, testApp, waitForRun } from "./helpers.js";

let app: GatesimApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

/** POST with an optional Idempotency-Key. */
function postWithKey(url: string, payload: object, key?: string) {
  return app.inject({ method: "POST", url, payload, headers: key === undefined ? {} : { "idempotency-key": key } });
}

describe("Idempotency-Key", () => {
  it("returns the run the first POST created, and refuses the key with another body (422)", async () => {
    const first = await postWithKey("/runs", { ...TINY_RUN, seed: 301 }, "key-301");
    expect(first.statusCode).toBe(202);
    const again = await postWithKey("/runs", { ...TINY_RUN, seed: 301 }, "key-301");
    expect(again.statusCode).toBe(202);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(first.json().id);
    const other = await postWithKey("/runs", { ...TINY_RUN, seed: 302 }, "key-301");
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      code: "GATESIM_ERR_IDEMPOTENCY_KEY_REUSED",
      details: [{ path: "headers.idempotency-key" }],
    });
    await waitForRun(app, first.json().id);
  });

  it("creates once when two requests with one key arrive together", async () => {
    const [a, b] = await Promise.all([
      postWithKey("/runs", { ...TINY_RUN, seed: 303 }, "key-303"),
      postWithKey("/runs", { ...TINY_RUN, seed: 303 }, "key-303"),
    ]);
    expect(a.json().id).toBe(b.json().id);
    expect(app.gatesim.store.listRuns({ limit: 100 }).items.filter((r) => r.seed === 303)).toHaveLength(1);
    await waitForRun(app, a.json().id);
  });

  it("leaves no key behind when the request failed, so the retry can succeed", async () => {
    const bad = await postWithKey("/runs", { ...TINY_RUN, replications: 100_000 }, "key-bad");
    expect(bad.statusCode).toBe(400);
    const good = await postWithKey("/runs", { ...TINY_RUN, seed: 304 }, "key-bad");
    expect(good.statusCode).toBe(202);
    await waitForRun(app, good.json().id);
  });

  it("applies to comparisons, and checks the key's shape", async () => {
    const body = { scenarios: ["mm1", "mmc"], replications: 2, horizonDays: 2, warmupDays: 0, seed: 9 };
    const a = await postWithKey("/comparisons", body, "cmp-1");
    const b = await postWithKey("/comparisons", body, "cmp-1");
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers["idempotent-replayed"]).toBe("true");
    expect((await postWithKey("/comparisons", { ...body, seed: 10 }, "cmp-1")).statusCode).toBe(422);
    const badKey = await postWithKey("/comparisons", body, "has spaces");
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().details[0].path).toBe("headers.idempotency-key");
  });
});

describe("cache hits", () => {
  it("share one pointer row: 50 identical POSTs after the first add one row, not 50", async () => {
    const body = { ...TINY_RUN, seed: 401 };
    const first = (await postWithKey("/runs", body)).json();
    await waitForRun(app, first.id);
    const before = app.gatesim.store.listRuns({ limit: 1 }).total;
    const hits = [];
    for (let i = 0; i < 50; i++) hits.push((await postWithKey("/runs", body)).json());
    expect(new Set(hits.map((h) => h.id)).size).toBe(1);
    expect(hits[0]).toMatchObject({ status: "succeeded", cached: true, cachedFrom: first.id });
    expect(app.gatesim.store.listRuns({ limit: 1 }).total).toBe(before + 1);
  });

  it("give a named hit its own row (its name is kept), and a deleted pointer is not handed out again", async () => {
    const body = { ...TINY_RUN, seed: 402 };
    const first = (await postWithKey("/runs", body)).json();
    await waitForRun(app, first.id);
    const plain = (await postWithKey("/runs", body)).json();
    const named = (await postWithKey("/runs", { ...body, label: "with 4 lanes" })).json();
    expect(named.id).not.toBe(plain.id);
    expect(named).toMatchObject({ label: "with 4 lanes", cached: true, cachedFrom: first.id });
    expect((await app.inject({ method: "DELETE", url: `/runs/${plain.id}` })).statusCode).toBeLessThan(300);
    const again = (await postWithKey("/runs", body)).json();
    expect(again.id).not.toBe(plain.id);
    expect((await app.inject({ method: "GET", url: `/runs/${again.id}` })).statusCode).toBe(200);
  });
});
