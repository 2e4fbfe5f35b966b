/** Helpers for the policy tests: policy files in a temporary folder, and a small two-class priority queue. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CompiledScenario,
  type CompileOptions,
  compileScenario,
  type PolicyRef,
  parseScenario,
} from "../../src/scenario/index.js";

/** A temporary folder for policy files; `remove()` deletes it. */
export function policyFolder(): { dir: string; write(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "gatesim-policies-"));
  return {
    dir,
    write(name, text) {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One gate server (rho ~0.9) whose line is ordered by the call-forward policy, fed by 40 % perishable and
 * 60 % general trucks: the rule decides who waits, so rules give different mean waits by class.
 */
export function priorityQueueScenario(callForward: PolicyRef, days = 2): Record<string, unknown> {
  return {
    name: "policy-test",
    seed: 7,
    horizonDays: days,
    warmupDays: 0.25,
    scope: { name: "textbook", factor: 1 },
    cargoClasses: [{ id: "fruit", perishable: true }, { id: "general" }],
    demand: {
      export: { trucksPerDay: 1296, entry: "gate", cargoMixPercent: { fruit: 40, general: 60 } },
    },
    stages: {
      gate: {
        type: "server",
        servers: 1,
        serviceMinutes: { type: "exponential", mean: 1 },
        discipline: "callForward",
        next: "done",
      },
      done: { type: "sink", crossing: true },
    },
    policies: { callForward },
  };
}

/** Parses and compiles scenario data (paths allowed unless told otherwise). */
export function compileData(data: unknown, options: CompileOptions = { policyPaths: true }): CompiledScenario {
  return compileScenario(parseScenario(data), options);
}
