/**
 * Synchronous hand-overs (`ResourceOptions.handOvers`): a freed server goes to the first waiter inside the
 * releasing event (no zero-delay event), through the target's one method; cascades along a blocking chain
 * run iteratively; capacity changes and `cancelWait` hand over the same way; without the option the
 * resource keeps scheduling the hand-over as an event.
 */
import { describe, expect, it } from "vitest";
import {
  CapacitySchedule,
  HandOvers,
  type HandOverTarget,
  RequestStatus,
  Resource,
  Simulation,
} from "../../src/kernel/index.js";

/** Kinds of hand-over the tests tag requests with (not event kinds). */
const GRANT = 0;
const ADMIT = 1;

/**
 * A target that logs each hand-over with the clock and the number of the event being processed (events
 * made with `event` count themselves; 0 outside any), and may act on it.
 */
class Recorder implements HandOverTarget {
  readonly log: string[] = [];
  /** Events started so far. */
  events = 0;
  onGrant: (e: number) => void = () => {};
  onAdmit: (e: number) => void = () => {};
  constructor(private readonly sim: Simulation) {}
  /** Defines an event kind that counts itself before running `handler`. */
  event(name: string, handler: (arg: number) => void): number {
    return this.sim.defineEvent(name, (arg) => {
      this.events++;
      handler(arg);
    });
  }
  handOver(entity: number, kind: number): void {
    this.log.push(`${kind === GRANT ? "grant" : "admit"} ${entity} at ${this.sim.now} in event ${this.events}`);
    if (kind === GRANT) this.onGrant(entity);
    else this.onAdmit(entity);
  }
}

