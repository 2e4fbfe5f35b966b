/**
 * The appointment system as a booking system (issue 13 §1), on the shipped smart-gate-2026 at fixed seeds.
 * The first tests reproduce what was wrong before: booked trucks sent to a closed gate (28 % arrived
 * 22:00-07:00), over-quota bookings pushed weeks ahead without a word, late trucks keeping their priority,
 * and booking changing nothing measurable. Arrivals are traced by wrapping the model's own arrival handler.
 */
import { describe, expect, it } from "vitest";
import { BookingBook } from "../../src/model/booking.js";
import { Demand } from "../../src/model/demand.js";
import {
  callForwardBuiltins,
  GateModel,
  type ModelConfig,
  type ReplicationResult,
  simulate,
  TruckFlag,
} from "../../src/model/index.js";
import { applyOverrides, compileScenario, loadShippedScenario } from "../../src/scenario/index.js";
import { pairedComparison } from "../../src/stats/index.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface TracedArrival {
  atMs: number;
  direction: number;
  /** Start of the booked slot, or -1 for a walk-in. */
  slotMs: number;
  /** Flags and call-forward class (appointmentFirst) once the truck has arrived. */
  flagsAfter: number;
  classAfter: number;
}

/** The truck's call-forward rank under the built-in appointmentFirst rule, read through the policy views. */
function appointmentClass(model: GateModel, t: number): number {
  const cursor = model.policies.truck;
  cursor.moveTo(t);
  return callForwardBuiltins.appointmentFirst!.rank(cursor, model.policies.gate, {} as never);
}

/** Runs one replication and records every arrival on NH1A (or at the Chinese side for imports). */
function traceArrivals(config: ModelConfig, opts: { seed: number; replication: number; horizonDays: number }) {
  const proto = Demand.prototype as unknown as { onArrive(t: number): void };
  const original = proto.onArrive;
  const out: TracedArrival[] = [];
  const model = new GateModel(config, { ...opts, warmupDays: 1 });
  proto.onArrive = function (this: unknown, t: number) {
    const slotMs = model.trucks.arrivalMs[t] as number;
    original.call(this, t);
    out.push({
      atMs: model.sim.now,
      direction: model.trucks.direction[t] as number,
      slotMs,
      flagsAfter: model.trucks.flags[t] as number,
      classAfter: appointmentClass(model, t),
    });
  };
  try {
    model.run({ ...opts, warmupDays: 1 });
  } finally {
    proto.onArrive = original;
  }
  return out;
}

/** Records every booking the model makes: the book (0 for the first source), intended time and slot (-1: none). */
function traceBookings(run: () => void): { book: number; intendedMs: number; slot: number }[] {
  const original = BookingBook.prototype.book;
  const out: { book: number; intendedMs: number; slot: number }[] = [];
  const books = new Map<BookingBook, number>();
  BookingBook.prototype.book = function (this: BookingBook, intendedMs: number) {
    const slot = original.call(this, intendedMs);
    if (!books.has(this)) books.set(this, books.size);
    out.push({ book: books.get(this) as number, intendedMs, slot });
    return slot;
  };
  try {
    run();
  } finally {
    BookingBook.prototype.book = original;
  }
  return out;
}

const smartGate = () => loadShippedScenario("smart-gate-2026");

/**
 * Runs replications 0..n-1 of A and B with the same seed (common random numbers) and returns the paired
 * difference B - A of any KPI; `check` sees every result of B.
 */
function paired(
  a: ModelConfig,
  b: ModelConfig,
  n: number,
  period: { horizonDays: number; warmupDays: number },
  check: (r: ReplicationResult) => void = () => {},
) {
  const ra: ReplicationResult[] = [];
  const rb: ReplicationResult[] = [];
  for (let i = 0; i < n; i++) {
    const opts = { seed: 2026, replication: i, ...period };
    ra.push(simulate(a, opts));
    rb.push(simulate(b, opts));
    check(rb[i]!);
  }
  return (k: string) =>
    pairedComparison(
      ra.map((x) => x.kpis[k]?.value ?? Number.NaN),
      rb.map((x) => x.kpis[k]?.value ?? Number.NaN),
    );
}

