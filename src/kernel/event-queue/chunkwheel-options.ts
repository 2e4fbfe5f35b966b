import { REC_SPAN } from "./chunk-records.js";

/** Tuning knobs of the chunked timing-wheel queue (chunkwheel.ts); exposed so tests can force wrap-around and resizing. */
export interface ChunkWheelOptions {
  /** log2 of the initial number of one-millisecond buckets (5..24). */
  initialBits?: number;
  /** log2 of the largest wheel the adaptation may grow to (initialBits..24). */
  maxBits?: number;
  /** log2 of the number of pushes between two adaptation checks (>= 4). */
  adaptBits?: number;
  /**
   * While fewer events than this are pending, every push goes to small mode's sorted list (or the heap
   * when the list is full or the wheel still holds events; 0 = always use the wheel): a few entries are
   * cheaper to keep in order than a wheel whose few buckets lie far apart.
   */
  smallLive?: number;
  /**
   * Most entries of the small-mode list (live or cancelled, 1..4096); when full, its events move to the heap.
   */
  smallListMax?: number;
  /**
   * log2 of the number of coarse buckets in front of the heap (0 = no coarse tier, 5..16); see
   * coarse-buckets.ts.
   */
  coarseBits?: number;
  /** log2 of a coarse bucket's width in ms (4..30). */
  coarseWidthBits?: number;
  /**
   * The coarse tier takes pushes while at least this many events were pending at the last adaptation
   * check (0 = always): below a few hundred, the heap alone is shallow and cheaper.
   */
  coarseMinLive?: number;
  /**
   * ...and fewer than this many: draining a bucket reads each event's record a second time, a cache hit
   * while the pending records fit in cache (4,096 records are 128 KiB) and a miss beyond, which costs
   * more than the shallower heap saves (hold model, N = 10,000 and 1,000,000, bimodal: about 0.95x).
   */
  coarseMaxLive?: number;
}

/** Sizing used when no options are given (tuned on the hold-model benchmark). */
const DEFAULTS: Required<ChunkWheelOptions> = {
  initialBits: 12,
  maxBits: 20,
  adaptBits: 14,
  smallLive: 16,
  smallListMax: 64,
  coarseBits: 0,
  coarseWidthBits: 16,
  coarseMinLive: 256,
  coarseMaxLive: 4096,
};

/**
 * The options with defaults filled in, or a RangeError naming them when one is out of range.
 * @returns every option
 */
export function checkWheelOptions(options: ChunkWheelOptions): Required<ChunkWheelOptions> {
  const o = { ...DEFAULTS, ...options };
  if (
    !(o.initialBits >= 5 && o.initialBits <= o.maxBits && o.maxBits <= 24 && o.adaptBits >= 4 && o.adaptBits <= 30) ||
    !(Number.isInteger(o.smallLive) && o.smallLive >= 0 && o.smallLive <= REC_SPAN) ||
    !(Number.isInteger(o.smallListMax) && o.smallListMax >= 1 && o.smallListMax <= 4096) ||
    !(o.coarseBits === 0 || (Number.isInteger(o.coarseBits) && o.coarseBits >= 5 && o.coarseBits <= 16)) ||
    !(Number.isInteger(o.coarseWidthBits) && o.coarseWidthBits >= 4 && o.coarseWidthBits <= 30) ||
    !(Number.isInteger(o.coarseMinLive) && o.coarseMinLive >= 0) ||
    !(Number.isInteger(o.coarseMaxLive) && o.coarseMaxLive > o.coarseMinLive)
  ) {
    throw new RangeError(`invalid wheel options ${JSON.stringify(options)}`);
  }
  return o;
}
