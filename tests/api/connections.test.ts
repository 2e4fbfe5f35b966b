/** Sockets are bounded (issue 14, item 2): beyond GATESIM_MAX_CONNECTIONS a new connection is closed at once. */
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type RunningServer, settingsFromEnv, startServer } from "../../src/api/index.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Opens a socket; resolves with it once connected and whether the server then closed it within 300 ms. */
function open(port: number): Promise<{ socket: Socket; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let closed = false;
    socket.on("close", () => {
      closed = true;
    });
    socket.on("error", () => {});
    socket.once("connect", () => setTimeout(() => resolve({ socket, closed }), 300));
  });
}

it("closes connections beyond maxConnections and keeps serving the others", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gatesim-conn-"));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const settings = { ...settingsFromEnv({ GATESIM_MAX_CONNECTIONS: "2" }), port: 0, dataDir, threads: 1 };
  expect(settings.maxConnections).toBe(2);
  const server: RunningServer = await startServer(settings, { handleSignals: false, app: { logger: false } });
  cleanup.push(() => server.close());
  const a = await open(server.port);
  const b = await open(server.port);
  const c = await open(server.port);
  cleanup.push(() => {
    for (const s of [a, b, c]) s.socket.destroy();
  });
  expect([a.closed, b.closed, c.closed]).toEqual([false, false, true]);
  a.socket.destroy();
  await new Promise((r) => setTimeout(r, 100));
  const res = await fetch(`${server.url}/health`);
  expect(res.status).toBe(200);
});
