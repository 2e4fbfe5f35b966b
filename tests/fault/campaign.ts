/**
 * The fault campaign (issue 14), in the spirit of TigerBeetle's VOPR: a seeded random mix of valid and
 * invalid requests against a real server process, with faults injected at random points, then checks of
 * what must hold whatever happened. One seed gives one schedule of requests and faults (process timing
 * still varies); a failure prints the seed and the trace to rerun it.
 *
 * Phases: "local" (the server's own pool) and "distributed" (REDIS_URL, two `gatesim worker` processes).
 * Faults: SIGKILL of the server (restarted), the death of a pool thread (runs of the seeds named in
 * GATESIM_TEST_FAULTS end their thread with process.exit), SIGKILL of a worker (restarted), and Redis
 * killed and restarted with its data (AOF) or empty.
 *
 * Invariants, checked after the faults stop and every run has ended:
 * 1. no run lost: every run the server acknowledged is there;
 * 2. none duplicated: an Idempotency-Key always names the same run; the store holds no more runs than
 *    were acknowledged plus those whose POST got no answer (killed mid-request);
 * 3. every run is terminal, and a failed, cancelled or interrupted one says why (failed: a GATESIM_ERR code);
 *    runs of fault seeds fail with GATESIM_ERR_WORKER_CRASHED, the others succeed unless cancelled;
 * 4. the results of resumed runs (attempts > 1) equal a fresh computation, replication by replication;
 * 5. the server answered no 5xx and every error in the `{code, message}` shape;
 * 6. the server's peak memory stayed under its ceiling (512 MiB + 640 MiB per pool thread);
 * 7. no job is left in Redis that could still run, no heartbeat remains, and every results hash left by a
 *    killed server expires within 10 minutes.
 */
import { Redis } from "ioredis";
import { RandomStreams } from "../../src/kernel/index.js";
import { runReplication } from "../../src/runner/index.js";
import { applyOverrides, compileScenario, loadShippedScenario } from "../../src/scenario/index.js";
import type { Json } from "../api/server-process.js";
import { type Answer, Harness } from "./harness.js";

/** What a campaign phase reports. */
export interface PhaseReport {
  phase: "local" | "distributed";
  seed: number;
  requests: number;
  invalidRequests: number;
  faults: Record<string, number>;
  runs: number;
  succeeded: number;
  failed: number;
  /** Failures of sound runs with a code in FAULT_CODES (the faults' doing, with the reason). */
  failedByFaults: number;
  cancelled: number;
  resumedChecked: number;
  lost: number;
  duplicated: number;
  peakServerMiB: number;
  violations: string[];
  trace: string[];
}

/**
 * Codes a run of a sound seed may fail with when the campaign's faults hit it, each a documented limit:
 * killed twice while running alone (RUN_CRASHED), a job whose workers were killed more often than BullMQ
 * retries it (WORKER_CRASHED), Redis losing a job more often than it is resubmitted (JOBS_LOST).
 */
const FAULT_CODES: readonly unknown[] = [
  "GATESIM_ERR_RUN_CRASHED",
  "GATESIM_ERR_WORKER_CRASHED",
  "GATESIM_ERR_REDIS_JOBS_LOST",
  "GATESIM_ERR_REDIS_UNAVAILABLE",
];

/** Seeds whose replications end their pool thread (GATESIM_TEST_FAULTS). */
const FAULT_SEEDS = [666, 667];
/** Pool threads of the server in the local phase. */
const THREADS = 2;
/** The memory ceiling of the README: 512 MiB + 640 MiB per pool thread. */
const CEILING_MIB = 512 + 640 * THREADS;

/** Requests that can only be refused: each must get a 4xx with `{code, message}`. */
const INVALID: readonly { method: string; path: string; body?: unknown }[] = [
  { method: "POST", path: "/runs", body: { scenario: "mm1", replications: 0 } },
  { method: "POST", path: "/runs", body: { scenario: "nope" } },
  {
    method: "POST",
    path: "/runs",
    body: { scenario: "mm1", overrides: { "kpi.sampleStepMinutes": 1e-5 }, horizonDays: 30 },
  },
  { method: "POST", path: "/runs", body: { scenario: "mm1", overrides: { trucksInSystemMax: 2e9 } } },
  { method: "POST", path: "/runs", body: { scenario: "baseline-2026q1", horizonDays: 1 } },
  { method: "POST", path: "/runs", body: '{"scenario":"mm1","__proto__":{"x":1}}' },
  { method: "POST", path: "/runs", body: "{not json" },
  { method: "POST", path: "/runs", body: { scenario: "mm1", replications: 100_000 } },
  { method: "POST", path: "/comparisons", body: { scenarios: ["mm1"] } },
  { method: "POST", path: "/comparisons", body: { runs: ["run_nope", "run_nada"] } },
  {
    method: "POST",
    path: "/scenarios/validate",
    body: { name: "x", demand: {}, stages: { a: { type: "sink", next: "a" } } },
  },
  { method: "GET", path: `/runs/${"x".repeat(300)}` },
  { method: "GET", path: "/runs/%E0%A4%A" },
  { method: "DELETE", path: "/health" },
  { method: "GET", path: "/runs?limit=100000" },
];

