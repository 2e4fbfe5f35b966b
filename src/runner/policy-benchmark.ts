/**
 * The policy benchmark: a list of policies over a suite's scenarios, with common random numbers (every
 * policy runs replications 0..R−1 with the scenario's seed), the suite's KPIs, and a ranking-and-selection
 * procedure per scenario that adds replications only to the policies still in contention. The selection
 * depends only on the outputs of given (seed, replication) pairs, so the leaderboard is bit-identical with
 * any number of workers (only `timing` differs). Used by `gatesim bench-policies` and the API.
 */
import { createHash } from "node:crypto";
import { MODEL_VERSION, type ReplicationResult } from "../model/index.js";
import {
  type CompiledScenario,
  type CompileOptions,
  canonicalJson,
  compileScenario,
  loadShippedScenario,
  parseScenario,
  type Scenario,
  ScenarioError,
} from "../scenario/index.js";
import {
  aggregateReplications,
  KimNelson,
  type LeaderboardPolicy,
  type LeaderboardReport,
  type LeaderboardRow,
  type LeaderboardScenario,
  nmReplications,
  nmSelect,
  pairedComparison,
  type SelectionOptions,
  type SelectionResult,
  selectionStatement,
} from "../stats/index.js";
import { withDefaultExecutor } from "./default-executor.js";
import { errors } from "./errors.js";
import type { ReplicationExecutor, ReplicationTask } from "./executor.js";
import { runTasksOrThrow } from "./experiment.js";
import type { PolicyEntry, PolicySuite } from "./policy-suite.js";
import { type ProgressListener, ProgressTracker } from "./progress.js";

