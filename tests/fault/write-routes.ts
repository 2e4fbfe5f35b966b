/**
 * The fault campaign on the write routes besides `POST /runs` (issue 14, extended): sweeps, policy
 * benchmarks, capacity analyses, and `PATCH` / `DELETE` of runs. Two kinds of trouble, against a real
 * server process on 127.0.0.1 and a free port:
 *
 * - hostile bodies: each route gets malformed, oversized, mistyped, polluted and unknown-id requests;
 *   each must answer 4xx with `{code, message}` (schema refusals: 400 with `details`), never 5xx, and
 *   the server must stay up with nothing it had stored changed;
 * - SIGKILL while writes are in flight: a seeded burst of writes on every one of these routes, the
 *   server killed at a seeded moment inside it, then restarted on the same data. Whatever was
 *   acknowledged is there (a deleted run stays deleted, a label is the last acknowledged one or a
 *   later one whose answer was lost), no record is half-written (a sweep names only runs that exist, a
 *   run tagged with a sweep has its sweep), and every list and record reads back whole.
 */
import { RandomStreams } from "../../src/kernel/index.js";
import type { Json } from "../api/server-process.js";
import type { Answer, Harness } from "./harness.js";

/** A request the checks can name. */
export interface WriteRequest {
  method: "POST" | "PATCH" | "DELETE";
  path: string;
  /** A JSON value, or a string sent as is (malformed JSON, oversized text). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The answer must be exactly this status (else any 4xx). */
  status?: number;
  /** A schema refusal: 400 with a non-empty `details` naming a path. */
  details?: boolean;
}

/** A small finished run's body, for PATCH and DELETE targets. */
export const SMALL_RUN = { scenario: "mm1", replications: 1, horizonDays: 1, warmupDays: 0 } as const;
/** A small sweep (3 points of two replications each). */
const SMALL_SWEEP = {
  scenario: "mm1",
  grid: { "stages.station.servers": [1, 2, 3] },
  replications: 2,
  horizonDays: 1,
  warmupDays: 0,
};
/** A small capacity analysis. */
const SMALL_CAPACITY = { scenario: "mm1", replications: 2, horizonDays: 4, warmupDays: 1, seed: 3 };
/** A small policy benchmark. */
const SMALL_BENCHMARK = {
  suite: "congestion-v1",
  scenarios: ["xray-outage"],
  horizonDays: 2,
  replications: 3,
  selection: { maxReplications: 5 },
  policies: ["fifo", "perishablesFirst"],
};

