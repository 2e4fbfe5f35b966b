/** `gatesim serve`: the HTTP API and the planner dashboard on the embedded defaults (piscina pool, SQLite). */
import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import type { CliContext } from "../context.js";
import { CliError } from "../errors.js";

const EXAMPLES = `
Examples:
  $ gatesim serve
  $ gatesim serve --port 9000 --data-dir /var/lib/gatesim
  $ GATESIM_API_KEYS=k1,k2 gatesim serve --host 0.0.0.0

Environment: HOST (127.0.0.1), PORT (8080), GATESIM_DATA_DIR (./data), GATESIM_API_KEYS (comma-separated;
required to bind a non-loopback address; protects every write endpoint), GATESIM_THREADS,
GATESIM_MAX_REPLICATIONS, GATESIM_MAX_HORIZON_DAYS, GATESIM_MAX_CONCURRENT_RUNS, GATESIM_MAX_QUEUED_RUNS,
GATESIM_MAX_RUN_CRASHES (2), GATESIM_MAX_CONNECTIONS (1024), GATESIM_ALLOWED_HOSTS (host names a keyless
server answers besides loopback ones), GATESIM_SQLITE_SYNCHRONOUS (NORMAL; FULL survives a power loss),
GATESIM_LOG_LEVEL (info), GATESIM_EXIT_WITH_PARENT (1: stop when the parent process exits; on by default
under npm start), REDIS_URL (distributed mode: replications run on \`gatesim worker\` processes
through BullMQ; keep Redis on a private network with requirepass), MALLOC_ARENA_MAX=2 and
MALLOC_MMAP_THRESHOLD_=131072 (glibc: give the memory of big runs back; npm start sets them). Flags win
over the environment. Ctrl-C stops gracefully: running runs keep their finished replications and resume
on the next start.`;

/**
 * Stops the server when the process that started it goes away, if it was started by npm (`npm start`) or
 * GATESIM_EXIT_WITH_PARENT=1 asks for it. Killing npm does not kill its script's process (npm's shell
 * dies and the server is left running, adopted by init); a changed parent pid tells. Off for a server
 * started any other way (`nohup gatesim serve &` must survive its shell) and with GATESIM_EXIT_WITH_PARENT=0.
 * Returns the function that stops watching.
 */
function exitWithParent(stop: () => void): () => void {
  const wanted = process.env.GATESIM_EXIT_WITH_PARENT;
  if (wanted === "0" || (wanted !== "1" && process.env.npm_lifecycle_event === undefined)) return () => {};
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * A line for the start banner when glibc's allocator runs on its defaults: it keeps what pool threads free
 * in per-thread arenas (100-620 MiB above idle after the heaviest runs, measured), where the settings
 * `npm start` uses give it back within seconds (README "Memory ceiling"). Empty elsewhere (no glibc) or
 * when either is set.
 */
function allocatorHint(): string {
  if (process.env.MALLOC_ARENA_MAX !== undefined || process.env.MALLOC_MMAP_THRESHOLD_ !== undefined) return "";
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  if (report?.header?.glibcVersionRuntime === undefined) return "";
  return "  memory:    glibc keeps what big runs free; MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 in the environment gives it back (npm start sets them)\n";
}

/** A TCP port (0 = any free port). */
function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > 65_535) {
    throw new InvalidArgumentError(`expected a port number 0-65535, got "${text}"`);
  }
  return n;
}

/** Registers `serve` on the program (add it to `COMMANDS` in program.ts). */
export function registerServeCommand(program: Command, ctx: () => CliContext): void {
  program
    .command("serve")
    .description("start the HTTP API and the dashboard (runs are kept in a SQLite file under the data directory)")
    .option("--host <host>", "address to bind (default: HOST or 127.0.0.1)")
    .option("--port <port>", "port (default: PORT or 8080; 0 = any free port)", parsePort)
    .option("--data-dir <dir>", "data directory (default: GATESIM_DATA_DIR or ./data)")
    .addHelpText("after", EXAMPLES)
    .action(async (opts: { host?: string; port?: number; dataDir?: string }) => {
      const c = ctx();
      // Loaded here, not at the top: fastify, its plugins and SQLite cost every other command ~0.2 s of start-up.
      const { isLoopbackHost, settingsFromEnv, startServer, unsafeBindMessage } = await import("../../api/index.js");
      let settings: ReturnType<typeof settingsFromEnv>;
      try {
        settings = settingsFromEnv(process.env);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      if (opts.host !== undefined) settings.host = opts.host;
      if (opts.port !== undefined) settings.port = opts.port;
      if (opts.dataDir !== undefined) settings.dataDir = opts.dataDir;
      if (!isLoopbackHost(settings.host) && settings.apiKeys.length === 0)
        throw new CliError(unsafeBindMessage(settings.host));
      // Ctrl-C reaches us through the CLI's abort signal (main.ts owns SIGINT); SIGTERM is ours.
      const server = await startServer(settings, { handleSignals: false, writeErr: c.writeErr });
      // Where replications run, checked now: with REDIS_URL, whether Redis answers and workers are there.
      // Longer than /health's 1 s: the first connection to Redis may be slow on a busy machine.
      const where = await server.app.gatesim.executor.health?.(5000);
      const replications =
        where === undefined
          ? ""
          : `  runs on:   ${where.detail}${where.ok ? "" : " (runs wait or fail until this is fixed)"}\n`;
      c.writeErr(
        `gatesim serving on ${server.url}\n  dashboard: ${server.url}/\n  API docs:  ${server.url}/docs\n  data:      ${settings.dataDir}\n${replications}${allocatorHint()}${settings.apiKeys.length > 0 ? "  API keys required for write endpoints\n" : ""}`,
      );
      await new Promise<void>((resolve) => {
        const stop = (why: string) => {
          c.writeErr(`${why}: stopping; running runs keep their finished replications and resume on the next start\n`);
          server.close().then(resolve, (e: unknown) => {
            c.writeErr(`error while stopping: ${e instanceof Error ? e.message : String(e)}\n`);
            resolve();
          });
        };
        if (c.signal.aborted) stop("interrupted");
        c.signal.addEventListener("abort", () => stop("interrupted"), { once: true });
        process.once("SIGTERM", () => stop("SIGTERM"));
        const unwatch = exitWithParent(() => stop("the process that started gatesim (npm) exited"));
        void server.app.server.once("close", unwatch);
      });
    });
}
