import { describe, expect, it } from "vitest";
import {
  CapacitySchedule,
  type Discipline,
  RequestStatus,
  Resource,
  Simulation,
  Store,
} from "../../src/kernel/index.js";

/** A harness: entities request the resource at given times, hold it for given durations, and log grants. */
function harness(options: { capacity?: number; discipline?: Discipline; schedule?: CapacitySchedule }) {
  const sim = new Simulation();
  const grants: string[] = [];
  const hold = new Map<number, number>();
  const done = sim.defineEvent("done", () => res.release());
  const granted = (e: number) => {
    grants.push(`${sim.now}:${e}`);
    sim.schedule(hold.get(e) ?? 10, done, e);
  };
  const grant = sim.defineEvent("grant", granted);
  const res = new Resource(sim, { name: "r", ...options });
  const prio = new Map<number, number>();
  const arrive = sim.defineEvent("arrive", (e) => {
    if (res.request(e, grant, prio.get(e) ?? 0) === RequestStatus.granted) granted(e);
  });
  return {
    sim,
    res,
    grants,
    at(t: number, e: number, holdMs = 10, priority = 0) {
      hold.set(e, holdMs);
      prio.set(e, priority);
      sim.scheduleAt(t, arrive, e);
    },
  };
}

describe("Resource", () => {
  it("serves first-in-first-out with c servers and measures wait and utilization", () => {
    const h = harness({ capacity: 2 });
    for (let e = 0; e < 4; e++) h.at(0, e, 10);
    h.sim.run();
    expect(h.grants).toEqual(["0:0", "0:1", "10:2", "10:3"]);
    expect(h.res.waitMs.mean).toBe(5);
    expect(h.res.utilization(h.sim.now)).toBe(1);
    expect(h.res.queueLength.mean(h.sim.now)).toBe(1); // 2 waiting for 10 of 20 ms
  });

  it("serves by priority class, FIFO within a class", () => {
    const h = harness({ capacity: 1, discipline: "priority" });
    h.at(0, 0, 10);
    h.at(1, 1, 10, 5);
    h.at(2, 2, 10, 1);
    h.at(3, 3, 10, 5);
    h.at(4, 4, 10, 1);
    h.sim.run();
    expect(h.grants.map((g) => g.split(":")[1])).toEqual(["0", "2", "4", "1", "3"]);
  });

  it("orders by any finite rank (times, fractions, negatives), FIFO among equal ranks", () => {
    const h = harness({ capacity: 1, discipline: "priority" });
    h.at(0, 0, 100);
    h.at(1, 1, 10, 5_000_000_000.5); // a rank beyond the old 4,095 class bound
    h.at(2, 2, 10, -120_000);
    h.at(3, 3, 10, 5_000_000_000.5);
    h.at(4, 4, 10, 0.25);
    h.at(5, 5, 10, -120_000);
    h.sim.run();
    expect(h.grants.map((g) => g.split(":")[1])).toEqual(["0", "2", "5", "4", "1", "3"]);
  });

  it("refuses a rank that is not a finite number", () => {
    const sim = new Simulation();
    const k = sim.defineEvent("g", () => {});
    const res = new Resource(sim, { name: "r", capacity: 0, discipline: "priority" });
    expect(() => res.request(0, k, Number.NaN)).toThrow(/finite/);
    expect(() => res.request(1, k, Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });

  it("hands a released server to the waiter before a same-instant newcomer", () => {
    const h = harness({ capacity: 1 });
    h.at(0, 0, 10);
    h.at(5, 1, 10);
    h.at(10, 2, 10); // arrives exactly when 0 releases: 1 was first
    h.sim.run();
    expect(h.grants).toEqual(["0:0", "10:1", "20:2"]);
  });

  it("rejects when the line is full (M/M/1/K loss)", () => {
    const sim = new Simulation();
    const k = sim.defineEvent("g", () => {});
    const res = new Resource(sim, { name: "r", capacity: 1, queueLengthMax: 1, whenFull: "reject" });
    expect(res.request(0, k)).toBe(RequestStatus.granted);
    expect(res.request(1, k)).toBe(RequestStatus.queued);
    expect(res.request(2, k)).toBe(RequestStatus.rejected);
    expect(res.rejected).toBe(1);
  });

  it("blocks when the line is full and admits the blocked entity when room frees", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const grant = sim.defineEvent("g", (e) => log.push(`grant ${e}`));
    const admit = sim.defineEvent("a", (e) => log.push(`admit ${e}`));
    const res = new Resource(sim, { name: "r", capacity: 1, queueLengthMax: 1, whenFull: "block", admitKind: admit });
    expect(res.request(0, grant)).toBe(RequestStatus.granted);
    expect(res.request(1, grant)).toBe(RequestStatus.queued);
    expect(res.request(2, grant)).toBe(RequestStatus.blocked);
    expect(res.blocked).toBe(1);
    res.release();
    sim.run();
    expect(log).toEqual(["grant 1", "admit 2"]);
    expect(res.queued).toBe(1);
    expect(res.blocked).toBe(0);
  });

  it("with no room in the line (queueLengthMax 0) admits a blocked entity as soon as a server frees", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const grant = sim.defineEvent("g", (e) => log.push(`grant ${e}`));
    const admit = sim.defineEvent("a", (e) => log.push(`admit ${e}`));
    const res = new Resource(sim, { name: "r", capacity: 1, queueLengthMax: 0, whenFull: "block", admitKind: admit });
    expect(res.request(0, grant)).toBe(RequestStatus.granted);
    expect(res.request(1, grant)).toBe(RequestStatus.blocked);
    expect(res.request(2, grant)).toBe(RequestStatus.blocked);
    res.release();
    sim.run();
    // Admitted first (it frees what it holds upstream), then handed the server, at the same instant.
    expect(log).toEqual(["admit 1", "grant 1"]);
    expect(res.busy).toBe(1);
    expect(res.blocked).toBe(1);
    expect(res.queueLength.max).toBe(0);
  });

  it("follows a daily capacity schedule; a removed server finishes its job first", () => {
    // Open 2 servers in [0, 100), 1 server in [100, 200) of a 200 ms cycle.
    const schedule = new CapacitySchedule({ startsMs: [0, 100], capacities: [2, 1], periodMs: 200 });
    const h = harness({ schedule });
    h.at(90, 0, 50); // holds until 140
    h.at(95, 1, 50); // holds until 145, on the server that is removed at 100
    h.at(120, 2, 10); // must wait: 2 busy > capacity 1 until 140, then 1 busy = capacity until 145
    h.sim.run({ untilMs: 400 });
    expect(h.grants).toEqual(["90:0", "95:1", "145:2"]);
    expect(h.res.capacity).toBe(2);
    // The removed server counts as present until its job ends at 145, so utilization stays ≤ 1.
    expect(h.res.utilization(h.sim.now)).toBeLessThanOrEqual(1);
    expect(h.res.capacityInForce.max).toBe(2);
  });

  it("applies an outage window on top of the profile", () => {
    const schedule = new CapacitySchedule({
      startsMs: [0],
      capacities: [2],
      periodMs: 1000,
      windows: [{ fromMs: 100, toMs: 300, delta: -1 }],
    });
    expect(schedule.capacityAt(50)).toBe(2);
    expect(schedule.capacityAt(100)).toBe(1);
    expect(schedule.capacityAt(299)).toBe(1);
    expect(schedule.capacityAt(300)).toBe(2);
    expect(schedule.nextChangeAfter(0)).toBe(100);
    expect(schedule.nextChangeAfter(100)).toBe(300);
    expect(schedule.nextChangeAfter(300)).toBe(Number.POSITIVE_INFINITY); // one piece: the profile never changes
    expect(() => new CapacitySchedule({ startsMs: [], capacities: [] })).toThrow(/at least one piece/);
    expect(() => new CapacitySchedule({ startsMs: [0, 10], capacities: [1, -1] })).toThrow(/capacities\[1\]/);
  });
});

describe("Store", () => {
  it("blocks putters when full and hands items to waiting getters in order", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const store = new Store(sim, {
      name: "yard",
      capacity: 2,
      onGet: (getter, item) => log.push(`${sim.now} get ${getter}<-${item}`),
      onPut: (putter, item) => log.push(`${sim.now} put ${putter}:${item}`),
    });
    expect(store.get(100)).toBe(-1); // a getter waits on the empty store
    expect(store.put(1, 11)).toBe(true); // handed straight to getter 100
    expect(store.put(2, 12)).toBe(true);
    expect(store.put(3, 13)).toBe(true);
    expect(store.put(4, 14)).toBe(false); // full: putter 4 blocks
    expect(store.size).toBe(2);
    const take = sim.defineEvent("take", (g) => log.push(`${sim.now} took ${store.get(g)}`));
    sim.schedule(5, take, 200);
    sim.run();
    expect(log).toEqual(["0 get 100<-11", "5 took 12", "5 put 4:14"]);
    expect(store.size).toBe(2);
    expect(store.waitingPutters).toBe(0);
  });
});
