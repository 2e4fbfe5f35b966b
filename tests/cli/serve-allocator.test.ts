/**
 * `gatesim serve` on glibc's default allocator says in its banner which settings give the memory of big
 * runs back (README "Memory ceiling"; `npm start` sets them), and says nothing once they are set.
 */
import { afterAll, describe, expect, it } from "vitest";
import { serveBanner } from "./serve-banner.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const glibc =
  (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header
    ?.glibcVersionRuntime !== undefined;

describe.skipIf(!glibc)("gatesim serve on glibc", () => {
  it("names the allocator settings when they are missing, and not when they are set", async () => {
    const unset = { MALLOC_ARENA_MAX: undefined, MALLOC_MMAP_THRESHOLD_: undefined, REDIS_URL: "" };
    const bare = await serveBanner(unset, cleanup);
    expect(bare).toMatch(/ {2}memory: {4}.*MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072.*npm start sets them/);
    const set = await serveBanner({ ...unset, MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" }, cleanup);
    expect(set).toMatch(/runs on:/);
    expect(set).not.toMatch(/memory:/);
  }, 60_000);
});