describe("booking: slots exist only while the booked stage is open", () => {
  it("booked export trucks arrive while the Smart Gate is open (was 28 % between 22:00 and 07:00)", () => {
    const arrivals = traceArrivals(compileScenario(smartGate()).config, {
      seed: 2026,
      replication: 0,
      horizonDays: 10,
    });
    const booked = arrivals.filter((a) => a.direction === 0 && a.slotMs >= 0);
    expect(booked.length).toBeGreaterThan(2000);
    const share = (fromH: number, toH: number) =>
      booked.filter((a) => {
        const h = (a.atMs % DAY) / HOUR;
        return h >= fromH || h < toH;
      }).length / booked.length;
    // Only punctuality (N(0, 30 min)) brings trucks of the first slots (quota 40 from 07:00) before opening,
    // and of the last slots (21:30) after closing, but hardly any more than an hour outside the hours.
    expect(share(22, 7)).toBeLessThan(0.08);
    expect(share(23, 6)).toBeLessThan(0.005);
    // Every booked slot lies inside opening hours: 07:00-22:00 for exports.
    for (const a of booked) {
      const h = (a.slotMs % DAY) / HOUR;
      expect(h >= 7 && h < 22, `slot at ${h} h`).toBe(true);
    }
  });
});

describe("booking: a booking horizon instead of silent pushes", () => {
  it("never books beyond the horizon; trucks without a slot become walk-ins and are reported", () => {
    // Quota 2 per 30 min (about 60 a day) against about 430 bookings a day: most trucks find no slot.
    const sc = applyOverrides(smartGate(), { "demand.export.appointment.quotaPerSlot": 2 });
    const config = compileScenario(sc).config;
    let kpis: Record<string, { value: number }> = {};
    const bookings = traceBookings(() => {
      kpis = simulate(config, { seed: 2026, replication: 0, horizonDays: 10, warmupDays: 1 }).kpis;
    });
    const slotMs = 30 * 60_000;
    let pushMax = 0;
    for (const b of bookings) if (b.slot >= 0) pushMax = Math.max(pushMax, b.slot * slotMs - b.intendedMs);
    // Before: bookings were pushed up to 8,192 slots (170 days) ahead, here about 7 days after 10 days.
    expect(pushMax).toBeLessThanOrEqual(24 * HOUR);
    expect(bookings.some((b) => b.slot < 0)).toBe(true);
    expect(kpis.walkInsNoSlotPerDay!.value).toBeGreaterThan(100);
    expect(kpis.bookingsDisplacedPerDay!.value).toBeGreaterThan(10);
    expect(kpis.bookingDisplacementHoursP95!.value).toBeLessThanOrEqual(24);
    expect(kpis.bookingDisplacementHoursMean!.value).toBeGreaterThan(0);
  });
});

describe("booking: grace window", () => {
  it("late trucks lose appointment priority, punctual ones keep it", () => {
    const arrivals = traceArrivals(compileScenario(smartGate()).config, { seed: 2026, replication: 1, horizonDays: 6 });
    const graceMs = 30 * 60_000;
    const slotMs = 30 * 60_000;
    const booked = arrivals.filter((a) => a.slotMs >= 0);
    const late = booked.filter((a) => a.atMs > a.slotMs + slotMs + graceMs);
    const punctual = booked.filter((a) => a.atMs <= a.slotMs + slotMs + graceMs);
    expect(late.length).toBeGreaterThan(20);
    for (const a of late) {
      expect(a.flagsAfter & TruckFlag.appointment).toBe(0);
      expect(a.classAfter).toBe(1); // called forward with the walk-ins
    }
    for (const a of punctual) expect(a.classAfter).toBe(0);
  });
});

describe("booking: what it buys and what it costs (paired, common random numbers)", () => {
  it("smart-gate-2026 against itself without appointments: queues and perishables fall, displacement is the cost", () => {
    const withBooking = compileScenario(smartGate()).config;
    const without = compileScenario(
      applyOverrides(smartGate(), {
        "demand.export.appointment.sharePercent": 0,
        "demand.import.appointment.sharePercent": 0,
      }),
    ).config;
    // 6 pairs of 8 days (2 of warm-up): the smallest intervals are several times narrower than the effects.
    const n = 6;
    const diff = paired(without, withBooking, n, { horizonDays: 8, warmupDays: 2 });
    // What booking buys: every interval lies below zero.
    for (const k of [
      "nh1aQueueTrucksMax",
      "nh1aQueueTrucksOvernightMean",
      "perishableOverThresholdPerDay",
      "timeInSystemMinutesMean",
    ]) {
      const d = diff(k);
      expect(d.n, k).toBe(n);
      expect(d.ci95[1], `${k}: ${JSON.stringify(d)}`).toBeLessThan(0);
    }
    // What it costs: trucks wait for their slot before they come (displacement), an interval above zero.
    const cost = diff("bookingDisplacementTruckHoursPerDay");
    expect(cost.ci95[0], JSON.stringify(cost)).toBeGreaterThan(0);
  });
});

