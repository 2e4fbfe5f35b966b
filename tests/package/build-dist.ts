/**
 * vitest global setup: the CLI tests run the real `gatesim` command (bin/gatesim.js), which runs the
 * compiled JavaScript in dist/. Rebuild it when a source file is newer than the last build, so that a
 * test never exercises stale code; a fresh build costs nothing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Written last by `npm run build`. */
const STAMP = join(ROOT, "dist", "version.json");

/** Newest modification time of the files under `dir` (and of the build's inputs outside it). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist/ is missing or older than src/, package.json or the build's tsconfig. */
export function distIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const inputs = Math.max(
    newestMtime(join(ROOT, "src")),
    ...["package.json", "tsconfig.json", "tsconfig.build.json"].map((f) => statSync(join(ROOT, f)).mtimeMs),
  );
  return inputs > statSync(STAMP).mtimeMs;
}

export default function setup(): void {
  if (!distIsStale()) return;
  execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  // As `npm run build` does: the shipped scenarios' parse cache, then the version stamp (written last).
  execFileSync(process.execPath, [join(ROOT, "bin/cache-scenarios.js")], { cwd: ROOT, stdio: "inherit" });
  execFileSync(process.execPath, [join(ROOT, "bin/stamp-version.js")], { cwd: ROOT, stdio: "inherit" });
}