/** Runs one phase for `durationMs` of random steps, then settles and checks the invariants. */
export async function runPhase(
  phase: "local" | "distributed",
  seed: number,
  durationMs: number,
  dataDir: string,
): Promise<PhaseReport> {
  const rng = new RandomStreams(seed, phase === "local" ? 0 : 1).stream("campaign");
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.double() * xs.length)] as T;
  const chance = (p: number) => rng.double() < p;
  const faultEnv = { GATESIM_TEST_HOOKS: "1", GATESIM_TEST_FAULTS: FAULT_SEEDS.map((s) => `${s}:exit`).join(",") };
  const report: PhaseReport = {
    phase,
    seed,
    requests: 0,
    invalidRequests: 0,
    faults: {},
    runs: 0,
    succeeded: 0,
    failed: 0,
    failedByFaults: 0,
    cancelled: 0,
    resumedChecked: 0,
    lost: 0,
    duplicated: 0,
    peakServerMiB: 0,
    violations: [],
    trace: [],
  };
  const fault = (name: string) => {
    report.faults[name] = (report.faults[name] ?? 0) + 1;
    report.trace.push(`fault ${name}`);
  };
  const violate = (text: string) => report.violations.push(text);
  const serverEnv: Record<string, string> = { ...faultEnv, GATESIM_MAX_QUEUED_RUNS: "64" };
  const h = new Harness(dataDir, serverEnv, THREADS);
  if (phase === "distributed") {
    serverEnv.REDIS_URL = await h.startRedis();
    await h.startWorker(faultEnv);
    await h.startWorker(faultEnv);
  }
  await h.startServer();

  const acknowledged = new Map<string, { seed: number; cancelled: boolean }>();
  const keys = new Map<string, { body: string; runId: string }>();
  let unanswered = 0;
  const send = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    report.requests++;
    const a = await h.call(method, path, body, headers);
    if (a.status >= 500 && a.status !== 503)
      violate(`${method} ${path} answered ${a.status}: ${JSON.stringify(a.body).slice(0, 200)}`);
    if (a.status >= 400 && (typeof a.body.code !== "string" || typeof a.body.message !== "string"))
      violate(
        `${method} ${path} answered ${a.status} without {code, message}: ${JSON.stringify(a.body).slice(0, 200)}`,
      );
    return a;
  };
  const noteRun = (a: Answer, runSeed: number) => {
    if (a.status === 200 || a.status === 202)
      acknowledged.set(a.body.id as string, { seed: runSeed, cancelled: false });
  };

  try {
    const until = Date.now() + durationMs;
    while (Date.now() < until) {
      h.sampleMemory();
      const roll = rng.double();
      if (roll < 0.4) {
        // A run: small, sometimes long enough for a fault to land inside it, sometimes a fault seed.
        const runSeed = chance(0.1) ? pick(FAULT_SEEDS) : Math.floor(rng.double() * 12);
        const body = {
          scenario: pick(["mm1", "mmc", "md1"]),
          replications: 1 + Math.floor(rng.double() * (chance(0.2) ? 12 : 4)),
          horizonDays: chance(0.2) ? 20 : 1 + Math.floor(rng.double() * 3),
          warmupDays: 0,
          seed: runSeed,
          ...(chance(0.1) ? { recompute: true } : {}),
        };
        const key = chance(0.3) ? `k${Math.floor(rng.double() * 8)}` : undefined;
        const a = await send("POST", "/runs", body, key === undefined ? {} : { "idempotency-key": key });
        report.trace.push(
          `POST /runs ${JSON.stringify(body)} key=${key ?? "-"} -> ${a.status} ${a.body.id ?? a.body.code ?? ""}`,
        );
        if (a.status === 0) unanswered++;
        noteRun(a, runSeed);
        if (key !== undefined && (a.status === 200 || a.status === 202)) {
          const seen = keys.get(key);
          if (seen === undefined) keys.set(key, { body: JSON.stringify(body), runId: a.body.id as string });
          else if (seen.body === JSON.stringify(body) && seen.runId !== a.body.id) {
            report.duplicated++;
            violate(`Idempotency-Key ${key} gave ${a.body.id} after ${seen.runId}`);
          } else if (seen.body !== JSON.stringify(body))
            violate(`Idempotency-Key ${key} reused with another body got ${a.status}`);
        }
        if (key !== undefined && a.status === 422 && keys.get(key)?.body === JSON.stringify(body))
          violate(`Idempotency-Key ${key} with the same body answered 422`);
      } else if (roll < 0.5) {
        const body = {
          scenarios: ["mm1", "mmc"],
          replications: 2,
          horizonDays: 1,
          warmupDays: 0,
          seed: Math.floor(rng.double() * 5),
        };
        const a = await send("POST", "/comparisons", body);
        report.trace.push(`POST /comparisons -> ${a.status}`);
        if (a.status === 0) unanswered += 2;
        if (a.status === 201 || a.status === 202)
          for (const r of a.body.runs as { id: string }[])
            acknowledged.set(r.id, { seed: body.seed, cancelled: false });
      } else if (roll < 0.62) {
        const inv = pick(INVALID);
        report.invalidRequests++;
        const a = await send(inv.method, inv.path, inv.body);
        report.trace.push(`${inv.method} ${inv.path.slice(0, 40)} (invalid) -> ${a.status}`);
        if (a.status !== 0 && (a.status < 400 || a.status >= 500))
          violate(`invalid ${inv.method} ${inv.path.slice(0, 60)} answered ${a.status}`);
      } else if (roll < 0.68 && acknowledged.size > 0) {
        const id = pick([...acknowledged.keys()]);
        const a = await send("POST", `/runs/${id}/cancel`);
        report.trace.push(`cancel ${id} -> ${a.status}`);
        if (a.status === 200 || a.status === 202) (acknowledged.get(id) as { cancelled: boolean }).cancelled = true;
      } else if (roll < 0.85) {
        const id = acknowledged.size > 0 ? pick([...acknowledged.keys()]) : "run_none";
        await send("GET", pick([`/runs/${id}`, "/runs?limit=20", "/health", `/runs/${id}/replications`]));
      } else if (roll < 0.9) {
        fault("server SIGKILL");
        await h.killServer();
        await h.startServer();
      } else if (phase === "distributed" && roll < 0.95) {
        if (h.killWorker(Math.floor(rng.double() * 4))) fault("worker SIGKILL");
        if (h.liveWorkers() < 2) await h.startWorker(faultEnv);
      } else if (phase === "distributed") {
        const keep = chance(0.5);
        fault(keep ? "redis restart with data" : "redis restart empty");
        await h.restartRedis(keep);
      } else {
        await new Promise((r) => setTimeout(r, 50 + rng.double() * 300));
      }
    }

    // Settle: faults stop; every run must end. Workers and the server are all up.
    if (phase === "distributed") while (h.liveWorkers() < 2) await h.startWorker(faultEnv);
    if (h.server === undefined) await h.startServer();
    const runs = await allRuns(h);
    const ended = new Map<string, Json>();
    const settleBy = Date.now() + 120_000;
    for (const r of runs) {
      let run = r;
      while (!isFinal(run.status) && Date.now() < settleBy) {
        await new Promise((res) => setTimeout(res, 200));
        h.sampleMemory();
        const a = await h.call("GET", `/runs/${r.id}`);
        if (a.status === 200) run = a.body;
      }
      ended.set(r.id as string, run);
    }
    report.runs = ended.size;
    // 1. Nothing acknowledged is lost.
    for (const id of acknowledged.keys()) {
      if (!ended.has(id)) {
        report.lost++;
        violate(`run ${id} was acknowledged but is gone`);
      }
    }
    // 2. No more runs than acknowledged plus those whose POST was not answered.
    const extra = ended.size - acknowledged.size;
    if (extra > unanswered) {
      report.duplicated += extra - unanswered;
      violate(`${ended.size} runs stored for ${acknowledged.size} acknowledged and ${unanswered} unanswered requests`);
    }
    // 3. Terminal, with a reason; the fault seeds crash, the others succeed unless cancelled.
    for (const [id, run] of ended) {
      if (!isFinal(run.status)) violate(`run ${id} is still ${run.status}`);
      if (run.status === "succeeded") report.succeeded++;
      if (run.status === "cancelled") report.cancelled++;
      if (run.status === "failed" || run.status === "interrupted") {
        report.failed++;
        if (typeof run.error?.code !== "string" || !String(run.error.code).startsWith("GATESIM_ERR_"))
          violate(`run ${id} is ${run.status} without a GATESIM_ERR code`);
      }
      const expected = acknowledged.get(id);
      if (expected === undefined || expected.cancelled || run.cachedFrom !== null) continue;
      if (FAULT_SEEDS.includes(expected.seed) && run.status === "succeeded")
        violate(`run ${id} of fault seed ${expected.seed} succeeded`);
      if (FAULT_SEEDS.includes(expected.seed) && run.status === "failed" && !FAULT_CODES.includes(run.error.code))
        violate(`run ${id} of fault seed failed with ${run.error.code}`);
      if (!FAULT_SEEDS.includes(expected.seed) && run.status !== "succeeded" && run.status !== "cancelled") {
        if (FAULT_CODES.includes(run.error?.code)) {
          report.failedByFaults++;
          report.trace.push(`run ${id} failed by faults: ${run.error.code}: ${run.error.message}`);
        } else violate(`run ${id} (seed ${expected.seed}) ended ${run.status}: ${JSON.stringify(run.error)}`);
      }
    }
    // 4. Resumed runs equal a fresh computation, replication by replication.
    for (const [id, run] of ended) {
      if (run.status !== "succeeded" || run.attempts < 2 || run.cachedFrom !== null) continue;
      report.resumedChecked++;
      const got = (await h.call("GET", `/runs/${id}/replications`)).body.replications as {
        replication: number;
        kpis: Json;
      }[];
      const compiled = compileScenario(
        applyOverrides(loadShippedScenario(run.scenario.name as string), {
          horizonDays: run.horizonDays,
          warmupDays: run.warmupDays,
        }),
      );
      for (const rep of got) {
        const fresh = runReplication(compiled, run.seed as number, rep.replication);
        const kpis = Object.fromEntries(
          Object.entries(fresh.kpis).map(([k, v]) => [k, Number.isFinite(v.value) ? v.value : null]),
        );
        if (JSON.stringify(kpis) !== JSON.stringify(rep.kpis))
          violate(`resumed run ${id} replication ${rep.replication} differs from a fresh one`);
      }
    }
    // 6. Memory.
    h.sampleMemory();
    report.peakServerMiB = Math.round(h.peakMiB.server);
    if (h.peakMiB.server > CEILING_MIB) violate(`server peak ${h.peakMiB.server} MiB over ${CEILING_MIB} MiB`);
    // 7. Nothing left in Redis that could run (once the heartbeats of ended runs have expired).
    if (phase === "distributed") {
      const left = await leftInRedis(h.redis?.url as string);
      if (left.jobs > 0 || left.keys > 0)
        violate(`left in Redis: ${left.jobs} runnable job(s), ${left.keys} run key(s)`);
    }
  } finally {
    await h.stop();
  }
  return report;
}