describe("booking: quotas by time of day, on the booked stage's clock", () => {
  it("export slots hold at most 40 from 07:00 to 10:00 and 18 otherwise; import slots follow the Chinese clock", () => {
    const config = compileScenario(smartGate()).config;
    const bookings = traceBookings(() => {
      simulate(config, { seed: 2026, replication: 2, horizonDays: 6, warmupDays: 1 });
    });
    const slotMs = 30 * 60_000;
    // Both sources book at their first demand; exports come first in the scenario, so book 0 is theirs.
    const count = (book: number) => {
      const perSlot = new Map<number, number>();
      for (const b of bookings) if (b.book === book && b.slot >= 0) perSlot.set(b.slot, (perSlot.get(b.slot) ?? 0) + 1);
      return perSlot;
    };
    let morningMax = 0;
    for (const [slot, n] of count(0)) {
      const h = ((slot * slotMs) % DAY) / HOUR;
      expect(h >= 7 && h < 22, `export slot at ${h} h`).toBe(true);
      if (h < 10) morningMax = Math.max(morningMax, n);
      else expect(n).toBeLessThanOrEqual(18);
    }
    expect(morningMax).toBeGreaterThan(18);
    expect(morningMax).toBeLessThanOrEqual(40);
    // youyiRelease opens 07:00-22:00 in UTC+8, i.e. 06:00-21:00 on the Vietnamese clock; 60 a slot until
    // 10:00 in UTC+8 (09:00 VN), 44 after.
    const imports = count(1);
    expect(imports.size).toBeGreaterThan(100);
    for (const [slot, n] of imports) {
      const h = ((slot * slotMs) % DAY) / HOUR;
      expect(h >= 6 && h < 21, `import slot at ${h} h`).toBe(true);
      expect(n).toBeLessThanOrEqual(h < 9 ? 60 : 44);
    }
    expect([...imports.keys()].some((slot) => ((slot * slotMs) % DAY) / HOUR < 7)).toBe(true);
  });
});

describe("booking: late trucks that rebook", () => {
  it("rebook the next free slot and come then, instead of arriving without priority", () => {
    const sc = applyOverrides(smartGate(), {
      "demand.export.appointment.whenLate": "rebook",
      "demand.import.appointment.whenLate": "rebook",
    });
    const opts = { seed: 2026, replication: 0, horizonDays: 6, warmupDays: 1 };
    const lose = simulate(compileScenario(smartGate()).config, opts).kpis;
    const rebook = simulate(compileScenario(sc).config, opts);
    expect(lose.walkInsLatePerDay!.value).toBeGreaterThan(50);
    expect(rebook.kpis.bookingsRebookedPerDay!.value).toBeGreaterThan(50);
    // A rebooked truck comes at the start of its new slot: later, but punctual and with its priority.
    expect(rebook.kpis.walkInsLatePerDay!.value).toBeLessThan(0.05 * rebook.kpis.bookingsRebookedPerDay!.value);
    expect(rebook.kpis.appointmentOnTimeShare!.value).toBeGreaterThan(lose.appointmentOnTimeShare!.value);
    expect(rebook.conservation.holds).toBe(true);
  });
});

describe("booking: an adaptive quota (yard occupancy) with diversion of trucks that find no slot", () => {
  it("fruit-season-booking: the adaptive quota keeps NH1A clear, at the cost of diversion and displacement", () => {
    const adaptive = compileScenario(loadShippedScenario("fruit-season-booking")).config;
    const fixed = compileScenario(
      applyOverrides(loadShippedScenario("fruit-season-booking"), {
        "demand.export.appointment.quotaRule.rule": "fixed",
      }),
    ).config;
    // 3 pairs of 20 days: the yard fills behind the cap from the second week on.
    const diff = paired(fixed, adaptive, 3, { horizonDays: 20, warmupDays: 3 }, (r) => {
      expect(r.conservation.holds).toBe(true);
      // Every truck without a slot drives to Tan Thanh: the ones not there yet are on the road or queued.
      const sent = r.kpis.bookingsDivertedNoSlotPerDay!.value;
      const there = r.kpis["diverted.tanThanhPerDay"]!.value;
      expect(there).toBeLessThanOrEqual(sent);
      expect(there).toBeGreaterThan(0.9 * sent);
    });
    // The Chinese cap still sets the exports' pace: what the rule buys is the queue on the Vietnamese side.
    for (const k of ["nh1aQueueTrucksMax", "vnQueueTrucksMax"]) {
      expect(diff(k).ci95[1], `${k}: ${JSON.stringify(diff(k))}`).toBeLessThan(0);
    }
    for (const k of ["diverted.tanThanhPerDay", "bookingsDivertedNoSlotPerDay", "bookingDisplacementHoursMean"]) {
      expect(diff(k).ci95[0], `${k}: ${JSON.stringify(diff(k))}`).toBeGreaterThan(0);
    }
  });
});
