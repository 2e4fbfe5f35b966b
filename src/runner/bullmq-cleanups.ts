/**
 * Cleanups of finished distributed runs that Redis did not answer: kept, retried on a timer until they
 * succeed or are given up (the run's heartbeat expires and its jobs age out meanwhile), and tried once
 * more, bounded, when the executor closes. Apart from the BullMQ executor (bullmq-executor.ts), which
 * asks for a cleanup at the end of every run.
 */
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { cleanRun } from "./distributed/distributed-run.js";
import type { BatchJobData, BatchReturn } from "./distributed/protocol.js";

/** Interval of the retries of a cleanup that Redis did not answer (the heartbeat expires meanwhile). */
const CLEANUP_RETRY_MS = 5000;
/** How long a cleanup is retried before it is left to the heartbeat's expiry and the jobs' ageing. */
const CLEANUP_GIVE_UP_MS = 10 * 60_000;

/** The executor's queue and control client, as a cleanup needs them. */
interface CleanupConnection {
  queue: Queue<BatchJobData, BatchReturn>;
  control: Redis;
}

/** Cleanups Redis did not answer, retried until they succeed (or are given up after 10 min). */
export class PendingCleanups {
  private readonly pending = new Map<string, { jobIds: string[]; since: number }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly prefix: string;
  private readonly connection: () => Promise<CleanupConnection> | undefined;

  /** `connection` gives the executor's current connection, or undefined when it has none. */
  constructor(prefix: string, connection: () => Promise<CleanupConnection> | undefined) {
    this.prefix = prefix;
    this.connection = connection;
  }

  /** Cleans a finished run's keys and jobs; when Redis does not answer, retries later (bounded). */
  clean(runId: string, jobIds: string[]): void {
    const c = this.connection();
    if (c === undefined) return;
    void c
      .then(({ queue, control }) => cleanRun(queue, control, this.prefix, runId, jobIds))
      .catch(() => {
        this.pending.set(runId, { jobIds, since: Date.now() });
        this.timer ??= setInterval(() => this.retry(), CLEANUP_RETRY_MS);
        this.timer.unref();
      });
  }

  /** Retries the cleanups Redis did not answer. */
  private retry(): void {
    const c = this.connection();
    for (const [runId, { jobIds, since }] of this.pending) {
      if (c === undefined || Date.now() - since > CLEANUP_GIVE_UP_MS) {
        this.pending.delete(runId);
        continue;
      }
      void c
        .then(({ queue, control }) => cleanRun(queue, control, this.prefix, runId, jobIds))
        .then(() => this.pending.delete(runId))
        .catch(() => {});
    }
    if (this.pending.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Stops the retries (the executor is closing). */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  /** Gives every cleanup still owed one last try on this connection, then forgets them. */
  async flush(queue: CleanupConnection["queue"], control: Redis): Promise<void> {
    await Promise.allSettled(
      [...this.pending].map(([runId, { jobIds }]) => cleanRun(queue, control, this.prefix, runId, jobIds)),
    );
    this.pending.clear();
  }
}
