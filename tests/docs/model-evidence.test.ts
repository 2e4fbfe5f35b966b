/**
 * docs/model.md carries the baseline's parameters with their evidence (seed, public or assumed, and the
 * note); this test regenerates that table from the `sources:` block of scenarios/baseline-2026q1.yaml
 * and the values the scenario actually uses, so the document cannot drift from the scenario.
 * `UPDATE_DOCS=1` rewrites the table.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadShippedScenario } from "../../src/scenario/index.js";

const DOC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "model.md");
const BEGIN = "<!-- evidence:begin -->";
const END = "<!-- evidence:end -->";

function valueAt(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const key of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return "";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``.replace(/\|/g, "\\|");
}

function table(): string {
  const sc = loadShippedScenario("baseline-2026q1") as unknown as Record<string, unknown> & {
    sources: Record<string, { kind: string; note?: string }>;
  };
  const rows = Object.entries(sc.sources).map(
    ([path, s]) => `| \`${path}\` | ${show(valueAt(sc, path))} | ${s.kind} | ${(s.note ?? "").replace(/\|/g, "\\|")} |`,
  );
  return ["| parameter | value | evidence | note |", "|---|---|---|---|", ...rows].join("\n");
}

describe("docs/model.md", () => {
  it("lists every parameter of the baseline's sources with its value and evidence", () => {
    const doc = readFileSync(DOC, "utf8");
    const i = doc.indexOf(BEGIN);
    const j = doc.indexOf(END);
    expect(i).toBeGreaterThan(0);
    expect(j).toBeGreaterThan(i);
    const want = `${BEGIN}\n${table()}\n${END}`;
    if (process.env.UPDATE_DOCS === "1") {
      writeFileSync(DOC, doc.slice(0, i) + want + doc.slice(j + END.length));
      return;
    }
    expect(doc.slice(i, j + END.length)).toBe(want);
  });
});