/** Hostile requests on the write routes; `runId` names a stored, finished run. */
export function hostileRequests(runId: string): WriteRequest[] {
  const big = JSON.stringify({ label: "x".repeat(2 * 1024 * 1024) });
  const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
  const out: WriteRequest[] = [];
  for (const path of ["/sweeps", "/capacity-analyses", "/policy-benchmarks"]) {
    out.push(
      { method: "POST", path, body: "{not json" },
      { method: "POST", path, body: big, status: 413 },
      { method: "POST", path, body: deep },
      { method: "POST", path, body: "null" },
      { method: "POST", path, body: [], details: true },
      { method: "POST", path, body: 42 },
      { method: "POST", path, body: { scenario: "mm1" }, headers: { "content-type": "text/plain" } },
      { method: "POST", path, body: '{"scenario":"mm1","__proto__":{"polluted":1}}' },
      { method: "POST", path, body: '{"scenario":"mm1","constructor":{"prototype":{"polluted":1}}}' },
    );
  }
  out.push(
    { method: "POST", path: "/sweeps", body: { ...SMALL_SWEEP, grid: {} }, details: true },
    { method: "POST", path: "/sweeps", body: { ...SMALL_SWEEP, grid: { a: [1], b: [1], c: [1], d: [1] } } },
    { method: "POST", path: "/sweeps", body: { ...SMALL_SWEEP, grid: { "stages.station.servers": "3" } } },
    {
      method: "POST",
      path: "/sweeps",
      body: { ...SMALL_SWEEP, grid: { "stages.station.servers": Array.from({ length: 5000 }, (_, i) => i) } },
    },
    { method: "POST", path: "/sweeps", body: { ...SMALL_SWEEP, grid: { "stages.nowhere.servers": [1, 2] } } },
    { method: "POST", path: "/sweeps", body: { ...SMALL_SWEEP, replications: 1e9 } },
    { method: "POST", path: "/sweeps", body: { ...SMALL_SWEEP, horizonDays: -1 }, details: true },
    { method: "POST", path: "/sweeps", body: { ...SMALL_SWEEP, extra: 1 }, details: true },
    { method: "POST", path: "/capacity-analyses", body: { ...SMALL_CAPACITY, replications: "2" }, details: true },
    { method: "POST", path: "/capacity-analyses", body: { ...SMALL_CAPACITY, horizonDays: 1e9 } },
    { method: "POST", path: "/capacity-analyses", body: { ...SMALL_CAPACITY, scenario: { extends: "x".repeat(1e5) } } },
    { method: "POST", path: "/capacity-analyses", body: { ...SMALL_CAPACITY, nope: true }, details: true },
    { method: "POST", path: "/policy-benchmarks", body: { ...SMALL_BENCHMARK, policies: ["fifo"] }, details: true },
    {
      method: "POST",
      path: "/policy-benchmarks",
      body: { ...SMALL_BENCHMARK, policies: ["fifo", { label: "x", callForward: { module: "x", code: "1" } }] },
      status: 400,
    },
    {
      method: "POST",
      path: "/policy-benchmarks",
      body: { ...SMALL_BENCHMARK, policies: ["fifo", "../../etc/passwd"] },
    },
    { method: "POST", path: "/policy-benchmarks", body: { ...SMALL_BENCHMARK, suite: "../x" }, details: true },
    { method: "POST", path: "/policy-benchmarks", body: { ...SMALL_BENCHMARK, replications: 1e9 } },
    { method: "PATCH", path: `/runs/${runId}`, body: "{not json" },
    { method: "PATCH", path: `/runs/${runId}`, body: big, status: 413 },
    { method: "PATCH", path: `/runs/${runId}`, body: { label: 42 }, details: true },
    { method: "PATCH", path: `/runs/${runId}`, body: { label: "x".repeat(10_000) }, details: true },
    { method: "PATCH", path: `/runs/${runId}`, body: { note: "n".repeat(1_000_000) } },
    { method: "PATCH", path: `/runs/${runId}`, body: { status: "succeeded" }, details: true },
    { method: "PATCH", path: `/runs/${runId}`, body: '{"__proto__":{"label":"polluted"}}' },
    { method: "PATCH", path: `/runs/${runId}`, body: [], details: true },
    { method: "PATCH", path: "/runs/run_nope", body: { label: "x" }, status: 404 },
    { method: "PATCH", path: `/runs/${"x".repeat(300)}`, body: { label: "x" } },
    { method: "PATCH", path: "/runs/%E0%A4%A", body: { label: "x" } },
    { method: "DELETE", path: "/runs/run_nope", status: 404 },
    { method: "DELETE", path: `/runs/${"x".repeat(300)}` },
    { method: "DELETE", path: "/runs/%E0%A4%A" },
    { method: "DELETE", path: "/sweeps/swp_nope", status: 404 },
    { method: "DELETE", path: "/capacity-analyses/cap_nope", status: 404 },
  );
  return out;
}

/** Sends one request; flags a 5xx, a 2xx, a missing `{code, message}`, or the wrong status. */
export async function refuses(h: Harness, r: WriteRequest): Promise<string | undefined> {
  let a = await h.call(r.method, r.path, r.body, r.headers ?? {});
  const what = `${r.method} ${r.path.slice(0, 40)} ${typeof r.body === "string" ? r.body.slice(0, 40) : JSON.stringify(r.body)?.slice(0, 80)}`;
  if (a.status === 0 && (await h.call("GET", "/health")).status === 200) {
    // The server is up, but the connection closed under the request: the server answers an oversized body
    // with 413 and closes before reading it (fetch then reports the reset, not the answer), or a kept-alive
    // socket was closed as it was reused (fetch retries neither POST nor PATCH). Closing on an oversized
    // body is a refusal; anything else is tried once more, on a fresh connection.
    if (r.status === 413) return undefined;
    a = await h.call(r.method, r.path, r.body, r.headers ?? {});
  }
  if (a.status === 0) return `${what}: no answer (the server died?)`;
  if (a.status < 400 || a.status >= 500) return `${what}: answered ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`;
  if (r.status !== undefined && a.status !== r.status) return `${what}: answered ${a.status}, expected ${r.status}`;
  if (typeof a.body.code !== "string" || typeof a.body.message !== "string")
    return `${what}: answered ${a.status} without {code, message}: ${JSON.stringify(a.body).slice(0, 200)}`;
  if (r.details === true) {
    const d = a.body.details as { path?: unknown; message?: unknown }[] | undefined;
    if (a.status !== 400 || !Array.isArray(d) || d.length === 0 || typeof d[0]?.path !== "string")
      return `${what}: answered ${a.status} without details: ${JSON.stringify(a.body).slice(0, 200)}`;
  }
  return undefined;
}

