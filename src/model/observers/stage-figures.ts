/**
 * What the kernel's resources do not know about a stage: how many of its servers are blocked (held by a
 * truck that finished there and cannot move on, because the next line or yard is full), the distribution
 * of waits in its line (for quantiles), and the trucks it lost. A server is counted blocked only when a
 * finished truck is still holding it after its move attempt, so the common path (a truck that moves on at
 * once) costs nothing here. With the resource's busy servers this splits a server stage's time into busy
 * (serving), blocked and idle shares of the capacity in force.
 */
import { Histogram } from "../../kernel/index.js";
import type { ModelConfig } from "../config.js";
import { type Clock, Levels } from "./levels.js";

/** Blocked servers, waits and losses of every stage. */
export class StageFigures {
  /** Servers of each stage blocked now. */
  readonly blocked: Int32Array;
  /** Time-weighted blocked servers of each stage (always 0 but at server stages). */
  readonly blockedTw: Levels;
  /** Waits in the line of each server or holding stage, ms (null for other stages). */
  readonly wait: (Histogram | null)[];
  /** Trucks that left the network at each stage without crossing (turned away by a full line, a lost sink). */
  readonly lost: Float64Array;
  /** Trucks that left the model at each stage by balking, reneging or dwell expulsion (see `Outcomes`). */
  readonly leftEarly: Float64Array;

  constructor(cfg: ModelConfig, clock: Clock) {
    const n = cfg.stages.length;
    this.blocked = new Int32Array(n);
    this.blockedTw = new Levels(clock, n);
    this.wait = cfg.stages.map((st) => (st.type === "server" || st.type === "holding" ? new Histogram() : null));
    this.lost = new Float64Array(n);
    this.leftEarly = new Float64Array(n);
  }

  /** A truck that finished at server stage s still holds its server: one more blocked server (now). */
  blockedAdd(s: number): void {
    const b = (this.blocked[s] as number) + 1;
    this.blocked[s] = b;
    this.blockedTw.set(s, b);
  }

  /** A blocked truck gave its server at stage s back (now). */
  blockedRemove(s: number): void {
    const b = (this.blocked[s] as number) - 1;
    this.blocked[s] = b;
    this.blockedTw.set(s, b);
  }

  /** A truck started at stage s after waiting `waitMs` in its line (0 when served at once). */
  waited(s: number, waitMs: number): void {
    this.wait[s]!.add(waitMs);
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    this.blockedTw.reset(now);
    for (const h of this.wait) h?.reset();
    this.lost.fill(0);
    this.leftEarly.fill(0);
  }
}
