import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildShippedCache,
  cachedShippedData,
  jsonSafe,
  parseYamlText,
  SHIPPED_DIR,
} from "../../src/scenario/index.js";

describe("the build's cache of the shipped scenarios", () => {
  const entries = buildShippedCache(SHIPPED_DIR);

  it("holds every shipped YAML file, each giving the same data as parsing its YAML", () => {
    const names = Object.keys(entries);
    expect(names).toContain("baseline-2026q1.yaml");
    expect(names.some((n) => n.startsWith("textbook/"))).toBe(true);
    for (const name of names) {
      const path = join(SHIPPED_DIR, name);
      const text = readFileSync(path, "utf8");
      expect(cachedShippedData(SHIPPED_DIR, path, text, entries), name).toEqual(parseYamlText(text));
    }
  });

  it("parses a file again when its text differs from the one the build saw, or lies outside scenarios/", () => {
    const path = join(SHIPPED_DIR, "baseline-2026q1.yaml");
    const text = readFileSync(path, "utf8");
    expect(cachedShippedData(SHIPPED_DIR, path, `${text}\n# edited\n`, entries)).toBeUndefined();
    expect(
      cachedShippedData(SHIPPED_DIR, join(SHIPPED_DIR, "..", "baseline-2026q1.yaml"), text, entries),
    ).toBeUndefined();
    expect(cachedShippedData(SHIPPED_DIR, path, text, null)).toBeUndefined();
  });

  it("gives a fresh object on every call (loading mutates what it reads)", () => {
    const path = join(SHIPPED_DIR, "tet-peak.yaml");
    const text = readFileSync(path, "utf8");
    const a = cachedShippedData(SHIPPED_DIR, path, text, entries) as Record<string, unknown>;
    a.title = "changed";
    expect((cachedShippedData(SHIPPED_DIR, path, text, entries) as Record<string, unknown>).title).not.toBe("changed");
  });

  it("leaves out a file that does not parse, so the build never fails on one (the loader reports it)", () => {
    const dir = mkdtempSync(join(tmpdir(), "gatesim-shipped-"));
    try {
      writeFileSync(join(dir, "ok.yaml"), "name: ok\n");
      writeFileSync(join(dir, "broken.yaml"), "name: [unclosed\n");
      writeFileSync(join(dir, "when.yaml"), "at: .inf\n");
      expect(Object.keys(buildShippedCache(dir))).toEqual(["ok.yaml"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves out data that JSON would change", () => {
    expect(jsonSafe({ a: [1, "x", true, null, { b: 2.5 }] })).toBe(true);
    expect(jsonSafe({ a: Number.POSITIVE_INFINITY })).toBe(false);
    expect(jsonSafe({ a: Number.NaN })).toBe(false);
    expect(jsonSafe({ when: new Date(0) })).toBe(false);
    expect(jsonSafe(parseYamlText("x: .inf"))).toBe(false);
    expect(jsonSafe(-0)).toBe(false);
  });

  it("is written by the build and read by the compiled loader", async () => {
    // dist/ is built by the tests' global setup (tests/package/build-dist.ts) as `npm run build` does.
    const dist = pathToFileURL(join(SHIPPED_DIR, "..", "dist", "scenario", "index.js")).href;
    const compiled = (await import(dist)) as { cachedShippedData: typeof cachedShippedData };
    const path = join(SHIPPED_DIR, "baseline-2026q1.yaml");
    const text = readFileSync(path, "utf8");
    expect(compiled.cachedShippedData(SHIPPED_DIR, path, text)).toEqual(parseYamlText(text));
  });
});
