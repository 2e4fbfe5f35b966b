/**
 * `npm start`, then npm killed (issue 14, item 15): the server used to be left running, adopted by init,
 * holding its port and data directory. It now stops within a second of noticing its parent is gone.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../distributed/redis-fixture.js";

const cleanup: (() => void)[] = [];
afterAll(() => {
  for (const f of cleanup.splice(0)) f();
});

/** True while a process exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start", () => {
  it("stops the server when npm is killed", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "gatesim-npmstart-"));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const npm = spawn("npm", ["start"], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: "", PORT: "0", GATESIM_DATA_DIR: dataDir, GATESIM_THREADS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npm.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    npm.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    // The server's own pid is in its first JSON log line.
    const deadline = Date.now() + 60_000;
    let serverPid = 0;
    while (serverPid === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const m = /"pid":(\d+)[^\n]*Server listening/.exec(out);
      if (m !== null && out.includes("gatesim serving on")) serverPid = Number(m[1]);
    }
    cleanup.push(() => {
      if (serverPid > 0 && alive(serverPid)) process.kill(serverPid, "SIGKILL");
    });
    expect(serverPid, out).toBeGreaterThan(0);
    expect(serverPid).not.toBe(npm.pid);
    // The allocator settings that give a big run's memory back (README "Memory ceiling") reach the server.
    const environ = readFileSync(`/proc/${serverPid}/environ`, "utf8").split("\0");
    expect(environ).toContain("MALLOC_ARENA_MAX=2");
    expect(environ).toContain("MALLOC_MMAP_THRESHOLD_=131072");
    npm.kill("SIGTERM");
    const stopBy = Date.now() + 15_000;
    while (alive(serverPid) && Date.now() < stopBy) await new Promise((r) => setTimeout(r, 100));
    expect(alive(serverPid)).toBe(false);
  });
});
