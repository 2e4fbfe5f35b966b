/**
 * Ranking and selection with common random numbers: which of k systems (policies) has the best mean, with a
 * probability guarantee. Pure: the procedures see only outputs and ask for more; the caller simulates.
 *
 * - KN (Kim & Nelson 2001, "A fully sequential procedure for indifference-zone selection in simulation",
 *   ACM TOMACS 11(3)): n0 first-stage replications of every system (replication j of every system shares
 *   its random numbers), variances of the pairwise differences from them, then one replication at a time of
 *   the systems still in contention, eliminating a system as soon as its mean falls outside a triangular
 *   continuation region around another's. Guarantee: if the best system beats every other by at least δ,
 *   it is selected with probability at least 1 − α. Replications go only where they are needed.
 * - NM (Nelson & Matejcik 1995, "Using common random numbers for indifference-zone selection and multiple
 *   comparisons in simulation", Management Science 41(12)): two stages; the second gives every system the
 *   same N from the first stage's variance of the system-by-replication interaction. It also gives
 *   simultaneous intervals for μ_i − max_{l≠i} μ_l, so the selected system is the best or within δ of it
 *   with probability at least 1 − α whatever the true means (normal outputs, sphericity assumed).
 *   `nmReplications` is also the fixed-budget design KN is compared against.
 */
import { multivariateTQuantile } from "./multivariate-t.js";
import { mean } from "./summary.js";

/** What a selection is set up with. */
export interface SelectionOptions {
  /** 1 − α is the guaranteed probability (e.g. 0.05). */
  alpha: number;
  /** Indifference zone: the smallest difference worth detecting, in the KPI's unit (> 0). */
  delta: number;
  /** First-stage replications of every system (>= 2; 10 or more is usual). */
  n0: number;
  /** True when lower is better (waits, queues); false when higher is better (throughput). */
  minimize: boolean;
  /** Cap on replications per system (a budget); reaching it ends KN without its guarantee. Default: none. */
  maxReplications?: number;
}

/** The outcome of a selection. */
export interface SelectionResult {
  procedure: "KN" | "NM";
  alpha: number;
  delta: number;
  n0: number;
  minimize: boolean;
  /** Index of the selected system. */
  selected: number;
  /** False when the budget cap ended the procedure before it could decide: no guarantee then. */
  guaranteed: boolean;
  /** Replications each system received (KN: up to its elimination; NM: N for all). */
  replications: number[];
  totalReplications: number;
  /** Sample mean of each system over its replications. */
  means: number[];
  /** KN: the stage r at which each system was eliminated (null for the survivor). */
  eliminatedAt: (number | null)[];
  /** KN: the system that eliminated it. */
  eliminatedBy: (number | null)[];
  /** The fixed-budget two-stage design (NM) for the same guarantee, from the same first stage. */
  fixedBudget: { perSystem: number; total: number; constant: number };
  /** NM: simultaneous (1 − α) intervals for μ_i − best of the others (signed so that > 0 means better). */
  mcb?: [number, number][];
}

/** Checks the options shared by both procedures. */
function checkOptions(k: number, o: SelectionOptions): void {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`selection needs at least 2 systems, got ${k}`);
  if (!(o.alpha > 0 && o.alpha < 1 - 1 / k)) throw new RangeError(`alpha must be in (0, ${1 - 1 / k}), got ${o.alpha}`);
  if (!(o.delta > 0 && Number.isFinite(o.delta)))
    throw new RangeError(`delta must be a positive number, got ${o.delta}`);
  if (!(Number.isInteger(o.n0) && o.n0 >= 2)) throw new RangeError(`n0 must be an integer >= 2, got ${o.n0}`);
  if (o.maxReplications !== undefined && !(Number.isInteger(o.maxReplications) && o.maxReplications >= o.n0)) {
    throw new RangeError(`maxReplications must be an integer >= n0, got ${o.maxReplications}`);
  }
}

/** "Better" sign: +x for maximization, −x for minimization, so the procedures always maximize. */
function signed(o: SelectionOptions, x: number): number {
  return o.minimize ? -x : x;
}

/**
 * Nelson & Matejcik's second-stage size: S² from the first stage's system × replication interaction, and
 * N = max(n0, ⌈(g S / δ)²⌉) with g the equicoordinate point of the (k−1)-variate t, (k−1)(n0−1) df, ρ = 1/2.
 * `first[i][j]` is system i's output in replication j (j < n0).
 */
