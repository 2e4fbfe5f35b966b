/**
 * The KPI glossary covers every figure the model reports today, with the unit the model reports, and
 * says it in English and Vietnamese; `GET /glossary` serves it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { compileScenario, listShippedScenarios, loadScenarioFile, runCompiled } from "../../src/scenario/index.js";
import { glossaryEntryOf, KPI_GLOSSARY } from "../../src/stats/index.js";
import { testApp } from "./helpers.js";

let app: GatesimApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe("KPI glossary", () => {
  it("has an entry, with the same unit, for every KPI and stage figure of every shipped scenario", () => {
    const missing: string[] = [];
    const wrongUnit: string[] = [];
    const stageUnits: Record<string, string> = {
      utilization: "share",
      waitMinutesMean: "minutes",
      queueLengthMean: "trucks",
      queueLengthMax: "trucks",
      throughput: "trucks",
      busyShare: "share",
      blockedShare: "share",
      idleShare: "share",
      capacityMean: "servers",
      capacityMax: "servers",
      heldMean: "servers",
      heldMax: "servers",
      waitMinutesP50: "minutes",
      waitMinutesP95: "minutes",
      waitMinutesMax: "minutes",
      lost: "trucks",
      leftEarly: "trucks",
    };
    for (const s of listShippedScenarios()) {
      const result = runCompiled(compileScenario(loadScenarioFile(s.file)), 0, 1, { horizonDays: 1, warmupDays: 0 });
      for (const [name, k] of Object.entries(result.kpis)) {
        const entry = glossaryEntryOf(name);
        if (!entry) missing.push(`${s.name}: ${name}`);
        else if (entry.unit !== k.unit) wrongUnit.push(`${name}: ${entry.unit} ≠ ${k.unit}`);
      }
      for (const [id, figures] of Object.entries(result.stages)) {
        for (const figure of Object.keys(figures)) {
          const entry = glossaryEntryOf(`stages.${id}.${figure}`);
          if (!entry) missing.push(`${s.name}: stages.${id}.${figure}`);
          else if (entry.unit !== stageUnits[figure]) wrongUnit.push(`stages.*.${figure}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect([...new Set(wrongUnit)]).toEqual([]);
  });

  it("names the terms and says everything in both languages, ids unique", () => {
    expect(KPI_GLOSSARY.filter((g) => g.kind === "term").map((g) => g.id)).toEqual([
      "replication",
      "seed",
      "warmup",
      "interval95",
      "timeInSystem",
      "wait",
      "blocked",
      "zone",
    ]);
    const ids = KPI_GLOSSARY.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of KPI_GLOSSARY) {
      for (const lang of ["en", "vi"] as const) {
        expect(g[lang].label.length, `${g.id} ${lang}`).toBeGreaterThan(2);
        expect(g[lang].definition.length, `${g.id} ${lang}`).toBeGreaterThan(20);
      }
      expect(g.vi.definition).not.toBe(g.en.definition);
    }
  });

  it("is served at GET /glossary", async () => {
    const res = await app.inject({ method: "GET", url: "/glossary" });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; better?: string; match?: string }[];
    expect(items.length).toBe(KPI_GLOSSARY.length);
    expect(items.find((i) => i.id === "timeInSystemMinutesMean")?.better).toBe("lower");
    // Pattern entries carry the server's matcher, so a client names figures exactly as the server does.
    expect(items.find((i) => i.id === "timeInSystemMinutesMean")?.match).toBeUndefined();
    const pattern = new RegExp(items.find((i) => i.id === "breakdown.<id>.<kind>.availability")?.match ?? "^$");
    expect(pattern.exec("breakdown.exportGate.lanes.availability")?.slice(1)).toEqual(["exportGate", "lanes"]);
    expect(pattern.test("breakdown.exportGate.availability")).toBe(false);
  });
});
