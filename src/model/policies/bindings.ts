/**
 * The bindings of each decision point: the object a part of the model holds and calls (`rank`, `select`,
 * `review`, `accept`, `quota`, `balk`, `choose`). Each points the views at the case in hand, resets the
 * loop budget, calls the policy, and checks what comes back (one path for built-ins and modules).
 */
import { Binding, type BindingHost, type Resolved } from "./binding.js";
import type {
  AppointmentPolicy,
  BalkingPolicy,
  BalkSite,
  CallForwardPolicy,
  DiversionPolicy,
  DiversionTargets,
  LaneAllocationPolicy,
  LaneGroupState,
  QuotaLoad,
  QuotaPolicy,
  SelectionRules,
  SlotState,
  StageState,
  XraySelectionPolicy,
} from "./types.js";
/** Call-forward at one stage: the rank of a truck joining its line. */
export class CallForwardBinding extends Binding {
  private readonly policy: CallForwardPolicy<object>;

  constructor(rt: BindingHost, r: Resolved) {
    super(rt, "callForward", r);
    this.policy = r.policy as CallForwardPolicy<object>;
  }

  /** Rank of truck t (a finite number; lower is called first). */
  rank(t: number): number {
    this.begin(t);
    let r: unknown;
    try {
      r = this.policy.rank(this.rt.truck, this.rt.gate, this.ctx);
    } catch (e) {
      throw this.thrown(e, t);
    }
    this.check(typeof r === "number" && r - r === 0, r, "a finite number", t);
    return r as number;
  }
}

/** X-ray selection at one branch. */
export class SelectionBinding extends Binding {
  private readonly policy: XraySelectionPolicy<object>;
  private readonly rules: SelectionRules;

  constructor(rt: BindingHost, r: Resolved, rules: SelectionRules) {
    super(rt, "xraySelection", r);
    this.policy = r.policy as XraySelectionPolicy<object>;
    this.rules = Object.freeze({ ...rules });
  }

  /** Whether truck t is scanned, given the branch's uniform draw u. */
  select(t: number, u: number): boolean {
    this.begin(t);
    let r: unknown;
    try {
      r = this.policy.select(this.rt.truck, this.rt.gate, this.ctx, u, this.rules);
    } catch (e) {
      throw this.thrown(e, t);
    }
    this.check(typeof r === "boolean", r, "true or false", t);
    return r as boolean;
  }
}

/** The lane group a lane rule sees (its shift is set before each review). */
export class LaneGroupView implements LaneGroupState {
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

  /** What a review must return (built once: no string per call). */
  private readonly expected: string;

  constructor(rt: BindingHost, r: Resolved, view: LaneGroupView) {
    super(rt, "laneAllocation", r);
    this.policy = r.policy as LaneAllocationPolicy<object>;
    this.view = view;
    this.expected = `an integer in [${-view.lanesShiftMax}, ${view.lanesShiftMax}] (lanesShiftMax)`;
  }

  /** The new shift (lanes moved from B to A), given the one in force. */
  review(shift: number): number {
    this.view.setShift(shift);
    this.begin(-1);
    let r: unknown;
    try {
      r = this.policy.review(this.view, this.rt.gate, this.ctx);
    } catch (e) {
      throw this.thrown(e, -1);
    }
    const max = this.view.lanesShiftMax;
    this.check(Number.isInteger(r) && (r as number) >= -max && (r as number) <= max, r, this.expected, -1);
    return r as number;
  }
}

/** The slot a booking rule sees (set before each call). */
export class SlotView implements SlotState {
  index = 0;
  startMs = 0;
  lengthMs: number;
  booked = 0;
  quota: number;
  overbookFraction: number;
  readonly demand: string;

  constructor(demand: string, lengthMs: number, overbookFraction: number) {
    this.demand = demand;
    this.lengthMs = lengthMs;
    this.quota = 0;
    this.overbookFraction = overbookFraction;
  }
}

/** Slot k's view as a policy sees it: its start, bookings so far and the quota in force. */
function fillSlot(s: SlotView, k: number, booked: number, quota: number): SlotView {
  s.index = k;
  s.startMs = k * s.lengthMs;
  s.booked = booked;
  s.quota = quota;
  return s;
}

/** Booking acceptance of one demand's appointment system. */
export class AppointmentBinding extends Binding {
  private readonly policy: AppointmentPolicy<object>;
  private readonly slot: SlotView;

  constructor(rt: BindingHost, r: Resolved, slot: SlotView) {
    super(rt, "appointment", r);
    this.policy = r.policy as AppointmentPolicy<object>;
    this.slot = slot;
  }

