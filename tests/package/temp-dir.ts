/**
 * vitest global setup: the run gets a private temp folder (TMPDIR, inherited by every test worker and
 * the processes they start, so `os.tmpdir()` points there), removed at the end. Each test file then
 * gets its own folder inside it, which must be empty when the file ends (temp-dir-check.ts): tests
 * leave nothing in the OS temp directory, and other processes sharing the machine's /tmp cannot
 * confuse the check.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const saved = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), "gatesim-test-run-"));
  process.env.TMPDIR = root;
  process.env.GATESIM_TEST_TMP_ROOT = root;
  return () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(root, { recursive: true, force: true });
  };
}
