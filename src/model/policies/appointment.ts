/**
 * Built-in booking-acceptance rules of the appointment system: whether a slot that already holds
 * `booked` bookings takes one more. A refused booking is tried in the next slot.
 */
import type { AppointmentPolicy } from "./types.js";

/** The built-in booking rules, by the name a scenario uses. */
export const appointmentBuiltins: Readonly<Record<string, AppointmentPolicy<object>>> = {
  quota: {
    decision: "appointment",
    description: "never more bookings than the quota",
    accept: (slot) => slot.booked < slot.quota,
  },
  overbook: {
    decision: "appointment",
    description: "up to quota x (1 + overbook fraction), expecting no-shows",
    accept: (slot) => slot.booked < Math.floor(slot.quota * (1 + slot.overbookFraction)),
  },
};
