/** `gatesim serve --port 0` started for its start-up banner, for the tests that read it. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../distributed/redis-fixture.js";

/**
 * Starts `gatesim serve --port 0` on a fresh data directory with `env` over this process's environment
 * (a value of `undefined` removes the variable) and returns its banner (stderr up to the "runs on" line,
 * which the banner writes in one piece with the lines after it). `cleanup` receives what stops the server.
 */
export async function serveBanner(
  env: Record<string, string | undefined>,
  cleanup: (() => Promise<void> | void)[],
): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "gatesim-serve-banner-"));
  const merged: Record<string, string | undefined> = { ...process.env, GATESIM_EXIT_WITH_PARENT: "0", ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, [join(ROOT, "bin/gatesim.js"), "serve", "--port", "0", "--data-dir", dataDir], {
    cwd: ROOT,
    env: merged as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  let err = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
  });
  const deadline = Date.now() + 30_000;
  while (!/runs on:.*\n/.test(err)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no banner from serve:\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return err;
}
