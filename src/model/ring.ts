/**
 * A first-in first-out line of (value, time) pairs in two growing typed arrays: the loads waiting at a rail
 * terminal (truck id, arrival) and the parcel cohorts waiting for the sorting line (count, arrival). Growth
 * doubles the arrays, so nothing is allocated per entry; the model's truck and horizon bounds bound it.
 */

/** A FIFO ring of (value, time) pairs. */
export class TimedRing {
  private values: Float64Array;
  private times: Float64Array;
  private head = 0;
  /** Entries in the ring. */
  length = 0;

  constructor(initial = 64) {
    this.values = new Float64Array(initial);
    this.times = new Float64Array(initial);
  }

  /** Appends an entry at the tail. */
  push(value: number, time: number): void {
    if (this.length === this.values.length) this.grow();
    const j = (this.head + this.length) % this.values.length;
    this.values[j] = value;
    this.times[j] = time;
    this.length++;
  }

  /** Value of the oldest entry (the ring must not be empty). */
  firstValue(): number {
    return this.values[this.head] as number;
  }

  /** Time of the oldest entry (the ring must not be empty). */
  firstTime(): number {
    return this.times[this.head] as number;
  }

  /** Replaces the value of the oldest entry (a cohort partly taken). */
  setFirstValue(value: number): void {
    this.values[this.head] = value;
  }

  /** Drops the oldest entry. */
  shift(): void {
    this.head = (this.head + 1) % this.values.length;
    this.length--;
  }

  private grow(): void {
    const n = this.values.length * 2;
    const values = new Float64Array(n);
    const times = new Float64Array(n);
    for (let k = 0; k < this.length; k++) {
      const j = (this.head + k) % this.values.length;
      values[k] = this.values[j] as number;
      times[k] = this.times[j] as number;
    }
    this.values = values;
    this.times = times;
    this.head = 0;
  }
}
