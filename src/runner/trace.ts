/**
 * Phase timing of one command, for bench/compare.bench.ts: where the wall time of a cold
 * `gatesim compare` goes (module loading, scenario compilation, pool start, each batch on each thread,
 * aggregation, printing). Off unless the environment names a file in `GATESIM_TRACE_FILE`; then every
 * `traceMark` of the main thread is kept (at most `MAX_MARKS`) and written there as JSON when the process
 * exits. Times are epoch milliseconds (`performance.timeOrigin + performance.now()`), so the marks of the
 * main thread, the pool threads' reports and the benchmark's own clock share one axis.
 */
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

/** One mark: a name, when (epoch ms) and optional plain data. */
export interface TraceMark {
  name: string;
  at: number;
  detail?: Record<string, unknown>;
}

/** Bound on the marks kept (a long run must not grow memory without limit). */
const MAX_MARKS = 10_000;

const file = isMainThread ? process.env.GATESIM_TRACE_FILE : undefined;
const marks: TraceMark[] = [];

/** True when marks are recorded (GATESIM_TRACE_FILE is set, main thread). */
export const tracing = file !== undefined && file !== "";

/** Epoch milliseconds with sub-millisecond resolution, comparable across threads. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Records a mark when tracing (nothing otherwise). */
export function traceMark(name: string, detail?: Record<string, unknown>): void {
  if (!tracing || marks.length >= MAX_MARKS) return;
  marks.push(detail === undefined ? { name, at: epochMs() } : { name, at: epochMs(), detail });
}

if (tracing) {
  process.on("exit", () => {
    const t = performance.nodeTiming;
    const origin = performance.timeOrigin;
    const process_ = {
      timeOrigin: origin,
      nodeStart: origin + t.nodeStart,
      v8Start: origin + t.v8Start,
      bootstrapComplete: origin + t.bootstrapComplete,
      loopStart: t.loopStart >= 0 ? origin + t.loopStart : null,
      exit: epochMs(),
    };
    writeFileSync(file as string, `${JSON.stringify({ process: process_, marks })}\n`);
  });
}
