/**
 * The planner's answer, cold: `gatesim compare baseline-2026q1 smart-gate-2026 --replications 20` run
 * exactly as a user runs it (a fresh `node bin/gatesim.js` process each time, compiled dist/), several
 * rounds, median and range of the wall time; plus where that time goes, from the phase marks the command
 * writes when GATESIM_TRACE_FILE is set (src/runner/trace.ts): process start, module loading, scenario
 * load and compile, pool start, replications (each thread's start, first replication, the rest, idle
 * time at the start and at the end), aggregation and printing.
 *
 * `--against <checkout>` alternates this build with another built checkout (e.g. /work/main) round by
 * round, the A/B comparison on a noisy shared host, and reports the median and range of the per-round
 * ratios of wall and CPU time; a checkout without the marks gets times only. `--node-flags "..."` and
 * `--against-node-flags "..."` put options before `bin/gatesim.js` on either side (V8 flags are
 * process-wide, so they reach the pool threads too): `--against .` with flags on one side is an A/B of
 * the flags alone.
 * Run: `node --import tsx bench/compare.bench.ts [--quick] [--rounds n] [--against dir]
 * [--node-flags "..."] [--against-node-flags "..."]` after `npm run build`; writes bench/results/compare.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, round2, spread } from "./scaling.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
/** The command under test (after `gatesim`). */
export const COMPARE_ARGS = ["compare", "baseline-2026q1", "smart-gate-2026", "--replications", "20"];

interface Mark {
  name: string;
  at: number;
  detail?: Record<string, unknown>;
}
interface Trace {
  process: { timeOrigin: number; nodeStart: number; bootstrapComplete: number; exit: number };
  marks: Mark[];
}
interface BatchMark {
  threadId: number;
  threadReadyAt: number;
  startedAt: number;
  elapsedMs: number;
  tasks: number[];
  receivedAt: number;
}

/** GNU time, when installed: the child's CPU seconds (user + system), steadier than wall on a loaded host. */
const GNU_TIME = "/usr/bin/time";

/**
 * One cold run of the command from `checkout`: wall ms, CPU ms (user + system, all threads; NaN without
 * GNU time), the command's own "Timing" line, and the trace if the build writes one.
 */
