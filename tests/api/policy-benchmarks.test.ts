/**
 * The API runs the policy benchmark: POST with policy names (built-ins and installed modules), a stored
 * resource with progress and the leaderboard (JSON, CSV, HTML), and never code or paths from a request.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { testApp } from "./helpers.js";

/** A small benchmark: one short scenario of the suite, few replications. */
const SMALL = {
  suite: "congestion-v1",
  scenarios: ["xray-outage"],
  horizonDays: 2,
  replications: 3,
  selection: { maxReplications: 5 },
};

async function waitFor(app: GatesimApp, url: string, timeoutMs = 120_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const b = (await app.inject({ method: "GET", url })).json() as Record<string, unknown>;
    if (["succeeded", "failed", "cancelled", "interrupted"].includes(b.status as string)) return b;
    if (Date.now() > deadline) throw new Error(`${url} still ${String(b.status)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("policy benchmarks over HTTP", () => {
  let app: GatesimApp;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("lists the policies it can run and says it never runs code from a request", async () => {
    const res = await app.inject({ method: "GET", url: "/policies" });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      note: string;
      policies: { decision: string; name: string; kind: string; sha256?: string }[];
    };
    expect(body.note).toMatch(/never runs code sent in a request/);
    expect(body.policies).toContainEqual(
      expect.objectContaining({ decision: "callForward", name: "fifo", kind: "built-in" }),
    );
    const ex = body.policies.find((p) => p.name === "module:examples/perishables-ageing");
    expect(ex?.decision).toBe("callForward");
    expect(ex?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const suites = (await app.inject({ method: "GET", url: "/policy-suites" })).json() as { name: string }[];
    expect(suites.map((s) => s.name)).toContain("congestion-v1");
  });

  it("runs a benchmark of installed policies and stores its leaderboard", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/policy-benchmarks",
      payload: {
        ...SMALL,
        policies: ["fifo", "perishablesFirst", "ageing=module:examples/perishables-ageing?headStartMinutes=60"],
      },
    });
    expect(res.statusCode, res.body).toBe(202);
    const created = res.json() as { url: string; status: string };
    expect(res.headers.location).toBe(created.url);
    const done = await waitFor(app, created.url);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    const board = done.leaderboard as {
      suite: { name: string; version: number; hash: string };
      modelVersion: string;
      policies: { label: string; hash: string; decisions: { sha256: string; params?: unknown }[] }[];
      scenarios: { id: string; rows: unknown[]; selection: { statement: string; selectedLabel: string } }[];
      notes: string[];
    };
    expect(board.suite).toMatchObject({ name: "congestion-v1", version: 1 });
    expect(board.modelVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(board.policies.map((p) => p.label)).toEqual(["fifo", "perishablesFirst", "ageing"]);
    expect(board.policies[2]?.decisions[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(board.policies[2]?.decisions[0]?.params).toEqual({ headStartMinutes: 60 });
    expect(board.scenarios[0]?.id).toBe("xray-outage");
    expect(board.scenarios[0]?.rows).toHaveLength(3);
    expect(board.scenarios[0]?.selection.statement).toMatch(/with probability at least 95 %/);
    expect(board.notes.join("\n")).toMatch(/horizons set to 2 day/);

    const csv = await app.inject({ method: "GET", url: `${created.url}/leaderboard.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body.split("\n")[0]).toMatch(
      /^suite,suiteVersion,modelVersion,scenario,policy,policyHash,rank,selected/,
    );
    const html = await app.inject({ method: "GET", url: `${created.url}/leaderboard.html` });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain("Policy leaderboard");
    expect(html.body).toContain(board.suite.hash);

    const list = (await app.inject({ method: "GET", url: "/policy-benchmarks" })).json() as { id: string }[];
    expect(list.some((b) => created.url.endsWith(b.id))).toBe(true);
  });

  it("refuses code, paths and unknown policies in a request, naming the field", async () => {
    const post = (policies: unknown[]) =>
      app.inject({ method: "POST", url: "/policy-benchmarks", payload: { ...SMALL, policies } });
    const path = await post(["fifo", "./my-rule.mjs"]);
    expect(path.statusCode).toBe(400);
    expect(path.json().message).toMatch(/never runs code sent in a request/);
    const abs = await post(["fifo", { label: "x", callForward: { module: "/tmp/evil.mjs" } }]);
    expect(abs.statusCode).toBe(400);
    expect(JSON.stringify(abs.json())).toMatch(/is a file path; here policies are given by name/);
    const code = await post(["fifo", { label: "x", callForward: { module: "x", code: "while(1){}" } }]);
    expect(code.statusCode).toBe(400);
    expect(code.json().message).toMatch(/never runs code sent in a request/);
    const unknown = await post(["fifo", "noSuchRule"]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/no built-in policy "noSuchRule"/);
    const suite = await app.inject({
      method: "POST",
      url: "/policy-benchmarks",
      payload: { ...SMALL, suite: "no-such-suite", policies: ["fifo", "perishablesFirst"] },
    });
    expect(suite.statusCode).toBe(400);
    const big = await app.inject({
      method: "POST",
      url: "/policy-benchmarks",
      payload: { ...SMALL, replications: 1000, policies: ["fifo", "perishablesFirst"] },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().code).toBe("GATESIM_ERR_LIMIT_EXCEEDED");
    const missing = await app.inject({ method: "GET", url: "/policy-benchmarks/pbm_nope" });
    expect(missing.statusCode).toBe(404);
  });

  it("refuses a horizon whose sampled values would exceed the server's bound, naming horizonDays (issue 14)", async () => {
    const tight = await testApp({ limits: { maxSampledValuesPerRun: 100_000 } });
    try {
      const res = await tight.inject({
        method: "POST",
        url: "/policy-benchmarks",
        payload: { ...SMALL, horizonDays: 366, policies: ["fifo", "perishablesFirst"] },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details[0].path).toBe("horizonDays");
      expect(res.json().message).toMatch(/sampled values per replication/);
      const ok = await tight.inject({
        method: "POST",
        url: "/policy-benchmarks",
        payload: { ...SMALL, policies: ["fifo", "perishablesFirst"] },
      });
      expect(ok.statusCode, ok.body).toBe(202);
      await waitFor(tight, (ok.json() as { url: string }).url);
    } finally {
      await tight.close();
    }
  });

  it("answers generated bodies with a 4xx and the error body, never a 5xx (fast-check, seed 15)", async () => {
    const policy = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("fifo", "module:", "module:../x", "callForward:", "a=b?c", "./x.ts", "module:examples/nope"),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          suite: fc.oneof(fc.string({ maxLength: 20 }), fc.constant("congestion-v1")),
          policies: fc.array(policy, { maxLength: 5 }),
          scenarios: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
          replications: fc.oneof(fc.integer(), fc.double()),
          horizonDays: fc.oneof(fc.integer(), fc.double()),
          selection: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await app.inject({
          method: "POST",
          url: "/policy-benchmarks",
          payload: JSON.stringify(b),
          headers: { "content-type": "application/json" },
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode !== 202) expect((res.json() as { code: string }).code).toMatch(/^GATESIM_ERR_/);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
