/**
 * The appointment system of one direction: slots of `slotMs` with a quota each, kept in a ring of slot
 * counters. A truck that books takes the first slot at or after its intended arrival that the booking rule
 * accepts; no-shows take quota and never come. Punctuality is judged against the booked slot.
 */
import { assert } from "../kernel/index.js";
import type { AppointmentConfig } from "./config.js";
import { appointmentPolicies } from "./policies.js";

/** Slots of the ring: bookings may be pushed at most this many slots ahead. */
const SLOT_RING = 8192;

/** The booked slots of one source. */
export class BookingBook {
  private readonly ap: AppointmentConfig;
  private readonly sourceId: string;
  private readonly rule: (booked: number, quota: number, overbook: number) => boolean;
  /** Bookings of each ring entry, and the slot index each entry counts. */
  private readonly slotBooked = new Int32Array(SLOT_RING);
  private readonly slotId = new Float64Array(SLOT_RING).fill(-1);

  constructor(ap: AppointmentConfig, sourceId: string) {
    this.ap = ap;
    this.sourceId = sourceId;
    const rule = appointmentPolicies[ap.policy];
    assert(rule !== undefined, `unknown appointment policy ${ap.policy}`);
    this.rule = rule;
  }

  /** Books the first slot at or after the intended time that the booking rule accepts; returns its index. */
  book(intendedMs: number): number {
    const ap = this.ap;
    let k = Math.floor(intendedMs / ap.slotMs);
    let r = k % SLOT_RING;
    for (let tries = 0; ; tries++) {
      assert(tries < SLOT_RING, `${this.sourceId}: no free appointment slot within ${SLOT_RING} slots`);
      r = k % SLOT_RING;
      if (this.slotId[r] !== k) {
        this.slotId[r] = k;
        this.slotBooked[r] = 0;
      }
      if (this.rule(this.slotBooked[r] as number, ap.quotaPerSlot, ap.overbookFraction)) break;
      k++;
    }
    this.slotBooked[r] = (this.slotBooked[r] as number) + 1;
    return k;
  }
}