function coldRun(
  checkout: string,
  nodeFlags: readonly string[] = [],
): { wallMs: number; cpuMs: number; reportedMs: number; trace: Trace | undefined } {
  const traceFile = join(tmpdir(), `gatesim-compare-trace-${process.pid}.json`);
  const timeFile = join(tmpdir(), `gatesim-compare-time-${process.pid}.txt`);
  rmSync(traceFile, { force: true });
  rmSync(timeFile, { force: true });
  const node = [process.execPath, ...nodeFlags, join(checkout, "bin", "gatesim.js"), ...COMPARE_ARGS];
  const argv = existsSync(GNU_TIME) ? [GNU_TIME, "-f", "%U %S", "-o", timeFile, ...node] : node;
  const spawnedAt = performance.timeOrigin + performance.now();
  const out = spawnSync(argv[0] as string, argv.slice(1), {
    cwd: checkout,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, GATESIM_TRACE_FILE: traceFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const endedAt = performance.timeOrigin + performance.now();
  if (out.status !== 0) throw new Error(`gatesim compare failed in ${checkout}: ${out.stderr}`);
  const m = /Timing: ([\d.]+) s wall/.exec(out.stdout);
  const [user, system] = existsSync(timeFile) ? readFileSync(timeFile, "utf8").trim().split(/\s+/).map(Number) : [];
  rmSync(timeFile, { force: true });
  const cpuMs = user === undefined || system === undefined ? Number.NaN : (user + system) * 1000;
  let trace: Trace | undefined;
  if (existsSync(traceFile)) {
    trace = JSON.parse(readFileSync(traceFile, "utf8")) as Trace;
    trace.marks.unshift({ name: "spawn", at: spawnedAt });
    trace.marks.push({ name: "reaped", at: endedAt });
    rmSync(traceFile, { force: true });
  }
  return { wallMs: endedAt - spawnedAt, cpuMs, reportedMs: m ? Number(m[1]) * 1000 : Number.NaN, trace };
}

/** Marks made per batch of replications, not per phase of the main thread. */
const BATCH_MARKS = new Set(["batch", "dispatch"]);

/**
 * The main thread's phases in the order they happened: "bootstrapComplete" is the process start (spawn to
 * Node's bootstrap), "cli-loaded" the CLI's module loading, "scenarios-compiled" the scenarios' load and
 * compile, "pool-created" the pool's construction (its threads start then), "replications-done" the
 * replications, "replications-aggregated" aggregation, "printed" rendering and printing, "exit" and "reaped"
 * the process's end.
 */
function phases(trace: Trace): Record<string, number> {
  const points = [
    ...trace.marks.filter((m) => !BATCH_MARKS.has(m.name)),
    { name: "bootstrapComplete", at: trace.process.bootstrapComplete },
    { name: "exit", at: trace.process.exit },
  ].sort((a, b) => a.at - b.at);
  const out: Record<string, number> = {};
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as Mark;
    out[p.name] = p.at - (points[i - 1] as Mark).at;
  }
  return out;
}

/** Where the wall time of one traced run went, in ms. */
export function breakdown(trace: Trace) {
  const at = (name: string) => trace.marks.find((x) => x.name === name)?.at ?? Number.NaN;
  const spawn = at("spawn");
  const repStart = at("replications-start");
  const repDone = at("replications-done");
  const batches: BatchMark[] = trace.marks
    .filter((x) => x.name === "batch")
    .map((x) => ({ ...(x.detail as unknown as Omit<BatchMark, "receivedAt">), receivedAt: x.at }));
  const byThread = new Map<number, BatchMark[]>();
  for (const b of batches) byThread.set(b.threadId, [...(byThread.get(b.threadId) ?? []), b]);
  const threads = [...byThread.entries()].map(([threadId, bs]) => {
    bs.sort((a, b) => a.startedAt - b.startedAt);
    const first = bs[0] as BatchMark;
    const rest = bs.slice(1);
    const restPerReplication =
      rest.reduce((s, b) => s + b.elapsedMs, 0) /
      Math.max(
        1,
        rest.reduce((s, b) => s + b.tasks.length, 0),
      );
    const busy = bs.reduce((s, b) => s + b.elapsedMs, 0);
    const last = bs[bs.length - 1] as BatchMark;
    return {
      threadId,
      /** From the process's spawn, and from the pool's creation, to the thread's modules being loaded. */
      readyAfterSpawnMs: first.threadReadyAt - spawn,
      readyAfterPoolCreatedMs: first.threadReadyAt - at("pool-created"),
      /** Waiting for its first batch after the replications began (negative: it was ready before). */
      firstBatchAfterRunStartMs: first.startedAt - repStart,
      firstReplicationMs: first.elapsedMs / first.tasks.length,
      restPerReplicationMs: restPerReplication,
      firstOverRest: first.elapsedMs / first.tasks.length / restPerReplication,
      replications: bs.reduce((s, b) => s + b.tasks.length, 0),
      batches: bs.length,
      busyMs: busy,
      /** From its last batch's reply to the end of the replications (the other thread still working). */
      idleAtEndMs: repDone - last.receivedAt,
      /** Replication phase minus busy time: waiting for work, messages, idle. */
      notBusyMs: repDone - repStart - busy,
      /** Sum over batches of reply arrival minus the batch's end in the worker (result cloning, event loop). */
      replyTransferMs: bs.reduce((s, b) => s + (b.receivedAt - b.startedAt - b.elapsedMs), 0),
    };
  });
  return {
    totalMs: at("reaped") - spawn,
    /** From the spawn to the first replication starting on a pool thread: the command's start-up. */
    replicationsBeginAfterSpawnMs: Math.min(...batches.map((b) => b.startedAt)) - spawn,
    /** Main-thread phases in time order, each named after the mark that ends it, in ms since the previous. */
    phasesMs: phases(trace),
    threads,
  };
}

/** Median of each numeric leaf over several breakdowns (same shape). */
function medianOf<T>(xs: readonly T[]): T {
  const first = xs[0] as T;
  if (typeof first === "number") return round2(median(xs as unknown as number[])) as T;
  if (Array.isArray(first)) return first.map((_, i) => medianOf(xs.map((x) => (x as unknown[])[i]))) as T;
  if (typeof first === "object" && first !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(first)) out[k] = medianOf(xs.map((x) => (x as Record<string, unknown>)[k]));
    return out as T;
  }
  return first;
}

/** Median and range of a list of ms. */
function stats(xs: readonly number[]) {
  return { medianMs: Math.round(median(xs)), minMs: Math.round(Math.min(...xs)), maxMs: Math.round(Math.max(...xs)) };
}

