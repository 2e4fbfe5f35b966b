/**
 * vitest setup file (runs in each test file's worker, before the file): gives the file its own temp
 * folder and fails the file if anything is left in it after its own hooks have run.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";

const root = process.env.GATESIM_TEST_TMP_ROOT;
if (root !== undefined) {
  const dir = mkdtempSync(join(root, "file-"));
  process.env.TMPDIR = dir;
  // Registered before the file's own hooks, so it runs after them (after-hooks run in reverse order).
  afterAll(() => {
    // tsx keeps its transform cache in tsx-<uid> (a tool's cache shared by every run, not a test's leftover).
    const left = readdirSync(dir)
      .filter((name) => !/^tsx-\d+$/.test(name))
      .sort();
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0)
      throw new Error(`this test file left ${left.length} item(s) in the temp directory: ${left.join(", ")}`);
  });
}