export function nmReplications(
  first: readonly (readonly number[])[],
  o: SelectionOptions,
): { perSystem: number; total: number; constant: number; s2: number } {
  const k = first.length;
  checkOptions(k, o);
  const n0 = o.n0;
  const rowMeans = first.map((xs) => mean(xs.slice(0, n0)));
  const colMeans: number[] = [];
  for (let j = 0; j < n0; j++) colMeans.push(mean(first.map((xs) => xs[j] as number)));
  const grand = mean(rowMeans);
  let ss = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < n0; j++) {
      const e = (first[i]![j] as number) - (rowMeans[i] as number) - (colMeans[j] as number) + grand;
      ss += e * e;
    }
  }
  const s2 = (2 * ss) / ((k - 1) * (n0 - 1));
  const g = multivariateTQuantile(o.alpha, k - 1, (k - 1) * (n0 - 1), 0.5);
  const perSystem = Math.max(n0, Math.ceil((g * g * s2) / (o.delta * o.delta)));
  return { perSystem, total: k * perSystem, constant: g, s2 };
}

/**
 * Kim & Nelson's procedure KN as a state machine: feed it the first stage, then ask `next()` which systems
 * need replication r, give it their outputs with `add`, until `done`. Outputs of one replication index must
 * come from common random numbers across systems.
 */
export class KimNelson {
  readonly k: number;
  readonly options: SelectionOptions;
  /** h² = 2η(n0 − 1), with η = ½[(2α/(k−1))^{−2/(n0−1)} − 1]. */
  readonly h2: number;
  private readonly data: number[][];
  /** S²_il: first-stage variance of X_i − X_l (symmetric). */
  private readonly s2: number[][];
  private readonly alive: boolean[];
  private readonly eliminatedAt: (number | null)[];
  private readonly eliminatedBy: (number | null)[];
  /** Observations screened so far (the stage r of the procedure). */
  private r: number;
  private stoppedByCap = false;
  private readonly first: number[][];

  /** Starts the procedure from the first stage: `first[i]` holds system i's n0 outputs, by replication. */
  constructor(first: readonly (readonly number[])[], options: SelectionOptions) {
    const k = first.length;
    checkOptions(k, options);
    const n0 = options.n0;
    for (const [i, xs] of first.entries()) {
      if (xs.length !== n0) throw new RangeError(`system ${i} has ${xs.length} first-stage outputs, expected ${n0}`);
      for (const x of xs) if (!Number.isFinite(x)) throw new RangeError(`system ${i} has a non-finite output`);
    }
    this.k = k;
    this.options = options;
    const eta = 0.5 * ((2 * options.alpha) / (k - 1)) ** (-2 / (n0 - 1)) - 0.5;
    this.h2 = 2 * eta * (n0 - 1);
    this.data = first.map((xs) => [...xs]);
    this.first = first.map((xs) => [...xs]);
    this.s2 = [];
    for (let i = 0; i < k; i++) {
      const row: number[] = [];
      for (let l = 0; l < k; l++) {
        if (i === l) {
          row.push(0);
          continue;
        }
        const d = first[i]!.map((x, j) => x - (first[l]![j] as number));
        const m = mean(d);
        row.push(d.reduce((a, x) => a + (x - m) ** 2, 0) / (n0 - 1));
      }
      this.s2.push(row);
    }
    this.alive = new Array(k).fill(true);
    this.eliminatedAt = new Array(k).fill(null);
    this.eliminatedBy = new Array(k).fill(null);
    this.r = n0;
    this.screen();
  }

  /** True when one system is left, the procedure's last stage is reached, or the budget cap stopped it. */
  get done(): boolean {
    return this.survivors().length === 1 || this.r >= this.lastStage() || this.stoppedByCap;
  }

