/**
 * `REDIS_URL=... gatesim serve` says at start where replications run (issue 14, item 8): Redis reachable
 * with the workers it sees, or Redis not answering and that runs wait or fail until that is fixed. The
 * operator used to learn it only when runs hung.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, hasRedisServer, ROOT, startRedisServer } from "./redis-fixture.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Starts `gatesim serve --port 0` with this REDIS_URL and returns its start-up banner (stderr up to "runs on"). */
async function banner(redisUrl: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "gatesim-serve-redis-"));
  const child = spawn(process.execPath, [join(ROOT, "bin/gatesim.js"), "serve", "--port", "0", "--data-dir", dataDir], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: redisUrl, GATESIM_EXIT_WITH_PARENT: "0" },
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

describe.skipIf(!hasRedisServer())("gatesim serve with REDIS_URL", () => {
  it("says Redis answers and how many workers it sees, or that it does not answer", async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const up = await banner(redis.url);
    expect(up).toMatch(
      /runs on: {3}replications run on gatesim worker processes through Redis at redis:\/\/127\.0\.0\.1:\d+: reachable, 0 gatesim worker\(s\) connected \(runs wait or fail until this is fixed\)/,
    );
    const down = await banner(`redis://127.0.0.1:${await freePort()}`);
    expect(down).toMatch(/runs on: {3}.*\(runs wait or fail until this is fixed\)/);
    expect(down).not.toMatch(/reachable/);
  }, 90_000);
});
