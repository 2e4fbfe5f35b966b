/** `GET /runs/:id/replications/:index/event-log` by inject(): CSV, gzip, OCEL, bounds, errors. */
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { GatedExecutor, TINY_RUN, testApp, waitForRun } from "./helpers.js";

const apps: GatesimApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function finishedRun(): Promise<{ a: GatesimApp; id: string }> {
  const a = await testApp();
  apps.push(a);
  const res = await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, horizonDays: 1 } });
  const id = res.json().id as string;
  await waitForRun(a, id);
  return { a, id };
}

describe("event-log download", () => {
  it("re-runs a replication with the log on and serves it as CSV, gzip or OCEL 2.0 JSON", async () => {
    const { a, id } = await finishedRun();
    const csv = await a.inject({ method: "GET", url: `/runs/${id}/replications/1/event-log` });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(/attachment; filename="mm1-.*-rep1-events\.csv"/);
    expect(csv.headers["x-gatesim-event-log-truncated"]).toBe("false");
    const lines = csv.body.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^case_id,replication,event,/);
    expect(lines).toHaveLength(Number(csv.headers["x-gatesim-event-log-rows"]) + 1);
    expect(lines[1]).toMatch(/^1,1,arrive,station,/);

    const gz = await a.inject({ method: "GET", url: `/runs/${id}/replications/1/event-log?format=csv.gz` });
    expect(gz.headers["content-type"]).toBe("application/gzip");
    expect(gunzipSync(gz.rawPayload).toString("utf8")).toBe(csv.body);

    const ocel = await a.inject({ method: "GET", url: `/runs/${id}/replications/0/event-log?format=ocel&maxRows=50` });
    expect(ocel.statusCode).toBe(200);
    expect(ocel.headers["x-gatesim-event-log-truncated"]).toBe("true");
    expect(Number(ocel.headers["x-gatesim-event-log-dropped-rows"])).toBeGreaterThan(0);
    const body = ocel.json();
    expect(body.events).toHaveLength(50);
    expect(Object.keys(body)).toEqual(["objectTypes", "eventTypes", "objects", "events"]);
  }, 60_000);

  it("answers 404, 400 and 409 with a reason", async () => {
    const { a, id } = await finishedRun();
    expect((await a.inject({ method: "GET", url: "/runs/nope/replications/0/event-log" })).statusCode).toBe(404);
    const past = await a.inject({ method: "GET", url: `/runs/${id}/replications/3/event-log` });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toMatch(/replications 0 to 2/);
    const fmt = await a.inject({ method: "GET", url: `/runs/${id}/replications/0/event-log?format=xml` });
    expect(fmt.statusCode).toBe(400);
    expect(fmt.json().details[0].path).toMatch(/format/);
    const rows = await a.inject({ method: "GET", url: `/runs/${id}/replications/0/event-log?maxRows=99999999` });
    expect(rows.statusCode).toBe(400);
    const extra = await a.inject({ method: "GET", url: `/runs/${id}/replications/0/event-log?rows=5` });
    expect(extra.statusCode).toBe(400);
  }, 60_000);

  it("never answers 5xx to odd parameters (fast-check, fixed seed)", async () => {
    // A run that never finishes (the gate stays closed): anything well-formed gets 409, the rest 400 or 404.
    const executor = new GatedExecutor();
    const a = await testApp({ executor });
    apps.push(a);
    const id = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json().id as string;
    const value = fc.oneof(
      fc.constantFrom("", "-1", "0", "1", "1e9", "NaN", "csv", "csv.gz", "ocel", "xml", "%00", "__proto__", "1.5"),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(id, "nope", "%20"),
        value,
        fc.dictionary(fc.constantFrom("format", "maxRows", "rows", "constructor"), value, { maxKeys: 3 }),
        async (run, index, query) => {
          const qs = new URLSearchParams(query).toString();
          const res = await a.inject({
            method: "GET",
            url: `/runs/${run}/replications/${encodeURIComponent(index)}/event-log${qs ? `?${qs}` : ""}`,
          });
          expect([400, 404, 409]).toContain(res.statusCode);
          expect(res.json().code).toMatch(/^GATESIM_ERR_/);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
    executor.releaseAll();
  }, 60_000);
});
