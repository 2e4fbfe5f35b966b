/**
 * MSER-5 warm-up detection (White 1997; Franklin & White 2008): average the series in batches of 5,
 * then pick the truncation d that minimizes the squared standard error of the remaining batch means,
 * MSER(d) = sum_{j>d} (Z_j - mean_d)^2 / (k - d)^2. Only the first half of the batches is searched,
 * because a minimum late in the series is an artefact of too few remaining points, not a warm-up end.
 */

/** Outcome of MSER-5 on one series. */
export interface MserResult {
  /** Observations of the original series to delete (a multiple of the batch size). */
  truncation: number;
  /** Batches deleted (truncation / batchSize). */
  truncatedBatches: number;
  /** Batch size (5 for MSER-5). */
  batchSize: number;
  /** Number of complete batches. */
  batches: number;
  /** MSER statistic at the chosen truncation. */
  statistic: number;
  /** False when the minimum fell on the search limit: the run may be too short to show a steady state. */
  reliable: boolean;
}

/**
 * MSER-m truncation point of a series (m = 5 by default). Needs at least 2 complete batches; for
 * shorter series it returns truncation 0 and `reliable: false`.
 */
export function mser5(series: readonly number[], batchSize = 5): MserResult {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`mser5: batchSize must be a positive integer`);
  const k = Math.floor(series.length / batchSize);
  if (k < 2)
    return { truncation: 0, truncatedBatches: 0, batchSize, batches: k, statistic: Number.NaN, reliable: false };
  // Batch means over the leading k*m observations (the incomplete tail batch is left out, as in MSER-5).
  const z = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < batchSize; i++) s += series[j * batchSize + i] as number;
    z[j] = s / batchSize;
  }
  // Suffix sums let every candidate d be scored in O(1): SSE = sum z^2 - (sum z)^2 / count.
  const sum = new Float64Array(k + 1);
  const sumSq = new Float64Array(k + 1);
  for (let j = k - 1; j >= 0; j--) {
    const v = z[j] as number;
    sum[j] = (sum[j + 1] as number) + v;
    sumSq[j] = (sumSq[j + 1] as number) + v * v;
  }
  const dMax = Math.floor(k / 2);
  let best = 0;
  let bestStat = Number.POSITIVE_INFINITY;
  for (let d = 0; d <= dMax; d++) {
    const count = k - d;
    const s = sum[d] as number;
    const sse = Math.max(0, (sumSq[d] as number) - (s * s) / count);
    const stat = sse / (count * count);
    if (stat < bestStat) {
      bestStat = stat;
      best = d;
    }
  }
  return {
    truncation: best * batchSize,
    truncatedBatches: best,
    batchSize,
    batches: k,
    statistic: bestStat,
    reliable: best < dMax,
  };
}
