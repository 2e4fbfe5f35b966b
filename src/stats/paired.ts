/**
 * Paired comparison of two scenarios run with common random numbers: replication i of both used the
 * same seed and index, hence the same arrival stream, so the difference B_i - A_i removes most of the
 * shared noise and its Student-t interval is much narrower than comparing two independent means.
 */
import { type Summary, summarize } from "./summary.js";

/** Paired difference of one figure, B minus A, over the replications both scenarios completed. */
export interface PairedComparison {
  /** Mean of A (the reference scenario) over the paired replications. */
  meanA: number;
  /** Mean of B over the paired replications. */
  meanB: number;
  /** Mean of B_i - A_i. */
  diffMean: number;
  /** Sample standard deviation of the differences. */
  diffSd: number;
  /** 95 % Student-t interval of the mean difference. */
  ci95: [number, number];
  /** Relative difference (B - A) / |A| of the means; NaN when A's mean is 0. */
  relativeDiff: number;
  /** True when the interval excludes 0 (a difference at the 5 % level); never true for fewer than 2 pairs. */
  significant: boolean;
  /** Number of pairs with finite values on both sides. */
  n: number;
}

/** Paired comparison of B against A; values are matched by index (replication), non-finite pairs are dropped. */
export function pairedComparison(a: readonly number[], b: readonly number[]): PairedComparison {
  if (a.length !== b.length) {
    throw new RangeError(`pairedComparison: both sides need the same replications (got ${a.length} and ${b.length})`);
  }
  const as: number[] = [];
  const bs: number[] = [];
  const ds: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    as.push(x);
    bs.push(y);
    ds.push(y - x);
  }
  const sa = summarize(as);
  const sb = summarize(bs);
  const sd: Summary = summarize(ds);
  const significant = sd.n >= 2 && (sd.ci95[0] > 0 || sd.ci95[1] < 0);
  return {
    meanA: sa.mean,
    meanB: sb.mean,
    diffMean: sd.mean,
    diffSd: sd.sd,
    ci95: sd.ci95,
    relativeDiff: sa.mean === 0 ? Number.NaN : (sb.mean - sa.mean) / Math.abs(sa.mean),
    significant,
    n: sd.n,
  };
}
