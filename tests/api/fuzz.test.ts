/**
 * Property test: bad and odd requests at every endpoint never get a 5xx, always get our error body
 * (`{code: GATESIM_ERR_*, message}`) when refused, and get the status their case calls for (wrong
 * types, out-of-range numbers, unknown fields → 400; prototype-pollution keys → 400; wrong content
 * types → 415; unknown ids → 404). The server answers a health check afterwards.
 * fast-check with a fixed seed; about 2,000 generated requests, a few seconds.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { GatedExecutor, TINY_RUN, testApp } from "./helpers.js";

let app: GatesimApp;
let executor: GatedExecutor;
let runId: string;

beforeAll(async () => {
  // Replications never run (the gate stays closed): accepted bodies just fill the queue, then 429.
  executor = new GatedExecutor();
  app = await testApp({ executor, limits: { maxConcurrentRuns: 1, maxQueuedRuns: 4 } });
  runId = (await app.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json().id;
});
afterAll(async () => {
  await app.close();
});

type Case = {
  method: "GET" | "POST";
  url: string;
  payload?: string;
  contentType?: string;
  accept?: string;
  expect: number[];
};

/** Values of the wrong type or out of range for a numeric field. */
const badNumber = fc.oneof(
  fc.constantFrom("NaN", "Infinity", "-Infinity", "1e999", "0x10", "", " 5", "20", "-0"),
  fc.constantFrom(0, -1, -1e308, 1e308, 2 ** 53, 1.5, -0.5),
  fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x) || x <= 0),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** JSON text of a run request with one field replaced by a bad value. */
const wrongTypeRun = fc
  .tuple(
    fc.constantFrom("replications", "horizonDays", "warmupDays", "recompute", "seed", "scenario", "overrides"),
    badNumber,
  )
  .filter(([field, v]) => {
    // Drop the few replacements that are valid for the field.
    if (field === "seed") return !(typeof v === "string" && v.length > 0) && !Number.isSafeInteger(v);
    if (field === "warmupDays") return !(typeof v === "number" && v >= 0);
    if (field === "horizonDays") return !(typeof v === "number" && v > 0);
    if (field === "scenario")
      return typeof v !== "string" && !(typeof v === "object" && v !== null && !Array.isArray(v));
    if (field === "overrides") return !(typeof v === "object" && v !== null && !Array.isArray(v));
    if (field === "recompute") return typeof v !== "boolean";
    return true;
  })
  .map(
    ([field, v]): Case => ({
      method: "POST",
      url: "/runs",
      payload: JSON.stringify({ ...TINY_RUN, [field]: v }),
      expect: [400],
    }),
  );

/** A run request with an unknown field. */
const unknownField = fc
  .tuple(
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !(k in TINY_RUN) && !["overrides", "seed", "recompute", "__proto__"].includes(k)),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(
    ([k, v]): Case => ({
      method: "POST",
      url: "/runs",
      payload: JSON.stringify({ ...TINY_RUN, [k]: v }),
      expect: [400],
    }),
  );

/** Prototype-pollution keys, raw in the JSON text, at the top or nested, on every write endpoint. */
const protoKeys = fc
  .tuple(
    fc.constantFrom("/runs", "/comparisons", "/scenarios/validate"),
    fc.constantFrom('"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}'),
    fc.boolean(),
  )
  .map(([url, key, nested]): Case => {
    const inner = `{"scenario":"mm1",${key}}`;
    const payload = nested ? `{"scenario":"mm1","overrides":{"a":${inner}}}` : inner;
    return { method: "POST", url, payload, expect: [400] };
  });

/** Deeply nested objects in overrides and inline scenarios. */
const deep = fc.tuple(fc.integer({ min: 65, max: 3000 }), fc.boolean()).map(([depth, inline]): Case => {
  const nest = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  const payload = inline ? `{"scenario":${nest}}` : `{"scenario":"mm1","overrides":{"x":${nest}}}`;
  return { method: "POST", url: "/runs", payload, expect: [400] };
});

