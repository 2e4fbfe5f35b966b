/** Spawns the real `gatesim` command (node bin/gatesim.js) and collects its output. */
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** What a finished command printed and how it ended. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `gatesim ...args`; `onSpawn` may signal the child (e.g. SIGINT). */
export function gatesim(
  args: string[],
  options: {
    onSpawn?: (child: ReturnType<typeof spawn>) => void;
    env?: Record<string, string>;
    cwd?: string;
    /** Options of node itself, before bin/gatesim.js (`node --max-old-space-size=4096 bin/gatesim.js ...`). */
    nodeArgs?: string[];
  } = {},
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(ROOT, "bin/gatesim.js"), ...args], {
      cwd: options.cwd ?? ROOT,
      // CI exports REDIS_URL for the distributed tests; these are local-mode tests with no worker to serve them.
      env: { ...process.env, REDIS_URL: "", ...options.env, GATESIM_TEST_HOOKS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}
