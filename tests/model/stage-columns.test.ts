/**
 * The network reads each stage's type, next stage, zones, crossing flag, lost flag and dwell limit from
 * typed columns of `Stages` (the stage configs are a union of object shapes, so reading them per event is a
 * megamorphic property load). The columns must say exactly what the configs say, for every shipped scenario.
 */
import { describe, expect, it } from "vitest";
import { GateModel } from "../../src/model/gate-model.js";
import { StageKind } from "../../src/model/stages.js";
import { compileScenario, listShippedScenarios, loadShippedScenario } from "../../src/scenario/index.js";

describe("typed stage columns", () => {
  for (const { name } of listShippedScenarios()) {
    it(`match the stage configs of ${name}`, () => {
      const compiled = compileScenario(loadShippedScenario(name));
      const model = new GateModel(compiled.config, { seed: 1, replication: 0, horizonDays: 1, warmupDays: 0 });
      const stages = model.network.stages;
      expect(stages.n).toBe(compiled.config.stages.length);
      compiled.config.stages.forEach((st, s) => {
        expect(stages.kind[s], st.id).toBe(StageKind[st.type]);
        expect(stages.next[s], st.id).toBe("next" in st ? st.next : -1);
        expect(stages.zone[s], st.id).toBe(st.zone);
        expect(stages.queueZone[s], st.id).toBe(st.queueZone);
        expect(stages.crossing[s], st.id).toBe(st.crossing ? 1 : 0);
        expect(stages.lostSink[s], st.id).toBe(st.type === "sink" && st.lost ? 1 : 0);
        expect(stages.dwellLimitMs[s], st.id).toBe(st.type === "server" ? st.dwellLimitMs : Number.POSITIVE_INFINITY);
      });
    });
  }
});
