/**
 * Progress of a run of replications: counts, events per second and a naive ETA (elapsed per
 * replication times what is left), reported after every finished replication.
 */

/** One progress report. */
export interface Progress {
  /** Replications finished (results and failures). */
  done: number;
  /** Replications planned so far (grows in sequential mode). */
  total: number;
  /** Simulation events per wall-clock second over the run so far. */
  eventsPerSecond: number;
  /** Wall-clock time since the run started. */
  elapsedMs: number;
  /** Estimated wall-clock time left (NaN before the first replication finishes). */
  etaMs: number;
  /** What the run waits for (e.g. "waiting for a worker: ..."), or null while it progresses. */
  waitingFor: string | null;
}

/** Receives progress reports; must be cheap (it runs on the dispatching thread). */
export type ProgressListener = (progress: Progress) => void;

/** Tracks a run's progress and reports it. */
export class ProgressTracker {
  private readonly startedAt = performance.now();
  private events = 0;
  private waitingFor: string | null = null;
  done = 0;

  constructor(
    public total: number,
    private readonly listener: ProgressListener | undefined,
  ) {}

  /** Counts one finished replication and its events, then reports. */
  tick(events: number): void {
    this.done++;
    this.events += events;
    this.report();
  }

  /** The run starts (reason) or stops (null) waiting for something outside it; reported at once. */
  waiting(reason: string | null): void {
    if (reason === this.waitingFor) return;
    this.waitingFor = reason;
    this.report();
  }

  /** Wall-clock time since the start. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Reports the current state to the listener. */
  report(): void {
    if (this.listener === undefined) return;
    const elapsedMs = this.elapsedMs();
    const eventsPerSecond = elapsedMs > 0 ? (this.events * 1000) / elapsedMs : 0;
    const etaMs = this.done === 0 ? Number.NaN : (elapsedMs / this.done) * Math.max(0, this.total - this.done);
    this.listener({
      done: this.done,
      total: this.total,
      eventsPerSecond,
      elapsedMs,
      etaMs,
      waitingFor: this.waitingFor,
    });
  }
}