/** Options of a benchmark run; every departure from the suite as published is stated in `notes`. */
export interface PolicyBenchmarkOptions {
  suite: PolicySuite;
  policies: readonly PolicyEntry[];
  executor?: ReplicationExecutor;
  /** How scenarios are compiled (module paths: the command line only). */
  compileOptions?: CompileOptions;
  /** Only these scenario ids of the suite. */
  scenarios?: readonly string[];
  /** Common replications per policy instead of the suite's. */
  replications?: number;
  /** Horizon of every scenario instead of the suite's (the warm-up becomes at most a quarter of it). */
  horizonDays?: number;
  /** Selection settings instead of the suite's. */
  selection?: Partial<PolicySuite["selection"]>;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/**
 * A scenario with an entry's policies in force: each decision's reference replaces the scenario's whole (so
 * the scenario's parameters of another rule never leak into it); a lane rule keeps the scenario's lane group
 * unless it gives its own.
 */
function withPolicies(scenario: Scenario, entry: PolicyEntry): Scenario {
  const data = structuredClone(scenario) as unknown as { policies: Record<string, unknown> };
  for (const [decision, ref] of Object.entries(entry.policies)) {
    if (ref === undefined) continue;
    if (decision === "laneAllocation") {
      const own = ref as Record<string, unknown>;
      const {
        rule: _rule,
        module: _module,
        params: _params,
        ...group
      } = data.policies.laneAllocation as Record<string, unknown>;
      data.policies.laneAllocation = { ...group, ...own };
    } else data.policies[decision] = ref;
  }
  return parseScenario(data, `policy ${entry.label}`);
}

/** A scenario of the suite with one policy entry applied, compiled (errors name the policy and the path). */
function compileFor(scenarioName: string, entry: PolicyEntry, options: CompileOptions | undefined): CompiledScenario {
  try {
    return compileScenario(withPolicies(loadShippedScenario(scenarioName), entry), options);
  } catch (e) {
    if (e instanceof ScenarioError) {
      throw new ScenarioError(
        e.issues.map((i) => ({ path: `policy ${entry.label}: ${i.path}`, message: i.message })),
        e.source,
      );
    }
    throw e;
  }
}

/** The identity of a policy entry: its decisions as compiled (built-in names and params, module hashes). */
function identify(entry: PolicyEntry, compiled: CompiledScenario): LeaderboardPolicy {
  const decisions = Object.keys(entry.policies).map((decision) => {
    const use = compiled.policies.find((u) => u.path === `policies.${decision}`);
    return {
      decision,
      name: use?.name ?? "?",
      sha256: use?.sha256 ?? "?",
      ...(use?.file === undefined ? {} : { file: use.file }),
      ...(use?.params === undefined ? {} : { params: use.params }),
    };
  });
  const hash = createHash("sha256")
    .update(canonicalJson(decisions.map(({ file: _file, ...d }) => d)))
    .digest("hex");
  return { label: entry.label, hash, decisions };
}

/** Value of a KPI in a result (NaN when absent). */
function kpiOf(r: ReplicationResult, kpi: string): number {
  return r.kpis[kpi]?.value ?? Number.NaN;
}

/** Runs the selection procedure of one scenario from its common replications, adding replications as it asks. */
async function select(
  compiled: readonly CompiledScenario[],
  common: readonly ReplicationResult[][],
  opts: SelectionOptions & { procedure: "KN" | "NM"; kpi: string },
  run: (tasks: ReplicationTask[]) => Promise<ReplicationResult[]>,
  taskFor: (p: number, replication: number) => ReplicationTask,
  concurrency: number,
): Promise<SelectionResult> {
  const first = common.map((rs) => rs.map((r) => kpiOf(r, opts.kpi)));
  for (const [p, xs] of first.entries()) {
    if (xs.some((x) => !Number.isFinite(x))) {
      throw errors.invalidOptions(`selection KPI "${opts.kpi}" is missing or not finite for policy ${p + 1}`);
    }
  }
  const outputs = first.map((xs) => [...xs]);
  const cap = opts.maxReplications ?? Number.POSITIVE_INFINITY;
  if (opts.procedure === "NM") {
    // Every policy gets the same second stage (capped by the budget; below N the guarantee is void).
    const n = Math.min(nmReplications(first, opts).perSystem, cap);
    const tasks: ReplicationTask[] = [];
    for (let p = 0; p < compiled.length; p++) for (let j = opts.n0; j < n; j++) tasks.push(taskFor(p, j));
    const results = await run(tasks);
    let t = 0;
    for (let p = 0; p < compiled.length; p++) {
      for (let j = opts.n0; j < n; j++) outputs[p]!.push(kpiOf(results[t++]!, opts.kpi));
    }
    return nmSelect(outputs, opts);
  }
  const kn = new KimNelson(first, opts);
  // Replications run ahead of the procedure in batches (results are used in index order, so the outcome is
  // the same whatever the batch): enough to keep the workers busy.
  const ahead = new Map<string, number>();
  for (let guard = 0; guard < 100_000; guard++) {
    const { replication, systems } = kn.next();
    if (systems.length === 0) break;
    const missing = systems.filter((p) => !ahead.has(`${p}:${replication}`));
    if (missing.length > 0) {
      const batch = Math.max(1, Math.ceil((2 * concurrency) / systems.length));
      const tasks: ReplicationTask[] = [];
      const keys: string[] = [];
      for (let j = replication; j < Math.min(replication + batch, cap); j++) {
        for (const p of systems) {
          if (ahead.has(`${p}:${j}`)) continue;
          tasks.push(taskFor(p, j));
          keys.push(`${p}:${j}`);
        }
      }
      const results = await run(tasks);
      for (let i = 0; i < results.length; i++) ahead.set(keys[i] as string, kpiOf(results[i]!, opts.kpi));
    }
    const values = new Map<number, number>();
    for (const p of systems) values.set(p, ahead.get(`${p}:${replication}`) as number);
    kn.add(values);
  }
  return kn.result();
}

/**
 * Checks a benchmark before any simulation: the suite's scenarios exist, and every policy compiles into
 * every scenario (a bad module or parameter is a ScenarioError naming the policy and the path).
 */
export function validatePolicyBenchmark(options: PolicyBenchmarkOptions): void {
  if (options.policies.length < 2) throw errors.invalidOptions("a benchmark compares at least two policies");
  const known = new Set(options.suite.scenarios.map((s) => s.id));
  for (const id of options.scenarios ?? []) {
    if (!known.has(id))
      throw errors.invalidOptions(`the suite has no scenario "${id}"; it has ${[...known].join(", ")}`);
  }
  const ids = options.scenarios ?? [...known];
  for (const sc of options.suite.scenarios.filter((s) => ids.includes(s.id))) {
    for (const p of options.policies) compileFor(sc.scenario, p, options.compileOptions);
  }
}

/** Runs the benchmark and returns the leaderboard. */
export async function runPolicyBenchmark(options: PolicyBenchmarkOptions): Promise<LeaderboardReport> {
  const { suite, policies } = options;
  if (policies.length < 2) throw errors.invalidOptions("a benchmark compares at least two policies");
  if (options.executor === undefined) {
    return withDefaultExecutor(undefined, 1000, (executor) => runPolicyBenchmark({ ...options, executor }));
  }
  const executor = options.executor;
  const started = performance.now();
  const notes: string[] = [];
  const sel = { ...suite.selection, ...options.selection };
  for (const [k, v] of Object.entries(options.selection ?? {})) {
    if (v !== undefined && (suite.selection as Record<string, unknown>)[k] !== v) {
      notes.push(
        `selection ${k} set to ${String(v)} (the suite says ${String((suite.selection as Record<string, unknown>)[k])})`,
      );
    }
  }
  const R = options.replications ?? suite.replications;
  if (!Number.isInteger(R) || R < 2) throw errors.invalidOptions(`replications must be an integer >= 2, got ${R}`);
  if (R !== suite.replications)
    notes.push(`${R} common replications per policy (the suite says ${suite.replications})`);
  let scenarios = suite.scenarios;
  if (options.scenarios !== undefined) {
    const known = new Set(suite.scenarios.map((s) => s.id));
    for (const id of options.scenarios) {
      if (!known.has(id))
        throw errors.invalidOptions(`the suite has no scenario "${id}"; it has ${[...known].join(", ")}`);
    }
    scenarios = suite.scenarios.filter((s) => options.scenarios!.includes(s.id));
    notes.push(`only scenarios ${scenarios.map((s) => s.id).join(", ")} of the suite`);
  }
  if (options.horizonDays !== undefined) {
    notes.push(
      `horizons set to ${options.horizonDays} day(s) (warm-up at most a quarter of it) instead of the suite's: ` +
        "results are not comparable with the suite's published ones",
    );
  }
  const tracker = new ProgressTracker(scenarios.length * policies.length * R, options.onProgress);
  let replicationsRun = 0;
  const boards: LeaderboardScenario[] = [];
  let identities: LeaderboardPolicy[] = [];
  for (const sc of scenarios) {
    const compiled = policies.map((p) => compileFor(sc.scenario, p, options.compileOptions));
    if (identities.length === 0) identities = policies.map((p, i) => identify(p, compiled[i]!));
    const horizonDays = options.horizonDays ?? sc.horizonDays;
    const warmupDays = options.horizonDays === undefined ? sc.warmupDays : Math.min(sc.warmupDays, horizonDays / 4);
    const seed = sc.seed ?? suite.seed;
    const taskFor = (p: number, replication: number): ReplicationTask => ({
      compiled: compiled[p]!,
      seed,
      replication,
      horizonDays,
      warmupDays,
    });
    const run = async (tasks: ReplicationTask[]): Promise<ReplicationResult[]> => {
      if (tasks.length === 0) return [];
      tracker.total = Math.max(tracker.total, tracker.done + tasks.length);
      replicationsRun += tasks.length;
      return runTasksOrThrow(executor, tasks, tracker, options.signal);
    };
    const commonTasks: ReplicationTask[] = [];
    for (let p = 0; p < policies.length; p++) for (let i = 0; i < R; i++) commonTasks.push(taskFor(p, i));
    const flat = await run(commonTasks);
    const common = policies.map((_, p) => flat.slice(p * R, (p + 1) * R));
    const aggregates = common.map((rs) => aggregateReplications(rs));
    const unit = common[0]?.[0]?.kpis[sel.kpi]?.unit ?? "";
    const selOpts = {
      alpha: sel.alpha,
      delta: sc.delta ?? sel.delta,
      n0: R,
      minimize: sel.minimize,
      maxReplications: Math.max(R, sel.maxReplications),
      procedure: sel.procedure,
      kpi: sel.kpi,
    };
    const result = await select(compiled, common, selOpts, run, taskFor, executor.concurrency);
    const labels = policies.map((p) => p.label);
    const values = common.map((rs) => rs.map((r) => kpiOf(r, sel.kpi)));
    const means = aggregates.map((a) => a.kpis[sel.kpi]?.mean ?? Number.NaN);
    const order = means
      .map((_, i) => i)
      .sort((a, b) => (sel.minimize ? means[a]! - means[b]! : means[b]! - means[a]!) || a - b);
    const best = order[0] as number;
    const rows: LeaderboardRow[] = order.map((p, rank) => {
      const d = pairedComparison(values[best]!, values[p]!);
      const kpis: LeaderboardRow["kpis"] = {};
      for (const k of suite.kpis) {
        const s = aggregates[p]!.kpis[k];
        if (s !== undefined) kpis[k] = s;
      }
      return {
        label: labels[p]!,
        rank: rank + 1,
        scenarioHash: compiled[p]!.hash,
        kpis,
        vsBest: { mean: d.diffMean, ci95: d.ci95, significant: d.significant },
      };
    });
    const replicationsByPolicy: Record<string, number> = {};
    labels.forEach((l, p) => {
      replicationsByPolicy[l] = result.replications[p] ?? R;
    });
    boards.push({
      id: sc.id,
      scenario: sc.scenario,
      title: compiled[0]!.title,
      seed,
      horizonDays,
      warmupDays,
      replications: R,
      rows,
      selection: {
        ...result,
        kpi: sel.kpi,
        unit,
        selectedLabel: labels[result.selected]!,
        statement: selectionStatement(result, labels, sel.kpi, unit),
        replicationsByPolicy,
      },
    });
  }
  const overall = policies
    .map((p) => {
      const ranks = boards.map((b) => b.rows.find((r) => r.label === p.label)!.rank);
      return {
        label: p.label,
        meanRank: ranks.reduce((a, b) => a + b, 0) / ranks.length,
        selectedIn: boards.filter((b) => b.selection.selectedLabel === p.label).map((b) => b.id),
      };
    })
    .sort((a, b) => a.meanRank - b.meanRank || b.selectedIn.length - a.selectedIn.length);
  return {
    suite: { name: suite.suite, version: suite.version, title: suite.title, hash: suite.hash },
    modelVersion: MODEL_VERSION,
    kpis: [...suite.kpis],
    selection: {
      kpi: sel.kpi,
      minimize: sel.minimize,
      alpha: sel.alpha,
      procedure: sel.procedure,
      maxReplications: sel.maxReplications,
    },
    policies: identities,
    scenarios: boards,
    overall,
    notes,
    timing: { wallMs: performance.now() - started, replicationsRun },
  };
}
