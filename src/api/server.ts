/**
 * The only file that listens: builds the app from the server settings, refuses an unsafe bind,
 * listens, and stops gracefully on SIGINT/SIGTERM (running runs go back to `queued` with their finished
 * replications stored, and resume on the next start).
 */
import { resolve } from "node:path";
import { type BuildAppOptions, buildApp, type GatesimApp } from "./app.js";
import { isLoopbackHost, type ServerSettings } from "./config.js";

/** A started server. */
export interface RunningServer {
  app: GatesimApp;
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Stops gracefully (idempotent). */
  close(): Promise<void>;
}

/** Options of `startServer` beyond the settings. */
export interface StartServerOptions {
  /** Install SIGINT/SIGTERM handlers that close the server and exit (default true). */
  handleSignals?: boolean;
  /** Extra app options (logger, rate limit...). */
  app?: Omit<
    BuildAppOptions,
    "dataDir" | "apiKeys" | "allowedHosts" | "limits" | "threads" | "redisUrl" | "sqliteSynchronous"
  >;
  /** Where human messages go (default stderr). */
  writeErr?: (text: string) => void;
}

/** The refusal message for a non-loopback bind without keys; exported for the CLI and tests. */
export function unsafeBindMessage(host: string): string {
  return `refusing to listen on ${host} without API keys: anyone on the network could launch runs. Set GATESIM_API_KEYS (comma-separated keys), or bind 127.0.0.1 (the default).`;
}

/** Builds the app and listens; rejects before binding when the settings are unsafe. */
export async function startServer(settings: ServerSettings, options: StartServerOptions = {}): Promise<RunningServer> {
  if (!isLoopbackHost(settings.host) && settings.apiKeys.length === 0)
    throw new Error(unsafeBindMessage(settings.host));
  const app = await buildApp({
    // JSON logs on stderr, like every gatesim command: stdout stays free for data.
    logger: { level: process.env.GATESIM_LOG_LEVEL ?? "info", stream: process.stderr },
    ...options.app,
    dataDir: resolve(settings.dataDir),
    sqliteSynchronous: settings.sqliteSynchronous,
    apiKeys: settings.apiKeys,
    allowedHosts: settings.allowedHosts,
    limits: settings.limits,
    ...(settings.threads === undefined ? {} : { threads: settings.threads }),
    // REDIS_URL set: replications go to `gatesim worker` processes through BullMQ (createExecutor).
    ...(settings.redisUrl === undefined ? {} : { redisUrl: settings.redisUrl }),
  });
  // Each socket costs memory (an SSE stream holds one for the whole run): bound how many are served.
  app.server.maxConnections = settings.maxConnections;
  try {
    await app.listen({ host: settings.host, port: settings.port });
  } catch (e) {
    await app.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : settings.port;
  const shownHost = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  const url = `http://${shownHost}:${port}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close();
    return closing;
  };
  if (options.handleSignals !== false) {
    const writeErr = options.writeErr ?? ((t: string) => process.stderr.write(t));
    const onSignal = (signal: NodeJS.Signals) => {
      writeErr(`${signal}: stopping; running runs keep their finished replications and resume on the next start\n`);
      // A second signal while closing means "now".
      process.once(signal, () => process.exit(130));
      close().then(
        () => process.exit(0),
        (e: unknown) => {
          writeErr(`error while stopping: ${e instanceof Error ? e.message : String(e)}\n`);
          process.exit(1);
        },
      );
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return { app, url, port, close };
}
