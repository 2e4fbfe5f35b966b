/**
 * `gatesim --version` answers from dist/version.json without loading the CLI (bin/gatesim.js); it must
 * say exactly what the full program says (package and model versions).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("gatesim --version", () => {
  it("answers from the build stamp with the full program's text", () => {
    const fast = execFileSync(process.execPath, [join(ROOT, "bin", "gatesim.js"), "--version"], { encoding: "utf8" });
    const full = execFileSync(process.execPath, [join(ROOT, "dist", "cli", "main.js"), "--version"], {
      encoding: "utf8",
    });
    expect(fast).toMatch(/^gatesim \d+\.\d+\.\d+ \(model \d+\.\d+\.\d+\)\n$/);
    expect(fast).toBe(full);
  });
});
