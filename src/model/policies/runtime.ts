/**
 * Policies at run time: each decision point of the model holds a binding that calls its policy (a
 * built-in rule or a researcher's module, through the same path) with the live state views, and checks
 * what comes back. A policy that throws, returns nonsense or exceeds its loop budget fails the run with a
 * `PolicyError` naming the policy, the decision, the site and the truck. Researchers' modules are
 * instantiated afresh for every replication by the runner's provider (so no state leaks between
 * replications, whatever thread runs them); the model itself never loads code.
 */
import { assert, type RandomStreams } from "../../kernel/index.js";
import { DIRECTIONS, type ModelConfig } from "../config.js";
import {
  type BindingHost,
  formatRunTime,
  newBudget,
  type PolicyBudget,
  PolicyCtx,
  PolicyError,
  type PolicyModuleProvider,
  type Resolved,
} from "./binding.js";
import {
  AppointmentBinding,
  BalkingBinding,
  BalkSiteView,
  CallForwardBinding,
  DiversionBinding,
  LaneBinding,
  LaneGroupView,
  QuotaBinding,
  QuotaLoadView,
  SelectionBinding,
  SlotView,
  TargetsView,
} from "./bindings.js";
import { builtinPolicy, mergePolicyParams, policyShapeProblem } from "./registry.js";
import { type GateParts, GateView, TruckCursor } from "./state.js";
import type { DecisionName, Policy, PolicyParams, SelectionRules, StageState } from "./types.js";

/** A researcher's module, instantiated for this replication. */
interface ModuleInstance {
  exports: unknown;
  budget: PolicyBudget;
}

/** The policies of one replication: the state views and the bindings of every decision point. */
export class PolicyRuntime implements BindingHost {
  /** The gate view every policy reads (attached once the parts exist). */
  readonly gate: GateView;
  /** The truck cursor every policy reads. */
  readonly truck: TruckCursor;
  private readonly cfg: ModelConfig;
  private readonly streams: RandomStreams;
  private readonly provider: PolicyModuleProvider | undefined;
  private readonly instances: (ModuleInstance | undefined)[] = [];

  constructor(cfg: ModelConfig, streams: RandomStreams, provider: PolicyModuleProvider | undefined) {
    this.cfg = cfg;
    this.streams = streams;
    this.provider = provider;
    this.gate = new GateView(
      cfg.stages,
      cfg.zones.map((z) => z.id),
    );
    this.truck = new TruckCursor(cfg.cargoClasses, cfg.kpi.perishableThresholdMs);
    Object.freeze(this.truck);
    Object.freeze(this.gate);
  }

  /** Connects the state views to the replication's parts. */
  attach(parts: GateParts): void {
    this.gate.attach(parts);
    this.truck.attach(parts);
  }

  /** "truck 412 (export, agricultural, booked, arrived day 3 06:12, at exportStaging)". */
  describeTruck(t: number): string {
    const c = this.truck;
    const keep = c.id;
    c.moveTo(t);
    const text =
      `truck ${t} (${DIRECTIONS[c.directionIndex] ?? "?"}, ${c.cargo}${c.booked ? ", booked" : ""}, ` +
      `arrived ${c.arrivedMs >= 0 ? formatRunTime(c.arrivedMs) : "not yet"}${c.stage === "" ? "" : `, at ${c.stage}`})`;
    c.moveTo(keep);
    return text;
  }

