/**
 * A real server process for the tests that kill it, crash it or measure its memory: `serve-entry.ts` on a
 * data directory, 127.0.0.1 and a free port, plus small HTTP helpers that read JSON answers loosely.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** A started server process. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote on stderr so far (its JSON logs when a log level is set). */
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills it (SIGKILL) if it still runs and waits for its exit. */
  kill(): Promise<void>;
}

/** Starts the server entry on `dataDir` (one pool thread unless `env` says otherwise) and waits for its URL. */
export function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const entry = new URL("./fixtures/serve-entry.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    // REDIS_URL (exported by CI for the distributed tests) would send runs to workers that do not exist here.
    env: {
      ...process.env,
      REDIS_URL: "",
      GATESIM_DATA_DIR: dataDir,
      GATESIM_THREADS: "1",
      GATESIM_LOG_LEVEL: "silent",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`server did not start: ${err}`));
    }, 30_000);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, stderr: () => err, exited, kill });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening: ${err}`));
    });
  });
}

/** A JSON answer, read loosely (the tests assert on its shape). */
// biome-ignore lint/suspicious/noExplicitAny: test code reading arbitrary JSON answers
export type Json = Record<string, any>;

/** GETs (or sends `init`) and parses the JSON answer. */
export async function json(url: string, init?: RequestInit): Promise<Json> {
  const res = await fetch(url, init);
  return (await res.json()) as Json;
}

/** POSTs a JSON body; resolves with the status and the parsed answer. */
export async function post(url: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Polls a JSON resource until `predicate` holds. */
export async function waitFor(url: string, predicate: (r: Json) => boolean, timeoutMs = 60_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await json(url);
    if (predicate(r)) return r;
    if (Date.now() > deadline) throw new Error(`timeout waiting on ${url}: ${JSON.stringify(r).slice(0, 300)}`);
    await new Promise((res) => setTimeout(res, 25));
  }
}

/** True for a run status after which nothing changes. */
export function isFinal(status: unknown): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled" || status === "interrupted";
}

/** Resident and peak resident memory of a process in MiB (Linux /proc). */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
}
