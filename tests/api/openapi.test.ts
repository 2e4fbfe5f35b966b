/**
 * The OpenAPI document describes every answer (issue 14, item 11): each operation lists the shared error
 * statuses (400 where it takes input, 403, 414 on id paths, 429, 500, 503; 401 and `security` on writes;
 * 413 and 415 where it takes a body), the event stream is documented as `text/event-stream`, and the
 * description states this server's limits. Errors answered through these entries keep their shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { testApp } from "./helpers.js";

let app: GatesimApp;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read loosely
let doc: any;
beforeAll(async () => {
  app = await testApp({ rateLimit: { max: 1000, timeWindowMs: 60_000 } });
  doc = (await app.inject({ method: "GET", url: "/docs/json" })).json();
});
afterAll(async () => {
  await app.close();
});

describe("OpenAPI completeness", () => {
  it("lists the shared error statuses on every operation, and security on every write", () => {
    let operations = 0;
    for (const [path, ops] of Object.entries<Record<string, { responses: object; security?: unknown }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        operations++;
        const statuses = Object.keys(op.responses);
        const where = `${method.toUpperCase()} ${path}`;
        for (const s of ["403", "429", "500", "503"]) expect(statuses, where).toContain(s);
        if (path.includes("{")) expect(statuses, where).toContain("414");
        const write = ["post", "put", "patch", "delete"].includes(method);
        if (path.includes("{") || method === "post") expect(statuses, where).toContain("400");
        if (write) {
          expect(statuses, where).toEqual(expect.arrayContaining(["401", "413", "415"]));
          expect(op.security, where).toEqual([{ apiKey: [] }, { bearer: [] }]);
        } else {
          expect(op.security, where).toBeUndefined();
        }
      }
    }
    expect(operations).toBeGreaterThanOrEqual(35);
    // The dashboard's, the sweeps' and the policy benchmark's routes are covered too.
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/runs/check",
        "/runs/{id}/inputs",
        "/sweeps",
        "/sweeps/{id}",
        "/glossary",
        "/policies",
        "/policy-suites",
        "/policy-benchmarks",
        "/policy-benchmarks/{id}",
      ]),
    );
    expect(doc.paths["/runs/{id}"].patch.security).toEqual([{ apiKey: [] }, { bearer: [] }]);
  });

  it("documents the event stream and the server's limits", () => {
    const sse = doc.paths["/runs/{id}/events"].get.responses["200"];
    expect(Object.keys(sse.content)).toEqual(["text/event-stream"]);
    expect(sse.description).toMatch(/event: progress/);
    expect(doc.info.description).toMatch(/replications per run ≤ 200; horizonDays ≤ 366/);
    expect(doc.info.description).toMatch(/1000 requests per 60 s per client/);
    expect(doc.components.securitySchemes).toHaveProperty("apiKey");
  });

  it("still answers errors in their shape through the documented entries", async () => {
    const res = await app.inject({ method: "GET", url: "/runs/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: "GATESIM_ERR_RUN_NOT_FOUND", message: 'no run has id "nope"' });
    const bad = await app.inject({ method: "POST", url: "/runs", payload: { scenario: "mm1", replications: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe("body.replications");
  });
});
