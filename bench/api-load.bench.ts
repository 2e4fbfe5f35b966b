/**
 * Load test of the HTTP API on loopback with autocannon (programmatic API), bounded in time:
 * 1. reads of `GET /runs/:id` at sustained load: requests/s, p99 latency, and no errors or non-2xx;
 * 2. reads of `GET /runs/:id/results` (a full report through the serializer);
 * 3. a burst of run submissions beyond the configured limits: exactly `maxConcurrentRuns +
 *    maxQueuedRuns` accepted (202), every other one 429 with Retry-After, none hanging.
 * The server is the real one (SQLite file, piscina pool of 1 thread) with the rate limiter off, since
 * one client hammering it is what the limiter exists to stop. The load generator runs in a worker
 * thread so it does not share the server's event loop.
 * `node --import tsx bench/api-load.bench.ts [--quick]` writes bench/results/api-load.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/api/index.js";

/** The part of autocannon's result this benchmark reads (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; mean: number; total: number };
  latency: { average: number; p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** autocannon's promise form. */
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const require = createRequire(import.meta.url);
const autocannon = require("autocannon") as Autocannon;

/** What the benchmark reports for one phase. */
interface PhaseResult {
  requestsPerSecond: number;
  latencyMsP50: number;
  latencyMsP99: number;
  latencyMsMax: number;
  requests: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** Phase figures from an autocannon result. */
function phase(r: AutocannonResult): PhaseResult {
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number(s.count);
  return {
    requestsPerSecond: Math.round(r.requests.average),
    latencyMsP50: r.latency.p50,
    latencyMsP99: r.latency.p99,
    latencyMsMax: r.latency.max,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
  };
}

/** Runs the API load benchmark; `quick` shortens the sustained phases (CI smoke). */
export async function runApiLoadBench(options: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  const quick = options.quick === true;
  const seconds = quick ? 2 : 5;
  const limits = { maxConcurrentRuns: 1, maxQueuedRuns: 8 };
  const dataDir = mkdtempSync(join(tmpdir(), "gatesim-api-bench-"));
  const app = await buildApp({ dataDir, threads: 1, rateLimit: false, webRoot: false, limits });
  try {
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const base = `http://127.0.0.1:${port}`;

    // One finished run to read.
    const created = (
      await app.inject({
        method: "POST",
        url: "/runs",
        payload: { scenario: "mm1", replications: 4, horizonDays: 2, warmupDays: 0 },
      })
    ).json() as { id: string };
    for (;;) {
      const run = app.gatesim.store.getRun(created.id);
      if (run?.status === "succeeded") break;
      if (run?.status === "failed") throw new Error(`setup run failed: ${run.error?.message}`);
      await new Promise((r) => setTimeout(r, 20));
    }

    const common = { connections: 10, pipelining: 1, duration: seconds, workers: 1 };
    const reads = phase(await autocannon({ ...common, url: `${base}/runs/${created.id}` }));
    const results = phase(await autocannon({ ...common, url: `${base}/runs/${created.id}/results` }));

    // Submissions: each one a distinct, long run (recompute), so none finishes during the burst.
    const capacity = limits.maxConcurrentRuns + limits.maxQueuedRuns;
    const attempts = capacity + 20;
    const submissions = phase(
      await autocannon({
        url: `${base}/runs`,
        connections: 1,
        amount: attempts,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "mm1", replications: 50, horizonDays: 30, warmupDays: 0, recompute: true }),
      }),
    );
    const accepted = submissions.statusCodes["202"] ?? 0;
    const rejected = submissions.statusCodes["429"] ?? 0;
    const checks = {
      readsWithoutErrors: reads.errors === 0 && reads.non2xx === 0 && results.errors === 0 && results.non2xx === 0,
      acceptedUpToLimit: accepted === capacity,
      rejectedBeyondLimitWith429: rejected === attempts - capacity,
      noHangs: submissions.errors === 0 && accepted + rejected === attempts,
    };
    // Free the pool: cancel what the burst queued.
    for (const r of app.gatesim.store.listRuns({ limit: 100 }).items) {
      if (r.status === "queued" || r.status === "running") app.gatesim.service.cancel(r.id);
    }

    const out = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      quick,
      setup: {
        connections: common.connections,
        seconds,
        limits,
        rateLimit: "off",
        executor: "piscina, 1 thread",
        store: "SQLite (WAL)",
      },
      getRun: reads,
      getResults: results,
      submissions: { attempts, capacity, accepted, rejected, ...submissions },
      checks,
      ok: Object.values(checks).every(Boolean),
    };
    const dir = fileURLToPath(new URL("./results/", import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "api-load.json"), `${JSON.stringify(out, null, 2)}\n`);
    console.log(
      `  GET /runs/:id          ${reads.requestsPerSecond} req/s, p99 ${reads.latencyMsP99} ms, errors ${reads.errors}, non-2xx ${reads.non2xx}`,
    );
    console.log(
      `  GET /runs/:id/results  ${results.requestsPerSecond} req/s, p99 ${results.latencyMsP99} ms, errors ${results.errors}, non-2xx ${results.non2xx}`,
    );
    console.log(
      `  POST /runs burst       ${accepted} accepted (limit ${capacity}), ${rejected} answered 429 of ${attempts}`,
    );
    console.log(`  checks: ${JSON.stringify(checks)}`);
    return out;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runApiLoadBench({ quick: process.argv.includes("--quick") });
  process.exitCode = result.ok === true ? 0 : 1;
}
