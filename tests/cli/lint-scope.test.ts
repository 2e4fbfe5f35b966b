/**
 * Report outputs never break `npm test`: the README's own `--report baseline.html` writes into the
 * repository root, and biome (run by `npm test`) lints sources only, so a report (HTML with bundled d3,
 * JSON, CSV) anywhere in the tree is not linted.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { gatesim, ROOT } from "./helpers.js";

const run = promisify(execFile);
const name = `gatesim-lint-probe-${process.pid}`;
const outputs = [join(ROOT, `${name}.html`), join(ROOT, "tests", `${name}.html`), join(ROOT, `${name}.json`)];
afterAll(() => {
  for (const f of outputs) rmSync(f, { force: true });
});

describe("lint scope", () => {
  it("does not lint report outputs written into the repository", async () => {
    const out = await gatesim([
      "run",
      "textbook/mm1",
      "-r",
      "2",
      "--days",
      "3",
      "--workers",
      "0",
      "--report",
      outputs[0]!,
    ]);
    expect(out.code).toBe(0);
    const html = readFileSync(outputs[0]!, "utf8");
    expect(html).toContain("<html");
    writeFileSync(outputs[1]!, html);
    writeFileSync(outputs[2]!, `${JSON.stringify({ kpis: { a: { mean: 1.1234567890123 } } }, null, 2)}\n`);
    const biome = join(ROOT, "node_modules", ".bin", "biome");
    const result = await run(biome, ["check", "--no-errors-on-unmatched", ...outputs], { cwd: ROOT }).then(
      (r) => ({ code: 0, text: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, text: e.stdout + e.stderr }),
    );
    expect(result.text).toMatch(/Checked 0 files/);
    expect(result.code).toBe(0);
  }, 60_000);
});