/** Any JSON value as the body of any write endpoint. */
const anyJson = fc
  .tuple(
    fc.constantFrom("/runs", "/comparisons", "/scenarios/validate", `/runs/RUN/cancel`),
    fc.jsonValue({ maxDepth: 4 }),
  )
  .map(
    ([url, v]): Case => ({
      method: "POST",
      url,
      payload: JSON.stringify(v),
      expect: [200, 201, 202, 400, 404, 409, 429],
    }),
  );

/** Broken JSON text. */
const brokenJson = fc
  .string({ maxLength: 40 })
  .filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  })
  .map((s): Case => ({ method: "POST", url: "/runs", payload: s, expect: [400] }));

/** Wrong content types with arbitrary text. */
const wrongContentType = fc
  .tuple(
    fc.constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/xml",
      "image/png",
    ),
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.constantFrom("/runs", "/comparisons", "/scenarios/validate"),
  )
  .map(([ct, s, url]): Case => ({ method: "POST", url, payload: s, contentType: ct, expect: [415] }));

/** Odd ids and paths on the read endpoints. */
const oddIds = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 120 }),
    fc.constantFrom(
      "/runs/ID",
      "/runs/ID/results",
      "/runs/ID/replications",
      "/runs/ID/events",
      "/comparisons/ID",
      "/scenarios/ID",
    ),
  )
  .map(
    ([id, tpl]): Case => ({ method: "GET", url: tpl.replace("ID", encodeURIComponent(id)), expect: [400, 404, 406] }),
  );

/** Odd query strings on the list endpoint. */
const oddQueries = fc
  .record(
    {
      limit: fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 500 }).map(String)),
      status: fc.oneof(fc.constantFrom("queued", "running", "succeeded"), fc.string({ maxLength: 8 })),
      cursor: fc.string({ minLength: 1, maxLength: 30 }),
      offset: fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 50 }).map(String)),
    },
    { requiredKeys: [] },
  )
  .map(
    (q): Case => ({
      method: "GET",
      url: `/runs?${new URLSearchParams(q as Record<string, string>).toString()}`,
      expect: [200, 400],
    }),
  );

/** Comparison bodies of the wrong shape. */
const badComparisons = fc
  .oneof(
    fc.record({ runs: fc.array(fc.string({ maxLength: 10 }), { maxLength: 1 }) }),
    fc.record({ runs: fc.array(fc.integer(), { minLength: 2, maxLength: 3 }) }),
    fc.record({ scenarios: fc.array(fc.constant("mm1"), { maxLength: 1 }) }),
    fc.record({ scenarios: fc.constant(["mm1", "mm1"]), replications: badNumber }),
    fc.record({ runs: fc.constant(["a", "b"]), scenarios: fc.constant(["mm1", "mm1"]) }),
  )
  .map((b): Case => ({ method: "POST", url: "/comparisons", payload: JSON.stringify(b), expect: [400] }));

describe("fuzzed requests", () => {
  it("never answer 5xx, always use the error body, and match their case", async () => {
    const arbitrary = fc.oneof(
      wrongTypeRun,
      unknownField,
      protoKeys,
      deep,
      anyJson,
      brokenJson,
      wrongContentType,
      oddIds,
      oddQueries,
      badComparisons,
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async (c) => {
        const url = c.url.replace("RUN", runId);
        const res = await app.inject({
          method: c.method,
          url,
          ...(c.payload === undefined ? {} : { payload: c.payload }),
          headers: {
            ...(c.payload === undefined ? {} : { "content-type": c.contentType ?? "application/json" }),
            ...(c.accept === undefined ? {} : { accept: c.accept }),
          },
        });
        const context = `${c.method} ${url} ${c.payload?.slice(0, 200) ?? ""} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, context).toBeLessThan(500);
        expect(c.expect, context).toContain(res.statusCode);
        if (res.statusCode >= 400 && !(url.endsWith("/events") && res.statusCode === 200)) {
          const body = res.json() as { code?: string; message?: string };
          expect(body.code, context).toMatch(/^GATESIM_ERR_[A-Z_]+$/);
          expect(typeof body.message, context).toBe("string");
        }
      }),
      { seed: 20261122, numRuns: 2000, endOnFailure: true },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
  });
});