/** Runs the benchmark and writes bench/results/compare.json; returns the figures. */
export function runCompareBench(
  options: {
    quick?: boolean;
    rounds?: number;
    against?: string;
    nodeFlags?: readonly string[];
    againstNodeFlags?: readonly string[];
  } = {},
) {
  if (!existsSync(join(root, "dist", "version.json"))) throw new Error("dist/ is not built: run `npm run build` first");
  const against = options.against;
  if (against !== undefined && !existsSync(join(against, "dist", "cli", "main.js")))
    throw new Error(`${against} has no dist/ build: run \`npm run build\` there`);
  const rounds = options.rounds ?? (options.quick ? 2 : 7);
  const loadBefore = loadavg();
  const mine: ReturnType<typeof coldRun>[] = [];
  const theirs: ReturnType<typeof coldRun>[] = [];
  for (let k = 0; k < rounds; k++) {
    // Alternate which goes first, so a drift in the host's load hits both the same.
    if (against !== undefined && k % 2 === 1) theirs.push(coldRun(against, options.againstNodeFlags));
    mine.push(coldRun(root, options.nodeFlags));
    if (against !== undefined && k % 2 === 0) theirs.push(coldRun(against, options.againstNodeFlags));
  }
  const traces = mine.flatMap((r) => (r.trace === undefined ? [] : [breakdown(r.trace)]));
  const theirTraces = theirs.flatMap((r) => (r.trace === undefined ? [] : [breakdown(r.trace)]));
  /** Each thread's first replication over its later ones, every thread of every round. */
  const firstOverRest = (ts: ReturnType<typeof breakdown>[]) =>
    spread(
      ts.flatMap((t) => t.threads.map((x) => x.firstOverRest)),
      2,
    );
  const busy = (b: ReturnType<typeof breakdown>) => b.threads.reduce((sum, t) => sum + t.busyMs, 0);
  const perRound = (f: (r: ReturnType<typeof coldRun>) => number) =>
    mine.map((r, i) => f(r) / f(theirs[i] as ReturnType<typeof coldRun>));
  const result = {
    command: `gatesim ${COMPARE_ARGS.join(" ")}`,
    nodeFlags: options.nodeFlags ?? [],
    rounds,
    wall: stats(mine.map((r) => r.wallMs)),
    cpu: stats(mine.map((r) => r.cpuMs)),
    reportedTiming: stats(mine.map((r) => r.reportedMs)),
    target: "<= 3000 ms wall, cold, 2 cores",
    meetsTarget: median(mine.map((r) => r.wallMs)) <= 3000,
    ...(against === undefined
      ? {}
      : {
          against: {
            checkout: against,
            nodeFlags: options.againstNodeFlags ?? [],
            wall: stats(theirs.map((r) => r.wallMs)),
            cpu: stats(theirs.map((r) => r.cpuMs)),
            ratioOfMedians: round2(median(mine.map((r) => r.wallMs)) / median(theirs.map((r) => r.wallMs))),
            perRoundRatio: perRound((r) => r.wallMs).map(round2),
            /** This over that, per round: median and range. */
            wallRatio: spread(
              perRound((r) => r.wallMs),
              3,
            ),
            cpuRatio: spread(
              perRound((r) => r.cpuMs),
              3,
            ),
            firstOverRest: theirTraces.length > 0 ? firstOverRest(theirTraces) : null,
            breakdownMedian: theirTraces.length > 0 ? medianOf(theirTraces) : null,
            breakdowns: theirTraces,
            /** The threads' busy time (sum over threads: the replications alone), this over that per round. */
            busyRatio:
              traces.length === theirTraces.length && traces.length > 0
                ? spread(
                    traces.map((t, i) => busy(t) / busy(theirTraces[i] as ReturnType<typeof breakdown>)),
                    3,
                  )
                : null,
          },
        }),
    firstOverRest: traces.length > 0 ? firstOverRest(traces) : null,
    breakdownMedian: traces.length > 0 ? medianOf(traces) : null,
    breakdowns: traces,
    runsMs: mine.map((r) => Math.round(r.wallMs)),
    loadAverage: { before: loadBefore.map(round2), after: loadavg().map(round2) },
    node: process.version,
    date: new Date().toISOString(),
  };
  const file = join(here, "results", "compare.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const roundsArg = arg("--rounds");
  const againstArg = arg("--against");
  const flags = (name: string) =>
    arg(name)
      ?.split(/\s+/)
      .filter((x) => x !== "");
  const nodeFlags = flags("--node-flags");
  const againstNodeFlags = flags("--against-node-flags");
  const r = runCompareBench({
    quick: process.argv.includes("--quick"),
    ...(roundsArg === undefined ? {} : { rounds: Number(roundsArg) }),
    ...(againstArg === undefined ? {} : { against: againstArg }),
    ...(nodeFlags === undefined ? {} : { nodeFlags }),
    ...(againstNodeFlags === undefined ? {} : { againstNodeFlags }),
  });
  console.log(
    `${r.command}: median ${r.wall.medianMs} ms wall (${r.wall.minMs}-${r.wall.maxMs}), CPU ${r.cpu.medianMs} ms, ${r.rounds} cold runs; goal 3000 ms wall`,
  );
  const fr = (x: { median: number; min: number; max: number } | null) =>
    x === null ? "n/a" : `${x.median} (${x.min}-${x.max})`;
  if (r.against) {
    const { wallRatio: w, cpuRatio: c } = r.against;
    console.log(
      `  ${r.against.checkout} ${r.against.nodeFlags.join(" ")}: median ${r.against.wall.medianMs} ms wall (${r.against.wall.minMs}-${r.against.wall.maxMs}), CPU ${r.against.cpu.medianMs} ms`,
    );
    console.log(
      `  this / that per round: wall ${w.median} (${w.min}-${w.max}; ${r.against.perRoundRatio.join(", ")}), CPU ${c.median} (${c.min}-${c.max})`,
    );
    console.log(`  threads' busy time (sum over threads), this / that per round: ${fr(r.against.busyRatio)}`);
    console.log(
      `  first replication / later ones, per thread: this ${fr(r.firstOverRest)}, that ${fr(r.against.firstOverRest)}`,
    );
  }
  if (r.breakdownMedian) console.log(JSON.stringify(r.breakdownMedian, null, 2));
  console.log(`load average before ${r.loadAverage.before.join(" ")}, after ${r.loadAverage.after.join(" ")}`);
}
