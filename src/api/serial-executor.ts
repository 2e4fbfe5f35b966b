/**
 * One experiment at a time on the server's shared pool. The piscina executor bounds the batches it
 * has in flight per `run()` call, not across calls, so two runs dispatched at once onto one pool
 * overflow its task queue and the second fails with "Task queue is at limit" (reported as a worker
 * crash). Until the runner shares that bound across calls, the server hands the pool to one run's
 * replications at a time: runs still queue and run in order, the pool stays full, and no run fails
 * for being second. Cancellation of a waiting run is honoured before it starts.
 */
import type { ExecutorRunOptions, ExecutorRunOutcome, ReplicationExecutor, ReplicationTask } from "../runner/index.js";

/** Wraps an executor so that its `run()` calls execute one after another. */
export class SerialExecutor implements ReplicationExecutor {
  readonly name: string;
  readonly concurrency: number;
  private tail: Promise<unknown> = Promise.resolve();

  /** Wraps `inner`; closing this closes it. */
  constructor(private readonly inner: ReplicationExecutor) {
    this.name = inner.name;
    this.concurrency = inner.concurrency;
  }

  /** Runs the tasks once every earlier call has finished. */
  run(tasks: readonly ReplicationTask[], options: ExecutorRunOptions = {}): Promise<ExecutorRunOutcome> {
    const turn = this.tail.then(() => {
      if (options.signal?.aborted) {
        return { results: tasks.map(() => undefined), failures: [], cancelled: true, completed: 0 };
      }
      return this.inner.run(tasks, options);
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Closes the wrapped executor. */
  close(): Promise<void> {
    return this.inner.close();
  }
}