describe("Resource with synchronous hand-overs", () => {
  it("hands a released server to the first waiter inside the releasing event, scheduling no event", () => {
    const sim = new Simulation();
    const target = new Recorder(sim);
    const handOvers = new HandOvers(target);
    const res = new Resource(sim, { name: "r", capacity: 1, handOvers });
    // Event kinds that must stay unused: a scheduled hand-over of the default would run one of them.
    const asEvent: string[] = [];
    sim.defineEvent("grant-as-event", (e) => asEvent.push(`grant ${e}`));
    const done = target.event("done", () => res.release());
    target.onGrant = () => sim.schedule(10, done, 0);
    expect(res.request(0, GRANT)).toBe(RequestStatus.granted);
    sim.schedule(10, done, 0);
    expect(res.request(1, GRANT)).toBe(RequestStatus.queued);
    expect(res.request(2, GRANT)).toBe(RequestStatus.queued);
    sim.run();
    // Each grant runs during the release that freed the server (events 1 and 2), at its instant.
    expect(target.log).toEqual(["grant 1 at 10 in event 1", "grant 2 at 20 in event 2"]);
    expect(asEvent).toEqual([]);
    // Only the three releases were events; the two hand-overs were not.
    expect(sim.steps).toBe(3);
    expect(target.events).toBe(3);
    expect(handOvers.count).toBe(2);
    expect(res.waitMs.mean).toBeCloseTo(10, 12); // waits 0, 10, 20
  });

  it("keeps the scheduled hand-over without the option (the default)", () => {
    const sim = new Simulation();
    const target = new Recorder(sim);
    const grant = target.event("grant", (e) => target.handOver(e, GRANT));
    const res = new Resource(sim, { name: "r", capacity: 1 });
    const release = target.event("release", () => res.release());
    res.request(0, grant);
    res.request(1, grant);
    sim.schedule(10, release, 0);
    sim.run();
    // The grant is an event of its own (event 2) after the release (event 1), at the same instant.
    expect(target.log).toEqual(["grant 1 at 10 in event 2"]);
    expect(sim.steps).toBe(2);
  });

  it("runs a long blocking chain's cascade in the releasing event without deepening the stack", () => {
    // N stations in series, one server each and no room between them (queueLengthMax 0, block): entity i
    // holds station i and is blocked at station i + 1. When the last one leaves, every entity moves up one
    // station, each admission releasing the station behind it: N - 1 admissions and N - 1 grants in one event.
    // A hand-over that called its handler recursively would nest some 20,000 calls and overflow the stack.
    const N = 20_000;
    const sim = new Simulation();
    const target = new Recorder(sim);
    const handOvers = new HandOvers(target);
    const stations = Array.from(
      { length: N },
      (_, i) =>
        new Resource(sim, {
          name: `s${i}`,
          capacity: 1,
          queueLengthMax: 0,
          whenFull: "block",
          admitKind: ADMIT,
          handOvers,
        }),
    );
    const at = new Int32Array(N).fill(-1);
    let maxDepth = 0;
    let depth = 0;
    target.onAdmit = (e) => {
      // Admitted into station at[e] + 1: the entity gives back the one it holds.
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      stations[at[e] as number]!.release();
      depth--;
    };
    target.onGrant = (e) => {
      at[e] = (at[e] as number) + 1;
    };
    target.log.length = 0;
    const statuses = new Set<number>();
    for (let i = 0; i < N; i++) {
      statuses.add(stations[i]!.request(i, GRANT));
      at[i] = i;
      if (i > 0) statuses.add(stations[i]!.request(i - 1, GRANT) + 10);
    }
    expect([...statuses]).toEqual([RequestStatus.granted, RequestStatus.blocked + 10]);
    const leave = target.event("leave", () => stations[N - 1]!.release());
    sim.schedule(10, leave, N - 1);
    sim.run();
    expect(sim.steps).toBe(1);
    expect(handOvers.count).toBe(2 * (N - 1));
    expect(maxDepth).toBe(1);
    expect(handOvers.pending).toBe(0);
    // Each entity moved up one station; every station but the first is busy again.
    expect(Array.from(at.subarray(0, N - 1)).every((s, i) => s === i + 1)).toBe(true);
    expect(
      stations
        .map((r) => r.busy)
        .join("")
        .replace(/1/g, ""),
    ).toBe("0");
    expect(target.log.slice(0, 4)).toEqual([
      `admit ${N - 2} at 10 in event 1`,
      `grant ${N - 2} at 10 in event 1`,
      `admit ${N - 3} at 10 in event 1`,
      `grant ${N - 3} at 10 in event 1`,
    ]);
  });

  it("hands servers over at once when capacity rises, by schedule or by setCapacity", () => {
    const sim = new Simulation();
    const target = new Recorder(sim);
    const handOvers = new HandOvers(target);
    const schedule = new CapacitySchedule({ startsMs: [0, 100], capacities: [0, 2], periodMs: 1000 });
    const res = new Resource(sim, { name: "r", schedule, handOvers });
    for (let e = 0; e < 4; e++) expect(res.request(e, GRANT)).toBe(RequestStatus.queued);
    sim.run({ untilMs: 150 });
    // The capacity change at 100 is the one event (the resource's own); both grants run inside it.
    expect(target.log).toEqual(["grant 0 at 100 in event 0", "grant 1 at 100 in event 0"]);
    expect(sim.steps).toBe(1);
    res.setCapacity(3);
    expect(target.log[2]).toBe("grant 2 at 150 in event 0");
    expect(res.busy).toBe(3);
    expect(res.queued).toBe(1);
  });

  it("keeps first-in-first-out order when many hand-overs are pending at once (the list grows)", () => {
    const sim = new Simulation();
    const target = new Recorder(sim);
    const handOvers = new HandOvers(target);
    const res = new Resource(sim, { name: "r", capacity: 0, handOvers });
    const n = 1000;
    for (let e = 0; e < n; e++) res.request(e, GRANT);
    // The ring starts with room for 16 and wraps before it grows.
    res.setCapacity(5);
    res.setCapacity(n);
    expect(target.log.map((l) => Number(l.split(" ")[1]))).toEqual(Array.from({ length: n }, (_, e) => e));
    expect(handOvers.count).toBe(n);
    expect(handOvers.pending).toBe(0);
  });

  it("admits a blocked entity at once when a waiter reneges (cancelWait)", () => {
    const sim = new Simulation();
    const target = new Recorder(sim);
    const handOvers = new HandOvers(target);
    const res = new Resource(sim, {
      name: "r",
      capacity: 1,
      queueLengthMax: 1,
      whenFull: "block",
      admitKind: ADMIT,
      handOvers,
    });
    expect(res.request(0, GRANT)).toBe(RequestStatus.granted);
    expect(res.request(1, GRANT)).toBe(RequestStatus.queued);
    expect(res.request(2, GRANT)).toBe(RequestStatus.blocked);
    expect(res.cancelWait(1)).toBe(true);
    expect(target.log).toEqual(["admit 2 at 0 in event 0"]);
    expect(res.queued).toBe(1);
    expect(res.blocked).toBe(0);
    res.release();
    expect(target.log[1]).toBe("grant 2 at 0 in event 0");
  });

  it("resets after a handler throws, so the simulation's error is the one reported", () => {
    const sim = new Simulation();
    const target = new Recorder(sim);
    const handOvers = new HandOvers(target);
    const res = new Resource(sim, { name: "r", capacity: 1, handOvers });
    target.onGrant = (e) => {
      if (e === 1) throw new Error("model failed");
    };
    res.request(0, GRANT);
    res.request(1, GRANT);
    res.request(2, GRANT);
    expect(() => res.release()).toThrow("model failed");
    // Not stuck in the running state: the next release runs its hand-over.
    res.release();
    expect(target.log.at(-1)).toBe("grant 2 at 0 in event 0");
  });
});
