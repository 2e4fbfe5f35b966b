/**
 * The event log of a replication is that replication run again with the log on: the same result as the
 * run itself, also for a scenario whose policy is a researcher's module (the module travels in the config
 * and must be instantiated for the replay as for the run; it was not, and the replay failed).
 */
import { afterAll, describe, expect, it } from "vitest";
import { runReplication, runReplicationWithEventLog } from "../../src/runner/index.js";
import { compileData, policyFolder, priorityQueueScenario } from "../scenario/policy-helpers.js";

const folder = policyFolder();
afterAll(() => folder.remove());

describe("runReplicationWithEventLog", () => {
  it("replays a replication whose call-forward rule is a policy module, with the same result", () => {
    const file = folder.write(
      "perishables.mjs",
      `export default { decision: "callForward", rank(truck) { return truck.perishable ? 0 : 1; } };`,
    );
    const compiled = compileData(priorityQueueScenario({ module: file }, 1));
    const run = runReplication(compiled, 4, 1);
    const { result, log } = runReplicationWithEventLog(compiled, 4, 1);
    expect(JSON.stringify(result)).toBe(JSON.stringify(run));
    expect(log.rows).toBeGreaterThan(100);
    expect(log.truncated).toBe(false);
  });
});
