/**
 * `REDIS_URL=... gatesim serve` says at start where replications run (issue 14, item 8): Redis reachable
 * with the workers it sees, or Redis not answering and that runs wait or fail until that is fixed. The
 * operator used to learn it only when runs hung.
 */
import { afterAll, describe, expect, it } from "vitest";
import { serveBanner } from "../cli/serve-banner.js";
import { freePort, hasRedisServer, startRedisServer } from "./redis-fixture.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Starts `gatesim serve --port 0` with this REDIS_URL and returns its start-up banner. */
function banner(redisUrl: string): Promise<string> {
  return serveBanner({ REDIS_URL: redisUrl }, cleanup);
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
