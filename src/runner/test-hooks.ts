/**
 * Fault injection for the executor tests: a task flag makes the replication throw, kill its worker,
 * exhaust its heap, or spin until cancelled. It is honored only when `GATESIM_TEST_HOOKS=1` is in the
 * environment (worker threads inherit the parent's environment), so no scenario file or API body can
 * crash a production pool by setting it.
 */
import process from "node:process";

/**
 * The faults a test can inject into one replication: throw, end its worker thread (`exit`), exhaust the
 * thread's heap (`oom`), spin until cancelled, or SIGKILL the whole process (`kill`: what a V8 fatal error
 * does to a server; only through `GATESIM_TEST_FAULTS`, for tests that run the server in a child process).
 */
export type CrashMode = "throw" | "exit" | "oom" | "spin" | "kill";

/** The modes `GATESIM_TEST_FAULTS` may name. */
const MODES: readonly CrashMode[] = ["throw", "exit", "oom", "spin", "kill"];

/**
 * The fault the environment assigns to replications of a seed: `GATESIM_TEST_FAULTS="666:kill,7:exit"`
 * (with `GATESIM_TEST_HOOKS=1`). Lets a test that drives a real server process through HTTP make one run
 * crash its thread or the process, which no request field can do.
 */
export function faultForSeed(seed: number | string): CrashMode | undefined {
  if (!testHooksEnabled()) return undefined;
  const spec = process.env.GATESIM_TEST_FAULTS;
  if (spec === undefined || spec === "") return undefined;
  for (const entry of spec.split(",")) {
    const at = entry.lastIndexOf(":");
    const mode = entry.slice(at + 1) as CrashMode;
    if (at > 0 && entry.slice(0, at) === String(seed) && MODES.includes(mode)) return mode;
  }
  return undefined;
}

/** True when test hooks are enabled in this thread's environment. */
export function testHooksEnabled(): boolean {
  return process.env.GATESIM_TEST_HOOKS === "1";
}

/**
 * Injects the fault, if any and if enabled. `inWorker` false (inline) turns `exit` and `oom` into a
 * throw: they must never take down the host process.
 */
export function applyTestHook(mode: CrashMode | undefined, isCancelled: () => boolean, inWorker: boolean): void {
  if (mode === undefined || !testHooksEnabled()) return;
  if (mode === "spin") {
    // Bounded busy wait: stands for a long replication that only the cancel flag can stop.
    const deadline = Date.now() + 30_000;
    while (!isCancelled() && Date.now() < deadline) {
      /* spin */
    }
    return;
  }
  if (mode === "kill") process.kill(process.pid, "SIGKILL");
  if (mode === "exit" && inWorker) process.exit(3);
  if (mode === "oom" && inWorker) {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1_000_000).fill(1));
  }
  throw new Error(`injected fault (${mode}) for a test`);
}
