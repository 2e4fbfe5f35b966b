/**
 * The observers the network reports to as trucks move: where they stand (zones), what the stages do
 * (blocked servers, waits, losses) and how journeys end (by class, by arrival day, still waiting). One
 * bundle, so the network takes one argument for all of them; the event log is separate because it is
 * optional (null when off).
 */
import type { ModelConfig } from "../config.js";
import { Journeys } from "./journeys.js";
import type { Clock } from "./levels.js";
import { StageFigures } from "./stage-figures.js";
import { Zones } from "./zones.js";

/** The always-on observers of one replication. */
export class Observers {
  readonly zones: Zones;
  readonly figures: StageFigures;
  readonly journeys: Journeys;

  constructor(cfg: ModelConfig, horizonDays: number, clock: Clock) {
    this.zones = new Zones(cfg.zones, clock);
    this.figures = new StageFigures(cfg, clock);
    this.journeys = new Journeys(cfg, horizonDays, clock);
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    this.zones.reset(now);
    this.figures.reset(now);
    this.journeys.reset(now);
  }
}