/** Polls a run until it has ended. */
export async function waitEnded(h: Harness, id: string, timeoutMs = 60_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = await h.call("GET", `/runs/${id}`);
    if (a.status === 200 && ["succeeded", "failed", "cancelled", "interrupted"].includes(a.body.status)) return a.body;
    if (Date.now() > deadline) throw new Error(`run ${id} did not end: ${JSON.stringify(a.body).slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What a burst acknowledged, and what it sent without an answer. */
interface Burst {
  sweeps: Set<string>;
  capacity: Set<string>;
  benchmarks: Set<string>;
  deleted: Set<string>;
  /** Per run: labels whose PATCH was acknowledged, and those whose answer the kill swallowed. */
  labels: Map<string, { acked: string[]; unknown: string[] }>;
  violations: string[];
}

/**
 * One round: finished runs to annotate and delete, then a seeded burst of writes on every route with a
 * SIGKILL of the server at a seeded moment inside it, a restart on the same data, and the checks.
 * Returns the violations (empty when every invariant held) and what the round did, for the message.
 */
export async function killDuringWrites(
  h: Harness,
  seed: number,
  round: number,
): Promise<{ violations: string[]; acknowledged: number; unanswered: number; statuses: Record<number, number> }> {
  const rng = new RandomStreams(seed, round).stream("write-routes");
  // Targets: a few small finished runs (distinct seeds, so none is a cache hit of another).
  const targets: string[] = [];
  for (let i = 0; i < 3; i++) {
    const a = await h.call("POST", "/runs", { ...SMALL_RUN, seed: 1000 * round + i + 1, recompute: true });
    if (a.status !== 202 && a.status !== 200) throw new Error(`POST /runs answered ${a.status}`);
    targets.push(a.body.id as string);
  }
  for (const id of targets) await waitEnded(h, id);
  const burst: Burst = {
    sweeps: new Set(),
    capacity: new Set(),
    benchmarks: new Set(),
    deleted: new Set(),
    labels: new Map(targets.map((id) => [id, { acked: [], unknown: [] }])),
    violations: [],
  };
  let acknowledged = 0;
  let unanswered = 0;
  const violate = (t: string) => burst.violations.push(`round ${round}: ${t}`);
  const check5xx = (what: string, a: Answer) => {
    if (a.status >= 500 && a.status !== 503) violate(`${what} answered ${a.status}: ${JSON.stringify(a.body)}`);
  };
  // The burst: writes in flight together, the kill lands among them.
  const writes: Promise<void>[] = [];
  const n = 12 + Math.floor(rng.double() * 8);
  // The kill lands after a seeded number of answers (some writes acknowledged, others still in flight),
  // or after 5 s on a machine too slow to answer that many.
  const killAfterAnswers = 2 + Math.floor(rng.double() * (n / 2));
  const statuses: Record<number, number> = {};
  let answered = 0;
  let killNow: () => void = () => {};
  const killSignal = new Promise<void>((r) => {
    killNow = r;
  });
  const answer = (a: Answer): Answer => {
    statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    if (a.status !== 0 && ++answered >= killAfterAnswers) killNow();
    return a;
  };
  for (let i = 0; i < n; i++) {
    const roll = rng.double();
    const target = targets[Math.floor(rng.double() * targets.length)] as string;
    const delayMs = Math.floor(rng.double() * 1000);
    writes.push(
      (async () => {
        await new Promise((r) => setTimeout(r, delayMs));
        if (roll < 0.35) {
          const label = `r${round}-w${i}`;
          const entry = burst.labels.get(target) as { acked: string[]; unknown: string[] };
          const a = answer(await h.call("PATCH", `/runs/${target}`, { label, note: `note of ${label}` }));
          check5xx("PATCH", a);
          if (a.status === 200) {
            acknowledged++;
            entry.acked.push(label);
          } else if (a.status === 0) {
            unanswered++;
            entry.unknown.push(label);
          }
        } else if (roll < 0.45) {
          const a = answer(await h.call("DELETE", `/runs/${target}`));
          check5xx("DELETE", a);
          if (a.status === 200) {
            acknowledged++;
            burst.deleted.add(target);
          } else if (a.status === 0) unanswered++;
        } else if (roll < 0.65) {
          const a = answer(await h.call("POST", "/sweeps", { ...SMALL_SWEEP, seed: i, label: `sweep ${round}.${i}` }));
          check5xx("POST /sweeps", a);
          if (a.status === 202) {
            acknowledged++;
            burst.sweeps.add(a.body.id as string);
          } else if (a.status === 0) unanswered++;
        } else if (roll < 0.85) {
          const a = answer(await h.call("POST", "/capacity-analyses", { ...SMALL_CAPACITY, seed: i }));
          check5xx("POST /capacity-analyses", a);
          if (a.status === 202) {
            acknowledged++;
            burst.capacity.add(a.body.id as string);
          } else if (a.status === 0) unanswered++;
        } else {
          const a = answer(await h.call("POST", "/policy-benchmarks", SMALL_BENCHMARK));
          check5xx("POST /policy-benchmarks", a);
          if (a.status === 202) {
            acknowledged++;
            burst.benchmarks.add(a.body.id as string);
          } else if (a.status === 0) unanswered++;
        }
      })(),
    );
  }
  await Promise.race([killSignal, new Promise((r) => setTimeout(r, 5000))]);
  await h.killServer();
  await Promise.all(writes);
  await h.startServer();
  await checkAfterRestart(h, targets, burst, violate);
  return { violations: burst.violations, acknowledged, unanswered, statuses };
}

/** The invariants after a restart (see the module comment). */
async function checkAfterRestart(
  h: Harness,
  targets: readonly string[],
  burst: Burst,
  violate: (t: string) => void,
): Promise<void> {
  const health = await h.call("GET", "/health");
  if (health.status !== 200) violate(`GET /health answered ${health.status} after the restart`);
  // Runs: a deleted one stays deleted; a label is one the burst sent and that was not refused (the
  // server may take concurrent PATCHes in any order), and none only when no PATCH was acknowledged.
  for (const id of targets) {
    const a = await h.call("GET", `/runs/${id}`);
    if (burst.deleted.has(id)) {
      if (a.status !== 404) violate(`run ${id} was deleted (200) but answers ${a.status}`);
      continue;
    }
    if (a.status === 404) continue; // a DELETE whose answer the kill swallowed may have landed
    if (a.status !== 200) {
      violate(`run ${id} answers ${a.status}`);
      continue;
    }
    const { acked, unknown } = burst.labels.get(id) as { acked: string[]; unknown: string[] };
    const allowed: (string | null)[] = [...acked, ...unknown, ...(acked.length === 0 ? [null] : [])];
    if (!allowed.includes(a.body.label))
      violate(`run ${id} has label ${JSON.stringify(a.body.label)}; acknowledged ${JSON.stringify(acked)}`);
    // Label and note are written together: a note that belongs to another label is a half-write.
    if (a.body.label !== null && a.body.note !== `note of ${a.body.label}`)
      violate(`run ${id} has label ${a.body.label} with note ${JSON.stringify(a.body.note)}`);
  }
  // Sweeps: each acknowledged one reads back, and names only runs that exist and carry its id.
  for (const id of burst.sweeps) {
    const a = await h.call("GET", `/sweeps/${id}`);
    if (a.status !== 200) {
      violate(`sweep ${id} was acknowledged but answers ${a.status}`);
      continue;
    }
    for (const p of a.body.points as { runId: string }[]) {
      const r = await h.call("GET", `/runs/${p.runId}`);
      if (r.status !== 200 || r.body.sweepId !== id)
        violate(`sweep ${id} names run ${p.runId}, which answers ${r.status} ${r.body.sweepId ?? ""}`);
    }
  }
  // No run is tagged with a sweep that does not exist (the runs and their sweep are one write).
  const sweepsOfRuns = new Set<string>();
  for (const r of await allItems(h, violate)) if (typeof r.sweepId === "string") sweepsOfRuns.add(r.sweepId);
  for (const id of sweepsOfRuns) {
    const a = await h.call("GET", `/sweeps/${id}`);
    if (a.status !== 200) violate(`runs are tagged with sweep ${id}, which answers ${a.status}`);
  }
  // Capacity analyses and policy benchmarks: acknowledged ones read back whole.
  for (const [kind, ids] of [
    ["capacity-analyses", burst.capacity],
    ["policy-benchmarks", burst.benchmarks],
  ] as const) {
    for (const id of ids) {
      const a = await h.call("GET", `/${kind}/${id}`);
      if (a.status !== 200) violate(`${kind} ${id} was acknowledged but answers ${a.status}`);
      else if (a.body.id !== id || typeof a.body.status !== "string")
        violate(`${kind} ${id} reads back without its id or status: ${JSON.stringify(a.body).slice(0, 200)}`);
    }
    const list = await h.call("GET", `/${kind}`);
    if (list.status !== 200) violate(`GET /${kind} answered ${list.status}`);
  }
  const sweeps = await h.call("GET", "/sweeps");
  if (sweeps.status !== 200) violate(`GET /sweeps answered ${sweeps.status}`);
}

/** Every run through the paged list (a failure to list is a violation). */
async function allItems(h: Harness, violate: (t: string) => void): Promise<Json[]> {
  const out: Json[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const a = await h.call("GET", `/runs?limit=100${cursor === null ? "" : `&cursor=${cursor}`}`);
    if (a.status !== 200) {
      violate(`GET /runs answered ${a.status}`);
      return out;
    }
    out.push(...(a.body.items as Json[]));
    cursor = a.body.nextCursor as string | null;
    if (cursor === null) break;
  }
  return out;
}
