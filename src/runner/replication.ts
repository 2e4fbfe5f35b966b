/**
 * One replication: the unit of work every executor runs (inline, piscina worker, and later BullMQ).
 *
 * Seeds. An experiment has one seed S (a number or a string). Replication i of that experiment is
 * `simulate(config, { seed: S, replication: i })`, and the model derives each named random stream from
 * `(S, i, stream name)` (kernel `streamSeed`: the text `${S}:${i}:${name}`). Consequences:
 * - a replication is reproducible alone from (scenario hash, S, i), which every error message prints;
 * - replications of one experiment are independent (different i), whichever thread or machine runs them;
 * - scenarios run with the same S and i share their arrival and service streams: common random numbers,
 *   which is what makes the paired comparisons of `compareScenarios` sharp;
 * - adding replications (sequential mode) extends an experiment without changing earlier ones.
 */
import type { EventLog, ReplicationResult } from "../model/index.js";
import { simulate } from "../model/index.js";
import type { CompiledScenario } from "../scenario/index.js";
// The policy modules alone, not the scenario package: a pool thread then loads neither zod nor yaml.
import { policyModuleProvider } from "../scenario/policy-modules.js";
import { ErrorCodes, errors, GatesimError, type ReplicationRef } from "./errors.js";

/** Options of one replication beyond (scenario, seed, index). */
export interface ReplicationOptions {
  /** Simulated days, warm-up included (default: the scenario's `horizonDays`). */
  horizonDays?: number;
  /** Warm-up days discarded before measuring (default: the scenario's `warmupDays`). */
  warmupDays?: number;
  /** Polled by the simulation; true stops it and the replication ends with `GATESIM_ERR_CANCELLED`. */
  isCancelled?: () => boolean;
  /** Upper bound on simulation events (a runaway scenario fails instead of hanging). */
  stepsMax?: number;
  /** A per-truck event log to fill (see event-log.ts; observing changes no result). */
  eventLog?: EventLog;
}

/** Reproduction reference of a replication. */
export function replicationRef(compiled: CompiledScenario, seed: number | string, index: number): ReplicationRef {
  return { scenarioName: compiled.name, scenarioHash: compiled.hash, seed, replication: index };
}

/** Checks the (scenario, seed, index) triple before it reaches the model: the edge validates, the core asserts. */
export function assertReplicationInput(
  compiled: unknown,
  seed: unknown,
  index: unknown,
): asserts compiled is CompiledScenario {
  if (typeof compiled !== "object" || compiled === null) throw errors.invalidTask("compiled scenario missing");
  const c = compiled as Partial<CompiledScenario>;
  if (typeof c.hash !== "string" || typeof c.name !== "string" || typeof c.config !== "object" || c.config === null) {
    throw errors.invalidTask("compiled scenario lacks name, hash or config");
  }
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) {
    throw errors.invalidTask(`seed must be a number or a string, got ${typeof seed}`);
  }
  if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0) {
    throw errors.invalidTask(`replication index must be a non-negative integer, got ${String(index)}`);
  }
}

/**
 * Runs replication `index` of `compiled` with experiment seed `seed` and returns its plain-data result.
 * Pure: the same inputs give a bit-identical result in any thread. Throws a `GatesimError` naming the
 * scenario hash, seed and index on failure or cancellation.
 */
export function runReplication(
  compiled: CompiledScenario,
  seed: number | string,
  index: number,
  options: ReplicationOptions = {},
): ReplicationResult {
  assertReplicationInput(compiled, seed, index);
  const ref = replicationRef(compiled, seed, index);
  const isCancelled = options.isCancelled;
  // Researchers' policy modules travel in the config; each replication instantiates them afresh.
  const modules = compiled.config.policyModules;
  let result: ReplicationResult;
  try {
    result = simulate(compiled.config, {
      ...(modules === undefined ? {} : { policyModules: policyModuleProvider(modules) }),
      seed,
      replication: index,
      scenarioName: compiled.name,
      scenarioHash: compiled.hash,
      horizonDays: options.horizonDays ?? compiled.horizonDays,
      warmupDays: options.warmupDays ?? compiled.warmupDays,
      ...(isCancelled === undefined ? {} : { isCancelled }),
      ...(options.stepsMax === undefined ? {} : { stepsMax: options.stepsMax }),
      ...(options.eventLog === undefined ? {} : { eventLog: options.eventLog }),
    });
  } catch (cause) {
    if (isCancelled?.()) throw replicationCancelled(ref);
    throw errors.replicationFailed(ref, cause);
  }
  // A run stopped by the cancel flag returns a truncated result: never let it into an aggregate.
  if (isCancelled?.()) throw replicationCancelled(ref);
  // Pair assertion: the result must be the one asked for (a mixed-up batch would silently skew statistics).
  if (result.replication !== index || result.seed !== seed) {
    throw errors.replicationFailed(
      ref,
      new Error(`result is for seed ${String(result.seed)}, replication ${result.replication}`),
    );
  }
  return result;
}

/** The error of a replication stopped by cancellation. */
export function replicationCancelled(ref: ReplicationRef): GatesimError {
  return new GatesimError(
    ErrorCodes.CANCELLED,
    `replication cancelled [${ref.scenarioHash} ${String(ref.seed)}:${ref.replication}]`,
    {
      replication: ref,
    },
  );
}
