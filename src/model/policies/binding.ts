/**
 * What every policy binding shares: the loop budget of researchers' modules, the context a policy receives
 * (its parameters and own random stream), and the errors that name the policy, the decision, the site and
 * the truck when a call throws, returns nonsense or runs out of budget.
 */
import type { RandomStreams, Xor4096 } from "../../kernel/index.js";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../config.js";
import type { GateView, TruckCursor } from "./state.js";
import type { DecisionName, Policy, PolicyContext, PolicyParams } from "./types.js";

/** What a binding needs from the runtime: the views, and how to name a truck. */
export interface BindingHost {
  readonly gate: GateView;
  readonly truck: TruckCursor;
  describeTruck(t: number): string;
}

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
export class PolicyCtx implements PolicyContext<object> {
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
export interface Resolved {
  policy: Policy<object>;
  ctx: PolicyCtx;
  budget: PolicyBudget;
  origin: string;
}

/** What every binding shares: naming the policy, the decision and the truck when something goes wrong. */
export abstract class Binding {
  protected readonly rt: BindingHost;
  protected readonly decision: DecisionName;
  protected readonly ctx: PolicyCtx;
  protected readonly budget: PolicyBudget;
  private readonly origin: string;

  constructor(rt: BindingHost, decision: DecisionName, r: Resolved) {
    this.rt = rt;
    this.decision = decision;
    this.ctx = r.ctx;
    this.budget = r.budget;
    this.origin = r.origin;
  }

  /** Before a call: points the truck cursor at truck t (when a truck is concerned) and resets the loop budget. */
  protected begin(t: number): void {
    if (t >= 0) this.rt.truck.moveTo(t);
    this.budget.n = POLICY_LOOP_BUDGET;
  }

  /** After a call: throws when the result is not what the decision takes (`ok` false) or the budget ran out. */
  protected check(ok: boolean, value: unknown, expected: string, truck: number): void {
    if (!ok || this.budget.n < 0) throw this.badResult(value, expected, truck);
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

/** Built-in rules run no guarded loops; their budget is never decremented. */
export function newBudget(): PolicyBudget {
  return {
    n: POLICY_LOOP_BUDGET,
    exceeded() {
      throw new BudgetExceeded("loop budget exceeded");
    },
  };
}
