/**
 * Hand-overs in the gate model (model 0.5.0): a freed server, yard stall or pool member goes to the first
 * waiting truck inside the event that freed it, through the network's `handOver`, and room in a full line
 * to the truck blocked by it; no zero-delay hand-over event is scheduled.
 */
import { describe, expect, it } from "vitest";
import { EventLog, GateModel, TruckEvent } from "../../src/model/index.js";
import { compileScenario, loadShippedScenario } from "../../src/scenario/index.js";

/** Every event kind the model's simulation defines. */
function kindNames(model: GateModel): string[] {
  const names: string[] = [];
  for (let k = 0; model.sim.kindName(k) !== `#${k}`; k++) names.push(model.sim.kindName(k));
  return names;
}

describe("hand-overs in the gate model", () => {
  // Servers and stalls (baseline), staff pools (shared-officers), full lines that block (december-2021).
  for (const name of ["baseline-2026q1", "shared-officers", "december-2021"]) {
    it(`${name}: hands over inside the releasing event, with no hand-over event kind`, () => {
      const compiled = compileScenario(loadShippedScenario(name));
      const opts = { seed: 5, replication: 0, horizonDays: 4, warmupDays: 1 };
      const model = new GateModel(compiled.config, opts);
      const kinds = kindNames(model);
      expect(kinds).toContain("done");
      for (const k of ["grant", "admit", "poolGrant"]) expect(kinds).not.toContain(k);
      const r = model.run(opts);
      const handOvers = model.network.handOvers;
      expect(handOvers.pending).toBe(0);
      // Hand-overs are not events: a run has many (a fifth to a third of what its events were).
      expect(handOvers.count).toBeGreaterThan(r.events / 5);
      expect(r.conservation.arrivals).toBeGreaterThan(1000);
    });
  }

  it("logs a truck's own move before the truck handed what it freed, at the same instant", () => {
    // A truck that finished at a server and joins the next line gives the server back: the first truck
    // waiting for it starts there at that instant, right after the queue row (the hand-over runs once the
    // freeing truck's move is recorded), never between its end and its queue rows.
    const compiled = compileScenario(loadShippedScenario("baseline-2026q1"));
    const opts = { seed: 9, replication: 2, horizonDays: 2, warmupDays: 0 };
    const log = new EventLog(500_000);
    const model = new GateModel(compiled.config, { ...opts, eventLog: log });
    model.run({ ...opts, eventLog: log });
    const d = log.data({ calendar: compiled.config.calendar, stageIds: [], cargoClasses: [] });
    const server = compiled.config.stages.map((st) => st.type === "server");
    const [end, queue, start] = [TruckEvent.end, TruckEvent.queue, TruckEvent.start];
    let causal = 0;
    let reversed = 0;
    for (let i = 2; i < d.rows; i++) {
      const [a, b, c] = [i - 2, i - 1, i];
      if (d.type[a] !== end || !server[d.stage[a]!] || d.timeMs[a] !== d.timeMs[c]) continue;
      const f = d.stage[a]!;
      const mover = d.caseId[a]!;
      // end f (mover), queue (mover), start f (another truck)
      if (d.type[b] === queue && d.caseId[b] === mover && d.type[c] === start && d.stage[c] === f) causal++;
      // end f (mover), start f (another truck), queue (mover): the hand-over before the move
      if (d.type[b] === start && d.stage[b] === f && d.caseId[b] !== mover && d.type[c] === queue) {
        if (d.caseId[c] === mover) reversed++;
      }
    }
    expect(causal).toBeGreaterThan(100);
    expect(reversed).toBe(0);
  });
});
