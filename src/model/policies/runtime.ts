/**
 * Policies at run time: each decision point of the model holds a binding that calls its policy (a
 * built-in rule or a researcher's module, through the same path) with the live state views, and checks
 * what comes back. A policy that throws, returns nonsense or exceeds its loop budget fails the run with a
 * `PolicyError` naming the policy, the decision, the site and the truck. Researchers' modules are
 * instantiated afresh for every replication by the runner's provider (so no state leaks between
 * replications, whatever thread runs them); the model itself never loads code.
 */
import { assert, type RandomStreams, type Xor4096 } from "../../kernel/index.js";
import { DAY_MS, DIRECTIONS, HOUR_MS, MINUTE_MS, type ModelConfig } from "../config.js";
import { builtinPolicy, mergePolicyParams, policyShapeProblem } from "./registry.js";
import { type GateParts, GateView, TruckCursor } from "./state.js";
import type {
  AppointmentPolicy,
  CallForwardPolicy,
  DecisionName,
  LaneAllocationPolicy,
  LaneGroupState,
  Policy,
  PolicyContext,
  PolicyParams,
  SelectionRules,
  SlotState,
  StageState,
  XraySelectionPolicy,
} from "./types.js";

/** Loop iterations a researcher's policy may run in one decision (its loops are guarded by a counter). */
export const POLICY_LOOP_BUDGET = 10_000_000;

/** The counter a module's loop guards decrement; `exceeded` throws when it runs out. */
export interface PolicyBudget {
  n: number;
  exceeded(): void;
}

/** Instantiates module `index` of `ModelConfig.policyModules` afresh and returns its exports (the runner's loader). */
export type PolicyModuleProvider = (index: number, budget: PolicyBudget) => unknown;

/** A policy failed: it threw, returned nonsense, looped, or could not be loaded. */
export class PolicyError extends Error {
  override readonly name = "PolicyError";
  /** The policy's name. */
  readonly policy: string;
  readonly decision: string;
  /** Where it decided (a stage, a lane group, a demand). */
  readonly site: string;

  constructor(message: string, policy: string, decision: string, site: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.policy = policy;
    this.decision = decision;
    this.site = site;
  }
}

/** Thrown by a module's loop guard when its budget runs out. */
class BudgetExceeded extends Error {
  override readonly name = "BudgetExceeded";
}