  /** The systems still in contention. */
  survivors(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.k; i++) if (this.alive[i]) out.push(i);
    return out;
  }

  /** The replication index to run next and the systems that need it (empty when done). */
  next(): { replication: number; systems: number[] } {
    if (this.done) return { replication: this.r, systems: [] };
    const cap = this.options.maxReplications;
    if (cap !== undefined && this.r >= cap) {
      this.stoppedByCap = true;
      return { replication: this.r, systems: [] };
    }
    return { replication: this.r, systems: this.survivors() };
  }

  /** Adds replication `next().replication` of every surviving system (`values[i]` for system i), then screens. */
  add(values: ReadonlyMap<number, number> | Readonly<Record<number, number>>): void {
    const get = (i: number): number | undefined =>
      values instanceof Map ? values.get(i) : (values as Record<number, number>)[i];
    for (const i of this.survivors()) {
      const v = get(i);
      if (v === undefined || !Number.isFinite(v)) throw new RangeError(`missing or non-finite output of system ${i}`);
      this.data[i]!.push(v);
    }
    this.r++;
    this.screen();
  }

  /** The stage after which every W_il is zero (no system can stay level with a better mean any longer). */
  private lastStage(): number {
    const d2 = this.options.delta ** 2;
    let n = this.options.n0;
    const alive = this.survivors();
    for (const i of alive)
      for (const l of alive) if (i !== l) n = Math.max(n, Math.floor((this.h2 * this.s2[i]![l]!) / d2) + 1);
    return n;
  }

  private meanAt(i: number, r: number): number {
    const xs = this.data[i]!;
    let s = 0;
    for (let j = 0; j < r; j++) s += xs[j] as number;
    return signed(this.options, s / r);
  }

  /** Screening at stage r: i stays if its mean is not below another's by more than W_il(r). */
  private screen(): void {
    const r = this.r;
    const { delta } = this.options;
    const old = this.survivors();
    const m = new Map(old.map((i) => [i, this.meanAt(i, r)]));
    for (const i of old) {
      for (const l of old) {
        if (i === l) continue;
        const w = Math.max(0, (delta / (2 * r)) * ((this.h2 * this.s2[i]![l]!) / (delta * delta) - r));
        if ((m.get(i) as number) < (m.get(l) as number) - w) {
          this.alive[i] = false;
          this.eliminatedAt[i] = r;
          this.eliminatedBy[i] = l;
          break;
        }
      }
    }
  }

  /** The result (call when `done`). */
  result(): SelectionResult {
    const survivors = this.survivors();
    // At the last stage several may tie exactly (identical systems under CRN): the lowest index is taken.
    let best = survivors[0] as number;
    for (const i of survivors) if (this.meanAt(i, this.r) > this.meanAt(best, this.r)) best = i;
    const replications = this.data.map((xs) => xs.length);
    const fixed = nmReplications(this.first, this.options);
    return {
      procedure: "KN",
      alpha: this.options.alpha,
      delta: this.options.delta,
      n0: this.options.n0,
      minimize: this.options.minimize,
      selected: best,
      guaranteed: !this.stoppedByCap,
      replications,
      totalReplications: replications.reduce((a, b) => a + b, 0),
      means: this.data.map((xs) => mean(xs)),
      eliminatedAt: [...this.eliminatedAt],
      eliminatedBy: [...this.eliminatedBy],
      fixedBudget: { perSystem: fixed.perSystem, total: fixed.total, constant: fixed.constant },
    };
  }
}

/**
 * Nelson & Matejcik's selection once every system has N = `nmReplications(...)`.perSystem outputs (the
 * first n0 of them the first stage): the best sample mean, with the MCB intervals
 * [−(D_i − δ)⁻, (D_i + δ)⁺] where D_i = X̄_i − max_{l≠i} X̄_l (in the "better" direction). With fewer
 * outputs (a budget cap below N) the best mean over the common ones is returned without the guarantee.
 */
export function nmSelect(outputs: readonly (readonly number[])[], o: SelectionOptions): SelectionResult {
  const k = outputs.length;
  const fixed = nmReplications(outputs, o);
  const n = Math.min(fixed.perSystem, ...outputs.map((xs) => xs.length));
  if (n < o.n0) throw new RangeError(`every system needs at least n0 = ${o.n0} outputs`);
  const means = outputs.map((xs) => mean(xs.slice(0, n)));
  const better = means.map((x) => signed(o, x));
  let selected = 0;
  for (let i = 1; i < k; i++) if ((better[i] as number) > (better[selected] as number)) selected = i;
  const mcb = better.map((bi, i): [number, number] => {
    let other = Number.NEGATIVE_INFINITY;
    for (let l = 0; l < k; l++) if (l !== i) other = Math.max(other, better[l] as number);
    const d = bi - other;
    return [Math.min(0, d - o.delta), Math.max(0, d + o.delta)];
  });
  return {
    procedure: "NM",
    alpha: o.alpha,
    delta: o.delta,
    n0: o.n0,
    minimize: o.minimize,
    selected,
    guaranteed: n === fixed.perSystem,
    replications: outputs.map(() => n),
    totalReplications: n * k,
    means,
    eliminatedAt: outputs.map(() => null),
    eliminatedBy: outputs.map(() => null),
    fixedBudget: { perSystem: fixed.perSystem, total: fixed.total, constant: fixed.constant },
    ...(n === fixed.perSystem ? { mcb } : {}),
  };
}
