/**
 * Fault injection for the executor tests: a task flag makes the replication throw, kill its worker,
 * exhaust its heap, or spin until cancelled. It is honored only when `GATESIM_TEST_HOOKS=1` is in the
 * environment (worker threads inherit the parent's environment), so no scenario file or API body can
 * crash a production pool by setting it.
 */
import process from "node:process";

/** The faults a test can inject into one replication. */
export type CrashMode = "throw" | "exit" | "oom" | "spin";

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
  if (mode === "exit" && inWorker) process.exit(3);
  if (mode === "oom" && inWorker) {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1_000_000).fill(1));
  }
  throw new Error(`injected fault (${mode}) for a test`);
}