/** "day 3 06:12": a time of the run for messages. */
export function formatRunTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const h = Math.floor((ms - day * DAY_MS) / HOUR_MS);
  const m = Math.floor((ms - day * DAY_MS - h * HOUR_MS) / MINUTE_MS);
  return `day ${day} ${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** The context a policy receives: its name, site, parameters and its own lazily created random stream. */
class PolicyCtx implements PolicyContext<object> {
  readonly name: string;
  readonly site: string;
  readonly params: Readonly<object>;
  private readonly streams: RandomStreams;
  private readonly streamName: string;
  private rng: Xor4096 | null = null;

  constructor(name: string, site: string, params: PolicyParams, streams: RandomStreams, streamName: string) {
    this.name = name;
    this.site = site;
    this.params = params;
    this.streams = streams;
    this.streamName = streamName;
  }

  random(): number {
    let r = this.rng;
    if (r === null) r = this.rng = this.streams.stream(this.streamName);
    return r.next();
  }
}

/** A policy resolved for one site: the object to call, its context, and how to name it in messages. */
interface Resolved {
  policy: Policy<object>;
  ctx: PolicyCtx;
  budget: PolicyBudget;
  origin: string;
}

/** What every binding shares: naming the policy, the decision and the truck when something goes wrong. */
abstract class Binding {
  protected readonly rt: PolicyRuntime;
  protected readonly decision: DecisionName;
  protected readonly ctx: PolicyCtx;
  protected readonly budget: PolicyBudget;
  private readonly origin: string;

  constructor(rt: PolicyRuntime, decision: DecisionName, r: Resolved) {
    this.rt = rt;
    this.decision = decision;
    this.ctx = r.ctx;
    this.budget = r.budget;
    this.origin = r.origin;
  }

  /** The error for a call that threw (or ran out of budget). */
  protected thrown(cause: unknown, truck: number): PolicyError {
    if (cause instanceof BudgetExceeded || this.budget.n < 0) return this.overBudget(truck);
    const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return this.error(`threw ${message}`, truck, cause);
  }

  /** The error for a call that returned something other than `expected` (or swallowed its budget error). */
  protected badResult(value: unknown, expected: string, truck: number): PolicyError {
    if (this.budget.n < 0) return this.overBudget(truck);
    const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
    return this.error(`returned ${shown} (${typeof value}); it must return ${expected}`, truck);
  }

  private overBudget(truck: number): PolicyError {
    return this.error(
      `ran more than ${POLICY_LOOP_BUDGET.toLocaleString("en-US")} loop iterations in one decision (an endless loop?)`,
      truck,
    );
  }

  private error(what: string, truck: number, cause?: unknown): PolicyError {
    const c = this.ctx;
    const at = this.rt.gate.attached ? ` at ${formatRunTime(this.rt.gate.nowMs)}` : "";
    const message =
      `policy "${c.name}" (${this.origin}) ${what}, deciding ${this.decision} at ${c.site}` +
      `${truck >= 0 ? ` for ${this.rt.describeTruck(truck)}` : ""}${at}`;
    return new PolicyError(message, c.name, this.decision, c.site, cause);
  }
}

/** Call-forward at one stage: the rank of a truck joining its line. */
export class CallForwardBinding extends Binding {
  private readonly policy: CallForwardPolicy<object>;

  constructor(rt: PolicyRuntime, r: Resolved) {
    super(rt, "callForward", r);
    this.policy = r.policy as CallForwardPolicy<object>;
  }

  /** Rank of truck t (a finite number; lower is called first). */
  rank(t: number): number {
    const cursor = this.rt.truck;
    cursor.moveTo(t);
    const budget = this.budget;
    budget.n = POLICY_LOOP_BUDGET;
    let r: unknown;
    try {
      r = this.policy.rank(cursor, this.rt.gate, this.ctx);
    } catch (e) {
      throw this.thrown(e, t);
    }
    if (typeof r !== "number" || r - r !== 0 || budget.n < 0) throw this.badResult(r, "a finite number", t);
    return r;
  }
}

/** X-ray selection at one branch. */
export class SelectionBinding extends Binding {
  private readonly policy: XraySelectionPolicy<object>;
  private readonly rules: SelectionRules;

  constructor(rt: PolicyRuntime, r: Resolved, rules: SelectionRules) {
    super(rt, "xraySelection", r);
    this.policy = r.policy as XraySelectionPolicy<object>;
    this.rules = Object.freeze({ ...rules });
  }

  /** Whether truck t is scanned, given the branch's uniform draw u. */
  select(t: number, u: number): boolean {
    const cursor = this.rt.truck;
    cursor.moveTo(t);
    const budget = this.budget;
    budget.n = POLICY_LOOP_BUDGET;
    let r: unknown;
    try {
      r = this.policy.select(cursor, this.rt.gate, this.ctx, u, this.rules);
    } catch (e) {
      throw this.thrown(e, t);
    }
    if (typeof r !== "boolean" || budget.n < 0) throw this.badResult(r, "true or false", t);
    return r;
  }
}

/** The lane group a lane rule sees (its shift is set before each review). */
class LaneGroupView implements LaneGroupState {
  readonly a: StageState;
  readonly b: StageState;
  readonly lanesShiftMax: number;
  readonly thresholdTrucks: number;
  private current = 0;

  constructor(a: StageState, b: StageState, lanesShiftMax: number, thresholdTrucks: number) {
    this.a = a;
    this.b = b;
    this.lanesShiftMax = lanesShiftMax;
    this.thresholdTrucks = thresholdTrucks;
  }
  get shift(): number {
    return this.current;
  }
  /** Sets the shift in force before a review (the model's side). */
  setShift(shift: number): void {
    this.current = shift;
  }
}

/** Lane allocation of one lane group. */
export class LaneBinding extends Binding {
  private readonly policy: LaneAllocationPolicy<object>;
  private readonly view: LaneGroupView;

  constructor(rt: PolicyRuntime, r: Resolved, view: LaneGroupView) {
    super(rt, "laneAllocation", r);
    this.policy = r.policy as LaneAllocationPolicy<object>;
    this.view = view;
  }

  /** The new shift (lanes moved from B to A), given the one in force. */
  review(shift: number): number {
    this.view.setShift(shift);
    const budget = this.budget;
    budget.n = POLICY_LOOP_BUDGET;
    let r: unknown;
    try {
      r = this.policy.review(this.view, this.rt.gate, this.ctx);
    } catch (e) {
      throw this.thrown(e, -1);
    }
    const max = this.view.lanesShiftMax;
    if (typeof r !== "number" || !Number.isInteger(r) || r < -max || r > max || budget.n < 0) {
      throw this.badResult(r, `an integer in [${-max}, ${max}] (lanesShiftMax)`, -1);
    }
    return r;
  }
}

/** The slot a booking rule sees (set before each call). */
class SlotView implements SlotState {
  index = 0;
  startMs = 0;
  lengthMs: number;
  booked = 0;
  quota: number;
  overbookFraction: number;
  readonly demand: string;

  constructor(demand: string, lengthMs: number, quota: number, overbookFraction: number) {
    this.demand = demand;
    this.lengthMs = lengthMs;
    this.quota = quota;
    this.overbookFraction = overbookFraction;
  }
}

/** Booking acceptance of one demand's appointment system. */
export class AppointmentBinding extends Binding {
  private readonly policy: AppointmentPolicy<object>;
  private readonly slot: SlotView;

  constructor(rt: PolicyRuntime, r: Resolved, slot: SlotView) {
    super(rt, "appointment", r);
    this.policy = r.policy as AppointmentPolicy<object>;
    this.slot = slot;
  }

  /** Whether slot k, holding `booked` bookings, takes one more. */
  accept(k: number, booked: number): boolean {
    const s = this.slot;
    s.index = k;
    s.startMs = k * s.lengthMs;
    s.booked = booked;
    const budget = this.budget;
    budget.n = POLICY_LOOP_BUDGET;
    let r: unknown;
    try {
      r = this.policy.accept(s, this.rt.gate, this.ctx);
    } catch (e) {
      throw this.thrown(e, -1);
    }
    if (typeof r !== "boolean" || budget.n < 0) throw this.badResult(r, "true or false", -1);
    return r;
  }
}

/** A researcher's module, instantiated for this replication. */
interface ModuleInstance {
  exports: unknown;
  budget: PolicyBudget;
}

/** Built-in rules run no guarded loops; their budget is never decremented. */
function newBudget(): PolicyBudget {
  return {
    n: POLICY_LOOP_BUDGET,
    exceeded() {
      throw new BudgetExceeded("loop budget exceeded");
    },
  };
}

/** The policies of one replication: the state views and the bindings of every decision point. */
export class PolicyRuntime {
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
    quota: number,
    overbookFraction: number,
    name: string,
    module?: number,
    params?: PolicyParams,
  ): AppointmentBinding {
    const slot = new SlotView(demand, slotMs, quota, overbookFraction);
    return new AppointmentBinding(this, this.resolve("appointment", demand, name, module, params), slot);
  }
}
