/**
 * The appointment system of one direction: slots of `slotMs` with a quota each, kept in a ring of slot
 * counters. A truck that books takes the first slot at or after its intended arrival that the booking rule
 * accepts; no-shows take quota and never come. Punctuality is judged against the booked slot.
 */
import { assert } from "../kernel/index.js";
import type { AppointmentConfig } from "./config.js";
import type { AppointmentBinding, PolicyRuntime } from "./policies/index.js";

/** Slots of the ring: bookings may be pushed at most this many slots ahead. */
const SLOT_RING = 8192;

/** The booked slots of one source. */
export class BookingBook {
  private readonly ap: AppointmentConfig;
  private readonly sourceId: string;
  /** The booking-acceptance policy in force. */
  private readonly rule: AppointmentBinding;
  /** Bookings of each ring entry, and the slot index each entry counts. */
  private readonly slotBooked = new Int32Array(SLOT_RING);
  private readonly slotId = new Float64Array(SLOT_RING).fill(-1);

  constructor(ap: AppointmentConfig, sourceId: string, policies: PolicyRuntime) {
    this.ap = ap;
    this.sourceId = sourceId;
    this.rule = policies.appointment(
      sourceId,
      ap.slotMs,
      ap.quotaPerSlot,
      ap.overbookFraction,
      ap.policy,
      ap.module,
      ap.params,
    );
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
      if (this.rule.accept(k, this.slotBooked[r] as number)) break;
      k++;
    }
    this.slotBooked[r] = (this.slotBooked[r] as number) + 1;
    return k;
  }
}
