/**
 * The read-only state a policy sees at a decision: live views over the model's own columns and counters
 * (the truck cursor, one view per stage and zone, the gate as a whole). They are built once per
 * replication and read the model on each property access, so a decision allocates nothing, and a policy
 * cannot change the model through them (getters only, frozen objects).
 */
import type { Resource, Simulation } from "../../kernel/index.js";
import { CHANNELS, DAY_MS, DIRECTIONS, HOUR_MS, type StageConfig, TruckFlag } from "../config.js";
import type { Zones } from "../observers/zones.js";
import type { CapacityControl } from "../schedules.js";
import type { Stages } from "../stages.js";
import type { TruckPool } from "../trucks.js";
import type { GateState, StageState, TruckState, ZoneState } from "./types.js";

/** The parts of a replication the views read (attached once every part is built). */
export interface GateParts {
  sim: Simulation;
  trucks: TruckPool;
  stages: Stages;
  capacity: CapacityControl;
  zones: Zones;
  /** Trucks in the network now. */
  inSystem(): number;
}

/** Connecting a view twice is a mistake (a policy calling `attach` itself, say): refuse it. */
function once(attached: unknown): void {
  if (attached !== null) throw new Error("the state views are read-only and already attached");
}

/** The truck a decision is about: a cursor the caller moves to the truck before each call (`moveTo`). */
export class TruckCursor implements TruckState {
  #id = 0;
  #parts: GateParts | null = null;
  readonly #cargoNames: readonly string[];
  readonly #perishableThresholdMs: number;

  constructor(cargoNames: readonly string[], perishableThresholdMs: number) {
    this.#cargoNames = cargoNames;
    this.#perishableThresholdMs = perishableThresholdMs;
  }

