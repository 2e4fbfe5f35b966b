/**
 * Every shipped scenario speaks the planner's language on the dashboard (issue 16, items 6 and 7): its
 * title and description, every stage's name and every note of its inputs have an English planner's
 * wording and a Vietnamese one, so no internal id ("tanThanhRoad"), file reference ("§5.3") or English
 * text reaches a Vietnamese page. A scenario added without them fails here, naming what to add where.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileScenario, loadShippedScenario, runCompiled } from "../../src/scenario/index.js";
import { glossaryAsServed, KPI_GLOSSARY } from "../../src/stats/glossary.js";
// @ts-expect-error: the dashboard's plain ES modules have no type declarations
import { MODEL } from "../../web/i18n/model.js";
// @ts-expect-error: as above
import { SOURCE_NOTES } from "../../web/i18n/notes.js";
// @ts-expect-error: as above
import { PLACES } from "../../web/i18n/places.js";
// @ts-expect-error: as above
import { SCENARIO_TEXT } from "../../web/i18n/scenarios.js";

const root = join(import.meta.dirname, "../../scenarios");

/** Shipped scenario names, "textbook/mm1" for those in folders. */
function shipped(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(root)) {
    if (f.endsWith(".yaml")) out.push(f.replace(/\.yaml$/, ""));
    else if (statSync(join(root, f)).isDirectory())
      for (const g of readdirSync(join(root, f))) if (g.endsWith(".yaml")) out.push(`${f}/${g.replace(/\.yaml$/, "")}`);
  }
  return out;
}

const notes = SOURCE_NOTES as Map<string, { en: string; vi: string }>;
const places = PLACES as Record<string, { en: string; vi: string }>;
const texts = SCENARIO_TEXT as Record<string, { en: string[]; vi: string[] }>;

describe("the dashboard's words for every shipped scenario", () => {
  for (const name of shipped()) {
    it(`${name}: title, stages and input notes in English and Vietnamese`, () => {
      const sc = loadShippedScenario(name) as unknown as {
        name: string;
        stages: Record<string, unknown>;
        sources?: Record<string, { note?: string }>;
      };
      const text = texts[sc.name];
      expect(text?.en?.length, `web/i18n/scenarios.js: "${sc.name}"`).toBe(2);
      expect(text?.vi?.length, `web/i18n/scenarios.js: "${sc.name}" (vi)`).toBe(2);
      const unnamed = Object.keys(sc.stages).filter(
        (id) => !/^(export|import)Gate$/.test(id) && !(places[`stage_${id}`]?.en && places[`stage_${id}`]?.vi),
      );
      expect(unnamed, "web/i18n/places.js: stage_<id>").toEqual([]);
      const untold = Object.values(sc.sources ?? {})
        .map((s) => s.note)
        .filter((n): n is string => typeof n === "string" && !(notes.get(n)?.en && notes.get(n)?.vi));
      expect(untold, "web/i18n/notes.js or notes-more.js").toEqual([]);
      for (const n of Object.values(sc.sources ?? {})) {
        if (n.note)
          expect(notes.get(n.note)?.en ?? "", "a planner's note names no file reference").not.toMatch(
            /§|\bF\d{2}\b|\bD\d{2}\b|\d{3}:L\d/,
          );
      }
    });
  }
});

describe("the dashboard's words for every unit of the KPI glossary", () => {
  it("names each unit in English and Vietnamese (web/i18n/model.js, unit_<unit>)", () => {
    const units = new Set(
      KPI_GLOSSARY.map((e) => e.unit).filter((u): u is string => typeof u === "string" && u !== ""),
    );
    const words = MODEL as Record<string, { en?: string; vi?: string }>;
    const missing = [...units].filter((u) => !(words[`unit_${u}`]?.en && words[`unit_${u}`]?.vi));
    expect(missing).toEqual([]);
  });
});

describe("the dashboard's name for every KPI a shipped scenario reports", () => {
  it("comes from the glossary (its own entry or the pattern it fits), never 'another figure'", async () => {
    // @ts-expect-error: the dashboard's plain ES modules have no type declarations
    const { kpiName, setGlossary, betterOf } = await import("../../web/names.js");
    // @ts-expect-error: as above
    const { t } = await import("../../web/i18n.js");
    setGlossary(glossaryAsServed()); // as GET /glossary serves it: pattern entries carry their matcher
    const other = t("kpiOther") as string;
    const unnamed = new Set<string>();
    for (const name of shipped()) {
      const c = compileScenario(loadShippedScenario(name));
      const r = runCompiled(c, 0, 1, { horizonDays: 1, warmupDays: 0 });
      for (const k of Object.keys(r.kpis)) if (kpiName(k) === other) unnamed.add(k);
    }
    expect([...unnamed]).toEqual([]);
    // A pattern entry's direction reaches the comparison's colours too.
    expect(betterOf("breakdown.xray.availability")).toBe("higher");
    expect(kpiName("breakdown.xray.availability")).not.toBe(kpiName("breakdown.quarantineCheck.availability"));
  });
});
