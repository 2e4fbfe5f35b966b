/**
 * `gatesim worker`: serve the distributed executor. Takes replication batches from the BullMQ queue on
 * Redis and runs them on this machine's piscina pool (the same code path as a local run), until Ctrl-C
 * or SIGTERM; then it finishes its current batches (or, past the grace period, gives them back to the
 * queue for another worker) and exits.
 */
import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { DistributedError, redactUrl, startBatchWorker } from "../../runner/index.js";
import { parsePositiveInt } from "../common.js";
import type { CliContext } from "../context.js";
import { CliError, ExitCode } from "../errors.js";

const EXAMPLES = `
Examples:
  $ REDIS_URL=redis://10.0.0.5:6379 gatesim worker --concurrency 2
  $ gatesim worker --redis redis://:secret@10.0.0.5:6379 --threads 8

Run one worker per machine, each pointing at the same Redis; then start runs with
\`gatesim run ... --redis URL\` or \`REDIS_URL=URL gatesim serve\`. Keep Redis on a private network with
requirepass set. Ctrl-C or SIGTERM stops after the current batches (a second one gives them back at once).`;

/** A duration in milliseconds (at least 100). */
function parseMs(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 100) {
    throw new InvalidArgumentError(`expected milliseconds >= 100, got "${text}"`);
  }
  return n;
}

/** Registers `worker` on the program (add it to `COMMANDS` in program.ts). */
export function registerWorkerCommand(program: Command, ctx: () => CliContext): void {
  program
    .command("worker")
    .description("run replications for distributed runs: take batches from Redis and run them on this machine")
    .option("--redis <url>", "Redis URL (default: REDIS_URL)")
    .option("-c, --concurrency <n>", "batches held at once", parsePositiveInt, 2)
    .option("--threads <n>", "worker threads of this machine's pool (default: available cores)", parsePositiveInt)
    .option(
      "--lock-duration <ms>",
      "a dead worker's batch is retried this long after its last lock renewal (default 4000)",
      parseMs,
    )
    .option("--stalled-interval <ms>", "interval of the check for batches of dead workers (default 4000)", parseMs)
    .option("--prefix <name>", "key prefix of the queue; callers must use the same", "gatesim")
    .option("--grace <ms>", "on stop, time given to running batches before they are handed back", parseMs, 30_000)
    .addHelpText("after", EXAMPLES)
    .action(
      async (opts: {
        redis?: string;
        concurrency: number;
        threads?: number;
        lockDuration?: number;
        stalledInterval?: number;
        grace: number;
        prefix: string;
      }) => {
        const c = ctx();
        const url = (opts.redis ?? process.env.REDIS_URL ?? "").trim();
        if (url === "") throw new CliError("no Redis: pass --redis redis://host:6379 or set REDIS_URL");
        if (!/^rediss?:\/\//.test(url)) throw new CliError(`a Redis URL looks like redis://host:6379, got "${url}"`);
        let handle: Awaited<ReturnType<typeof startBatchWorker>>;
        try {
          handle = await startBatchWorker({
            redisUrl: url,
            concurrency: opts.concurrency,
            prefix: opts.prefix,
            ...(opts.threads === undefined ? {} : { threads: opts.threads }),
            ...(opts.lockDuration === undefined ? {} : { lockDurationMs: opts.lockDuration }),
            ...(opts.stalledInterval === undefined ? {} : { stalledIntervalMs: opts.stalledInterval }),
            log: (level, event, fields) => c.logger[level](fields, event),
          });
        } catch (e) {
          if (e instanceof DistributedError) throw new CliError(e.message, ExitCode.FAILURE);
          throw e;
        }
        c.writeErr(
          `gatesim worker ${handle.name} ready on ${redactUrl(url)} (concurrency ${opts.concurrency}); Ctrl-C to stop\n`,
        );
        await new Promise<void>((resolve) => {
          let stopping = false;
          const stop = (why: string) => {
            if (stopping) {
              // Second request: hand running batches back now.
              void handle.close(0);
              return;
            }
            stopping = true;
            c.writeErr(`${why}: finishing current batches (again to hand them back at once)\n`);
            handle.close(opts.grace).then(resolve, (e: unknown) => {
              c.writeErr(`error while stopping: ${e instanceof Error ? e.message : String(e)}\n`);
              resolve();
            });
          };
          const onTerm = () => stop("SIGTERM");
          if (c.signal.aborted) stop("interrupted");
          c.signal.addEventListener("abort", () => stop("interrupted"), { once: true });
          process.on("SIGTERM", onTerm);
        });
        c.writeErr(
          `gatesim worker ${handle.name} stopped: ${handle.stats.jobs} batches, ${handle.stats.replications} replications\n`,
        );
      },
    );
}
