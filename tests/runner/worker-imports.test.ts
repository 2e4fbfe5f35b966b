/**
 * A pool thread loads only what running a replication needs: the model, the kernel and the policy
 * modules, not the scenario format's parsers. zod and yaml are ~100 modules that took a pool thread's
 * start-up from ~0.14 s to ~0.5 s (each thread of `gatesim compare` loads its own copy before its first
 * replication). The module graph is walked from the sources, following what is loaded at run time:
 * `import type` and `export type` are erased; every other import (even `import { type X }`, kept for its
 * side effects under verbatimModuleSyntax) counts.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

/** Packages and source files reachable at run time from `entry` (a path under src/). */
function runtimeGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [join(src, entry)];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s)?[^"';]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[2]) continue; // import type / export type: erased
      const spec = (m[3] ?? m[4]) as string;
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec).replace(/\.(m?)js$/, (_, m: string) => (m ? ".mjs" : ".ts"));
        todo.push(target);
      } else if (!spec.startsWith("node:")) {
        packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] as string));
      }
    }
  }
  return { files, packages };
}

describe("what a pool thread loads", () => {
  it("runs replications without the scenario format's parsers (no zod, no yaml)", () => {
    const { files, packages } = runtimeGraph("runner/worker.ts");
    expect(files.size).toBeGreaterThan(20); // the walk does reach the model
    expect([...packages]).not.toContain("zod");
    expect([...packages]).not.toContain("yaml");
    const schemaFiles = [...files].map((f) => relative(src, f)).filter((f) => f.startsWith("scenario/schema"));
    expect(schemaFiles).toEqual([]);
  });
});