/** True for a run status after which nothing changes. */
function isFinal(status: unknown): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled" || status === "interrupted";
}

/** Every stored run, through the paged list. */
async function allRuns(h: Harness): Promise<Json[]> {
  const out: Json[] = [];
  let cursor: string | null = null;
  do {
    const a = await h.call("GET", `/runs?limit=100${cursor === null ? "" : `&cursor=${cursor}`}`);
    if (a.status !== 200) throw new Error(`GET /runs answered ${a.status}`);
    out.push(...(a.body.items as Json[]));
    cursor = a.body.nextCursor as string | null;
  } while (cursor !== null);
  return out;
}

/** Jobs that could still run, and run keys (heartbeats, results), waiting up to 40 s for them to go. */
async function leftInRedis(url: string): Promise<{ jobs: number; keys: number }> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + 40_000;
    for (;;) {
      const [w, a, d, p] = await Promise.all([
        client.llen("gatesim:batches:wait"),
        client.llen("gatesim:batches:active"),
        client.zcard("gatesim:batches:delayed"),
        client.zcard("gatesim:batches:prioritized"),
      ]);
      // Heartbeats must be gone; a results hash may outlive a killed caller, but never without an expiry.
      const results = await client.keys("gatesim:results:*");
      const ttls = await Promise.all(results.map((k) => client.ttl(k)));
      const keys = (await client.keys("gatesim:alive:*")).length + ttls.filter((t) => t < 0 || t > 600).length;
      const jobs = w + a + d + p;
      if ((jobs === 0 && keys === 0) || Date.now() > deadline) return { jobs, keys };
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    client.disconnect();
  }
}