  /** Connects the cursor to the replication's parts (once). */
  attach(parts: GateParts): void {
    once(this.#parts);
    this.#parts = parts;
  }

  /** Points the cursor at truck t (the model's side; a frozen cursor still moves). */
  moveTo(t: number): void {
    this.#id = t;
  }
  get id(): number {
    return this.#id;
  }

  get #pool(): TruckPool {
    return (this.#parts as GateParts).trucks;
  }
  #flag(bit: number): boolean {
    return ((this.#pool.flags[this.#id] as number) & bit) !== 0;
  }
  get direction(): "export" | "import" {
    return DIRECTIONS[this.#pool.direction[this.#id] as number] as "export" | "import";
  }
  get directionIndex(): number {
    return this.#pool.direction[this.#id] as number;
  }
  get cargo(): string {
    return this.#cargoNames[this.#pool.cargo[this.#id] as number] ?? "";
  }
  get cargoIndex(): number {
    return this.#pool.cargo[this.#id] as number;
  }
  get perishable(): boolean {
    return this.#flag(TruckFlag.perishable);
  }
  get container(): boolean {
    return this.#flag(TruckFlag.container);
  }
  get transship(): boolean {
    return this.#flag(TruckFlag.transship);
  }
  get plateRead(): boolean {
    return this.#flag(TruckFlag.plateRead);
  }
  get channel(): "green" | "yellow" | "red" | null {
    const c = this.#pool.channel[this.#id] as number;
    return c < 0 ? null : (CHANNELS[c] ?? null);
  }
  get channelIndex(): number {
    return this.#pool.channel[this.#id] as number;
  }
  get booked(): boolean {
    return this.#flag(TruckFlag.appointment);
  }
  get slotStartMs(): number {
    const s = this.#pool.slotMs[this.#id] as number;
    return s >= 0 ? s : Number.NaN;
  }
  get arrivedMs(): number {
    return this.#pool.arrivalMs[this.#id] as number;
  }
  get timeInSystemMs(): number {
    return (this.#parts as GateParts).sim.now - (this.#pool.arrivalMs[this.#id] as number);
  }
  get perishableSlackMs(): number {
    return this.#flag(TruckFlag.perishable)
      ? this.#perishableThresholdMs - this.timeInSystemMs
      : Number.POSITIVE_INFINITY;
  }
  get stage(): string {
    const s = this.#pool.stage[this.#id] as number;
    return s >= 0 ? ((this.#parts as GateParts).stages.cfg[s]?.id ?? "") : "";
  }
}

/** One stage, read live. */
class StageView implements StageState {
  readonly id: string;
  readonly type: StageConfig["type"];
  readonly #index: number;
  #parts: GateParts | null = null;

  constructor(index: number, cfg: StageConfig) {
    this.#index = index;
    this.id = cfg.id;
    this.type = cfg.type;
  }

  /** Connects the view (once). */
  attach(parts: GateParts): void {
    once(this.#parts);
    this.#parts = parts;
  }

  get #resource(): Resource | null {
    return (this.#parts as GateParts).stages.resources[this.#index] ?? null;
  }
  get waiting(): number {
    return this.#resource?.queued ?? 0;
  }
  get blocked(): number {
    return this.#resource?.blocked ?? 0;
  }
  get busy(): number {
    return this.#resource?.busy ?? 0;
  }
  get blockedServers(): number {
    return (this.#parts as GateParts).stages.blockedServers[this.#index] as number;
  }
  get capacity(): number {
    return this.#resource?.capacity ?? 0;
  }
  get waitMeanMs(): number {
    const r = this.#resource;
    return r !== null && r.waitMs.count > 0 ? r.waitMs.mean : 0;
  }
  get serviceMeanMs(): number {
    return (this.#parts as GateParts).stages.serviceMeanMs[this.#index] as number;
  }
  get expectedWaitMs(): number {
    const r = this.#resource;
    if (r === null || this.type !== "server") return 0;
    if (r.capacity <= 0) return Number.POSITIVE_INFINITY;
    const ahead = r.queued + r.blocked + r.busy - r.capacity + 1;
    return ahead <= 0 ? 0 : (ahead * this.serviceMeanMs) / r.capacity;
  }
  get dailyCapRemaining(): number {
    return (this.#parts as GateParts).capacity.remainingToday(this.#index);
  }
}

/** One zone, read live. */
class ZoneView implements ZoneState {
  readonly id: string;
  readonly #index: number;
  #parts: GateParts | null = null;

  constructor(index: number, id: string) {
    this.#index = index;
    this.id = id;
  }

  /** Connects the view (once). */
  attach(parts: GateParts): void {
    once(this.#parts);
    this.#parts = parts;
  }

  get trucks(): number {
    return (this.#parts as GateParts).zones.count[this.#index] as number;
  }
}

/** The gate as a policy sees it. */
export class GateView implements GateState {
  readonly stages: readonly StageState[];
  readonly zones: readonly ZoneState[];
  readonly #stageViews: readonly StageView[];
  readonly #zoneViews: readonly ZoneView[];
  readonly #stageById: ReadonlyMap<string, StageState>;
  readonly #zoneById: ReadonlyMap<string, ZoneState>;
  readonly #capped: readonly number[];
  #parts: GateParts | null = null;

  constructor(stages: readonly StageConfig[], zoneIds: readonly string[]) {
    this.#stageViews = stages.map((st, i) => new StageView(i, st));
    this.#zoneViews = zoneIds.map((id, i) => new ZoneView(i, id));
    this.stages = Object.freeze(this.#stageViews.map((v) => Object.freeze(v)));
    this.zones = Object.freeze(this.#zoneViews.map((v) => Object.freeze(v)));
    this.#stageById = new Map(this.stages.map((s) => [s.id, s]));
    this.#zoneById = new Map(this.zones.map((z) => [z.id, z]));
    const capped: number[] = [];
    stages.forEach((st, i) => {
      if (st.type === "server" && Number.isFinite(st.dailyCapTrucks)) capped.push(i);
    });
    this.#capped = capped;
  }

  /** Connects every view to the replication's parts (once, after every part is built). */
  attach(parts: GateParts): void {
    once(this.#parts);
    this.#parts = parts;
    for (const v of this.#stageViews) v.attach(parts);
    for (const v of this.#zoneViews) v.attach(parts);
  }

  /** True once attached (messages built during construction have no clock yet). */
  get attached(): boolean {
    return this.#parts !== null;
  }

  get nowMs(): number {
    return (this.#parts as GateParts).sim.now;
  }
  get day(): number {
    return Math.floor((this.#parts as GateParts).sim.now / DAY_MS);
  }
  get hourOfDay(): number {
    return ((this.#parts as GateParts).sim.now % DAY_MS) / HOUR_MS;
  }
  get trucksInSystem(): number {
    return (this.#parts as GateParts).inSystem();
  }
  get acceptanceRemainingToday(): number {
    if (this.#capped.length === 0) return Number.POSITIVE_INFINITY;
    let sum = 0;
    for (const s of this.#capped) sum += (this.#parts as GateParts).capacity.remainingToday(s);
    return sum;
  }

  stage(id: string): StageState {
    const s = this.#stageById.get(id);
    if (s === undefined) {
      throw new Error(`gate.stage("${id}"): no such stage; known: ${[...this.#stageById.keys()].join(", ")}`);
    }
    return s;
  }

  zone(id: string): ZoneState {
    const z = this.#zoneById.get(id);
    if (z === undefined)
      throw new Error(`gate.zone("${id}"): no such zone; known: ${[...this.#zoneById.keys()].join(", ")}`);
    return z;
  }
}
