/** `startServer`: safe binding, a real socket, SSE over HTTP, and the environment settings. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, isLoopbackHost, settingsFromEnv, startServer } from "../../src/api/index.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gatesim-server-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("settings", () => {
  it("reads defaults and overrides from the environment, rejecting junk with the variable's name", () => {
    const s = settingsFromEnv({});
    expect(s).toMatchObject({ host: "127.0.0.1", port: 8080, dataDir: "./data", apiKeys: [], limits: DEFAULT_LIMITS });
    const t = settingsFromEnv({
      HOST: "0.0.0.0",
      PORT: "9000",
      GATESIM_API_KEYS: " a, ,b ",
      GATESIM_MAX_QUEUED_RUNS: "3",
    });
    expect(t).toMatchObject({ host: "0.0.0.0", port: 9000, apiKeys: ["a", "b"], limits: { maxQueuedRuns: 3 } });
    expect(() => settingsFromEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => settingsFromEnv({ GATESIM_MAX_REPLICATIONS: "0" })).toThrow(/GATESIM_MAX_REPLICATIONS/);
  });

  it("knows loopback addresses", () => {
    for (const h of ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "192.168.1.4", "example.org"]) expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe("startServer", () => {
  it("refuses a non-loopback address without API keys, before binding", async () => {
    const settings = { ...settingsFromEnv({}), host: "0.0.0.0", port: 0, dataDir: tempDir() };
    await expect(startServer(settings, { handleSignals: false })).rejects.toThrow(/without API keys.*GATESIM_API_KEYS/);
  });

  it("listens on loopback, serves the API and streams run events over HTTP", async () => {
    const settings = { ...settingsFromEnv({}), port: 0, dataDir: tempDir(), threads: 1 };
    const server = await startServer(settings, { handleSignals: false, app: { logger: false } });
    cleanup.push(() => server.close());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-ratelimit-limit")).toBeDefined();
    const res = await fetch(`${server.url}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "mm1", replications: 3, horizonDays: 2, warmupDays: 0 }),
    });
    expect(res.status).toBe(202);
    const run = (await res.json()) as { id: string; eventsUrl: string };
    const events = await fetch(`${server.url}${run.eventsUrl}`, { headers: { accept: "text/event-stream" } });
    expect(events.headers.get("content-type")).toContain("text/event-stream");
    const text = await events.text(); // ends when the server closes the stream after the final status
    expect(text).toMatch(/event: status\ndata: .*"status":"succeeded"/);
  });
});
