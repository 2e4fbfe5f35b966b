/**
 * Keeps the arrows of ARCHITECTURE.md true: which folder may import which, and which APIs the pure core
 * (kernel, model) may never touch. A failure names the file, the import and the rule.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

type Folder = "kernel" | "model" | "scenario" | "stats" | "runner" | "store" | "api" | "cli";

/** For each folder: the src folders it may import, and whether npm packages / node builtins are allowed. */
const rules: Record<Folder, { folders: Folder[]; packages: boolean | string[]; node: boolean | string[] }> = {
  kernel: { folders: [], packages: false, node: false },
  model: { folders: ["kernel"], packages: false, node: false },
  scenario: {
    folders: ["model", "kernel"],
    packages: ["zod", "yaml", "typescript"],
    node: ["node:fs", "node:path", "node:url", "node:crypto", "node:module", "node:vm"],
  },
  stats: { folders: ["kernel", "model"], packages: false, node: false },
  runner: { folders: ["scenario", "model", "kernel", "stats"], packages: true, node: true },
  store: { folders: ["runner", "stats", "scenario"], packages: true, node: true },
  api: { folders: ["runner", "scenario", "stats", "store"], packages: true, node: true },
  cli: { folders: ["runner", "scenario", "stats", "store", "api"], packages: true, node: true },
};

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith(".ts")) out.push(p);
  }
  return out;
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) specs.push((m[1] ?? m[2]) as string);
  return specs;
}

const files = listTs(src);

describe("architecture", () => {
  it("finds the source tree", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const file of files) {
    const rel = relative(src, file);
    const folder = rel.split("/")[0] as Folder;
    const rule = rules[folder];
    if (!rule) continue;
    it(`${rel} imports only what ${folder}/ may`, () => {
      const text = readFileSync(file, "utf8");
      for (const spec of importsOf(text)) {
        if (spec.startsWith(".")) {
          const target = relative(src, resolve(dirname(file), spec));
          const targetFolder = target.split("/")[0] as Folder;
          expect(target.startsWith(".."), `${rel} imports ${spec} outside src/`).toBe(false);
          if (targetFolder === folder) continue;
          expect(rule.folders, `${rel} may not import ${targetFolder}/ (${spec})`).toContain(targetFolder);
          // Other folders come in through their public face.
          const deep = target.split("/").length > 2 || !target.endsWith("index.js");
          expect(
            deep && folder !== "runner" && folder !== "store",
            `${rel} reaches into ${target}; use ${targetFolder}/index.js`,
          ).toBe(false);
        } else if (spec.startsWith("node:")) {
          const ok = rule.node === true || (Array.isArray(rule.node) && rule.node.includes(spec));
          expect(ok, `${rel} may not import ${spec}`).toBe(true);
        } else {
          const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] as string);
          const ok = rule.packages === true || (Array.isArray(rule.packages) && rule.packages.includes(pkg));
          expect(ok, `${rel} may not import the package ${pkg}`).toBe(true);
        }
      }
    });

    if (folder === "kernel" || folder === "model") {
      it(`${rel} stays pure (no clock, no unseeded randomness, no async)`, () => {
        const code = readFileSync(file, "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\/\/.*$/gm, "");
        for (const banned of [
          /Math\.random/,
          /Date\.now/,
          /performance\.now/,
          /setTimeout/,
          /setInterval/,
          /\basync\b/,
          /\bawait\b/,
          /new Promise/,
        ]) {
          expect(banned.test(code), `${rel} uses ${banned.source}`).toBe(false);
        }
      });
    }
  }
});