  /** Whether slot k, holding `booked` bookings under quota `quota` (in force), takes one more. */
  accept(k: number, booked: number, quota: number): boolean {
    const s = fillSlot(this.slot, k, booked, quota);
    this.begin(-1);
    let r: unknown;
    try {
      r = this.policy.accept(s, this.rt.gate, this.ctx);
    } catch (e) {
      throw this.thrown(e, -1);
    }
    this.check(typeof r === "boolean", r, "true or false", -1);
    return r as boolean;
  }
}

/** The watched stage's load, filled once per booking (the model's side). */
export class QuotaLoadView implements QuotaLoad {
  readonly stage: StageState;
  occupancyPercent = 0;
  backlogPercent = 0;
  readonly fromPercent: number;
  readonly toPercent: number;
  readonly minPercent: number;

  constructor(stage: StageState, fromPercent: number, toPercent: number, minPercent: number) {
    this.stage = stage;
    this.fromPercent = fromPercent;
    this.toPercent = toPercent;
    this.minPercent = minPercent;
  }
}

/** The adaptive quota of one demand's appointment system. */
export class QuotaBinding extends Binding {
  private readonly policy: QuotaPolicy<object>;
  private readonly slot: SlotView;
  /** The watched stage's load: the booking system fills it before a booking. */
  readonly load: QuotaLoadView;

  constructor(rt: BindingHost, r: Resolved, slot: SlotView, load: QuotaLoadView) {
    super(rt, "quota", r);
    this.policy = r.policy as QuotaPolicy<object>;
    this.slot = slot;
    this.load = load;
  }

  /** The quota in force of slot k whose table quota is `base`. */
  quota(k: number, base: number, booked: number): number {
    const s = fillSlot(this.slot, k, booked, base);
    this.begin(-1);
    let r: unknown;
    try {
      r = this.policy.quota(s, this.rt.gate, this.ctx, this.load);
    } catch (e) {
      throw this.thrown(e, -1);
    }
    this.check(typeof r === "number" && r >= 0 && r - r === 0, r, "a finite number >= 0", -1);
    return r as number;
  }
}

/** What a truck finds at a balking stage (filled before each call). */
export class BalkSiteView implements BalkSite {
  readonly stage: StageState;
  lineTrucks = 0;
  expectedWaitMs = 0;
  lineTrucksMax: number;
  expectedWaitMsMax: number;
  probability: number;
  u = 0;

  constructor(stage: StageState, lineTrucksMax: number, expectedWaitMsMax: number, probability: number) {
    this.stage = stage;
    this.lineTrucksMax = lineTrucksMax;
    this.expectedWaitMsMax = expectedWaitMsMax;
    this.probability = probability;
  }
}

/** Balking at one stage. */
export class BalkingBinding extends Binding {
  private readonly policy: BalkingPolicy<object>;
  /** The stage's figures: the model fills them before each call. */
  readonly site: BalkSiteView;

  constructor(rt: BindingHost, r: Resolved, site: BalkSiteView) {
    super(rt, "balking", r);
    this.policy = r.policy as BalkingPolicy<object>;
    this.site = site;
  }

  /** Whether truck t turns away. */
  balk(t: number): boolean {
    this.begin(t);
    let r: unknown;
    try {
      r = this.policy.balk(this.rt.truck, this.rt.gate, this.ctx, this.site);
    } catch (e) {
      throw this.thrown(e, t);
    }
    this.check(typeof r === "boolean", r, "true or false", t);
    return r as boolean;
  }
}

/** A `divertTo:` list as a policy sees it (loads and the draw filled before each call). */
export class TargetsView implements DiversionTargets {
  readonly n: number;
  readonly stages: readonly StageState[];
  readonly weights: Float64Array;
  readonly loads: Float64Array;
  u = 0;

  constructor(stages: readonly StageState[], weights: readonly number[]) {
    this.n = stages.length;
    this.stages = Object.freeze([...stages]);
    this.weights = Float64Array.from(weights);
    this.loads = new Float64Array(stages.length);
  }
}

/** The diversion rule of one `divertTo:` list. */
export class DiversionBinding extends Binding {
  private readonly policy: DiversionPolicy<object>;
  /** The targets: the model fills their loads and the draw before each call. */
  readonly targets: TargetsView;

  /** What a choice must return (built once: no string per call). */
  private readonly expected: string;

  constructor(rt: BindingHost, r: Resolved, targets: TargetsView) {
    super(rt, "diversion", r);
    this.policy = r.policy as DiversionPolicy<object>;
    this.targets = targets;
    this.expected = `a target index, an integer in [0, ${targets.n - 1}]`;
  }

  /** The index of the target truck t goes to. */
  choose(t: number): number {
    this.begin(t);
    let r: unknown;
    try {
      r = this.policy.choose(this.rt.truck, this.rt.gate, this.ctx, this.targets);
    } catch (e) {
      throw this.thrown(e, t);
    }
    this.check(Number.isInteger(r) && (r as number) >= 0 && (r as number) < this.targets.n, r, this.expected, t);
    return r as number;
  }
}
