/**
 * The server's memory ceiling (issue 14, item 2; README "Memory"): whatever is posted, the server process
 * stays under 512 MiB plus 640 MiB per pool thread; with the allocator settings `npm start` uses, it gives
 * the memory back within seconds of the run's end (glibc's defaults keep part of it). Measured on
 * a real server process with two pool threads, fed the heaviest runs the scenario budget admits: 10⁹
 * trucks a day into a network where none can leave, at the largest `trucksInSystemMax` (4,000,000), with
 * every truck waiting in a delay (one pending event each; waiting in the lines of 0-server stages, the
 * issue's case, takes less). Each replication fails on `trucksInSystemMax` after growing to its largest size. Before the
 * budget, `trucksInSystemMax: 2e9` drove the server to 4.8 GiB and kept 4.9 GB after the run.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../distributed/redis-fixture.js";
import { isFinal, memoryMiB, post, type ServerProcess, startServerProcess, waitFor } from "./server-process.js";

/** The documented ceiling (README "Memory"): 512 MiB plus 640 MiB per pool thread. */
const THREADS = 2;
const CEILING_MIB = 512 + 640 * THREADS;

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A network where no truck leaves: `shape` says where they wait. */
function flood(shape: "delay" | "lines"): Record<string, unknown> {
  const stages: Record<string, unknown> =
    shape === "delay"
      ? { a: { type: "delay", minutes: 100_000, next: "done" }, done: { type: "sink" } }
      : {
          a: { type: "branch", routes: [0, 1, 2, 3].map((i) => ({ percent: 25, to: `s${i}` })) },
          ...Object.fromEntries(
            [0, 1, 2, 3].map((i) => [`s${i}`, { type: "server", servers: 0, serviceMinutes: 1, next: "done" }]),
          ),
          done: { type: "sink" },
        };
  return {
    name: `flood-${shape}`,
    horizonDays: 2,
    trucksInSystemMax: 4_000_000,
    demand: { export: { trucksPerDay: 1e9, entry: "a" } },
    stages,
  };
}

/** The allocator settings `npm start` gives the server (the `NAME=value` words before `node` in its script). */
function npmStartAllocatorEnv(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const env: Record<string, string> = {};
  for (const m of pkg.scripts.start.matchAll(/(?:^|\s)(MALLOC_[A-Z_]+)=(\S+)/g)) env[m[1] as string] = m[2] as string;
  return env;
}

/**
 * Posts the heaviest admitted run to a fresh server with `env`; returns its idle and peak RSS, and the RSS
 * once it is under `givenBack` or `waitMs` have passed.
 */
async function floodServer(
  env: Record<string, string>,
  givenBack: (idle: number, peak: number) => number,
  waitMs: number,
) {
  const dataDir = mkdtempSync(join(tmpdir(), "gatesim-memory-"));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const server: ServerProcess = await startServerProcess(dataDir, { GATESIM_THREADS: String(THREADS), ...env });
  cleanup.push(() => server.kill());
  const pid = server.child.pid as number;
  const idle = memoryMiB(pid).rss;
  const t0 = Date.now();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memoryMiB(pid).peak);
  }, 100);
  cleanup.push(() => clearInterval(sampler));
  // The delay is the heavier (measured 1.0-1.3 GiB with two threads, against 0.6 GiB for the lines).
  const res = await post(`${server.url}/runs`, { scenario: flood("delay"), replications: THREADS, seed: "delay" });
  expect(res.status).toBe(202);
  const end = await waitFor(`${server.url}/runs/${res.body.id}`, (r) => isFinal(r.status), 120_000);
  // Every replication grows to the bound and fails there, naming it.
  expect(end.status).toBe("failed");
  expect(end.error.message).toMatch(/trucksInSystemMax/);
  peak = Math.max(peak, memoryMiB(pid).peak);
  const tRun = Date.now();
  // Given back: the threads collect after a big batch; how much the process keeps is the C allocator's choice.
  const deadline = Date.now() + waitMs;
  let rss = memoryMiB(pid).rss;
  while (rss > givenBack(idle, peak) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    rss = memoryMiB(pid).rss;
  }
  console.log(
    `memory (${JSON.stringify(env)}): idle ${idle.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB, after ${rss.toFixed(0)} MiB (run ${tRun - t0} ms, waited ${Date.now() - tRun} ms)`,
  );
  expect(server.child.exitCode).toBeNull();
  return { idle, peak, rss };
}

describe("server memory ceiling", () => {
  it(`stays under ${CEILING_MIB} MiB with ${THREADS} threads on the heaviest runs admitted, with glibc's default allocator`, async () => {
    // `gatesim serve` started any way (no allocator settings): glibc keeps freed memory in its per-thread
    // arenas (measured 100-620 MiB above idle once the runs end, depending on how the threads' frees fell),
    // so only the ceiling is promised here.
    const { idle, peak } = await floodServer({}, (idle) => idle, 3000);
    expect(peak).toBeLessThan(CEILING_MIB);
    expect(peak).toBeGreaterThan(idle + 200); // the runs did reach their size: the bound is what held them
  }, 240_000);

  it("gives the memory back within seconds with the allocator settings `npm start` uses", async () => {
    const env = npmStartAllocatorEnv();
    expect(Object.keys(env).sort()).toEqual(["MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_"]);
    // Measured: back to idle (±15 MiB) within 1.5 s, from peaks of 1.0-1.1 GiB. Under the default allocator
    // the same run left 100-620 MiB above idle.
    const within = (idle: number, peak: number) => idle + 0.15 * (peak - idle);
    const { idle, peak, rss } = await floodServer(env, within, 30_000);
    expect(peak).toBeLessThan(CEILING_MIB);
    expect(peak).toBeGreaterThan(idle + 200);
    expect(rss).toBeLessThan(within(idle, peak));
  }, 240_000);
});