  /** Resolves a policy reference (a built-in name, or a module index) for one site. */
  private resolve(
    decision: DecisionName,
    site: string,
    name: string,
    module: number | undefined,
    params: PolicyParams | undefined,
  ): Resolved {
    let policy: Policy<object>;
    let budget: PolicyBudget;
    let origin: string;
    if (module === undefined) {
      const p = builtinPolicy(decision, name);
      assert(p !== undefined, `${site}: unknown ${decision} policy ${name}`);
      policy = p;
      budget = newBudget();
      origin = "built-in";
    } else {
      const mc = this.cfg.policyModules?.[module];
      assert(mc !== undefined, `${site}: policy module ${module} is not in the configuration`);
      origin = `module ${mc.name}, sha256 ${mc.sha256.slice(0, 12)}`;
      const fail = (what: string, cause?: unknown) =>
        new PolicyError(
          `policy "${mc.name}" (${origin}) ${what}, used for ${decision} at ${site}`,
          mc.name,
          decision,
          site,
          cause,
        );
      let inst = this.instances[module];
      if (inst === undefined) {
        if (this.provider === undefined) throw fail("cannot run here: policy modules are loaded by the runner");
        const b = newBudget();
        let exports: unknown;
        try {
          exports = this.provider(module, b);
        } catch (e) {
          throw fail(`failed to load: ${e instanceof Error ? e.message : String(e)}`, e);
        }
        inst = { exports, budget: b };
        this.instances[module] = inst;
      }
      const ex = inst.exports as { default?: unknown } | null;
      const candidate = (
        ex !== null && typeof ex === "object" && ex.default !== undefined ? ex.default : ex
      ) as Policy<object>;
      const problem = policyShapeProblem(candidate, decision);
      if (problem !== undefined) throw fail(`is not usable: ${problem}`);
      policy = candidate;
      budget = inst.budget;
    }
    const merged = mergePolicyParams(policy, params, module === undefined);
    if ("problem" in merged) {
      throw new PolicyError(`policy "${name}" (${origin}) at ${site}: params: ${merged.problem}`, name, decision, site);
    }
    const ctx = new PolicyCtx(name, site, merged.params, this.streams, `policy:${decision}:${site}`);
    return { policy, ctx, budget, origin };
  }

  /** The call-forward binding of a stage. */
  callForward(site: string, name: string, module?: number, params?: PolicyParams): CallForwardBinding {
    return new CallForwardBinding(this, this.resolve("callForward", site, name, module, params));
  }

  /** The X-ray selection binding of a branch. */
  xraySelection(
    site: string,
    name: string,
    rules: SelectionRules,
    module?: number,
    params?: PolicyParams,
  ): SelectionBinding {
    return new SelectionBinding(this, this.resolve("xraySelection", site, name, module, params), rules);
  }

  /** The lane binding of a group of two server stages (by index). */
  laneAllocation(
    stages: [number, number],
    lanesShiftMax: number,
    thresholdTrucks: number,
    name: string,
    module?: number,
    params?: PolicyParams,
  ): LaneBinding {
    const a = this.gate.stages[stages[0]] as StageState;
    const b = this.gate.stages[stages[1]] as StageState;
    const view = new LaneGroupView(a, b, lanesShiftMax, thresholdTrucks);
    return new LaneBinding(this, this.resolve("laneAllocation", `${a.id}+${b.id}`, name, module, params), view);
  }

  /** The booking-acceptance binding of one demand's appointment system. */
  appointment(
    demand: string,
    slotMs: number,
    overbookFraction: number,
    name: string,
    module?: number,
    params?: PolicyParams,
  ): AppointmentBinding {
    const slot = new SlotView(demand, slotMs, overbookFraction);
    return new AppointmentBinding(this, this.resolve("appointment", demand, name, module, params), slot);
  }

  /** The adaptive-quota binding of one demand's appointment system, watching stage `watched` (by index). */
  quota(
    demand: string,
    slotMs: number,
    overbookFraction: number,
    watched: number,
    percents: { fromPercent: number; toPercent: number; minPercent: number },
    name: string,
    module?: number,
    params?: PolicyParams,
  ): QuotaBinding {
    const slot = new SlotView(demand, slotMs, overbookFraction);
    const load = new QuotaLoadView(
      this.gate.stages[watched] as StageState,
      percents.fromPercent,
      percents.toPercent,
      percents.minPercent,
    );
    return new QuotaBinding(this, this.resolve("quota", demand, name, module, params), slot, load);
  }

  /** The balking binding of stage `stage` (by index). */
  balking(
    stage: number,
    thresholds: { lineTrucks: number; expectedWaitMs: number; probability: number },
    name: string,
    module?: number,
    params?: PolicyParams,
  ): BalkingBinding {
    const view = this.gate.stages[stage] as StageState;
    const site = new BalkSiteView(view, thresholds.lineTrucks, thresholds.expectedWaitMs, thresholds.probability);
    return new BalkingBinding(this, this.resolve("balking", view.id, name, module, params), site);
  }

  /** The diversion binding of one `divertTo:` list (`site` names it in messages and its stream). */
  diversion(
    site: string,
    targets: readonly { stage: number; weight: number }[],
    name: string,
    module?: number,
    params?: PolicyParams,
  ): DiversionBinding {
    const view = new TargetsView(
      targets.map((x) => this.gate.stages[x.stage] as StageState),
      targets.map((x) => x.weight),
    );
    return new DiversionBinding(this, this.resolve("diversion", site, name, module, params), view);
  }
}
