/**
 * The package as a user gets it: `npm pack` makes a tarball, npm installs it into an empty folder, and
 * the installed `gatesim` runs a shipped scenario and serves the API and the dashboard from there, on
 * compiled JavaScript only (no TypeScript in the package, no tsx installed). The dist/ it packs was
 * built by the global setup (build-dist.ts), so the pack skips the `prepare` build.
 *
 * Dependencies come from npm's cache when it has them (`npm ci` in this checkout filled it). The native
 * SQLite binding is copied from this checkout's build: a clean install compiles it from source in about
 * two minutes, which `npm ci` of the checkout has already proved; everything else is installed for real.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const NPM = "npm";
/** Environment of every child: no Redis (local mode), quiet npm. */
const ENV = { ...process.env, REDIS_URL: "", npm_config_fund: "false", npm_config_audit: "false" };

let work = "";
let app = "";
let tarball = "";
/** Paths inside the tarball. */
let packedFiles: string[] = [];

/** The installed command. */
function gatesimBin(): string {
  return join(app, "node_modules", ".bin", "gatesim");
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "gatesim-package-"));
  const packed = await run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], {
    cwd: ROOT,
    env: ENV,
    maxBuffer: 16 << 20,
  });
  const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info[0]!.filename);
  packedFiles = info[0]!.files.map((f) => f.path);
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), `${JSON.stringify({ name: "empty-project", private: true })}\n`);
  await run(NPM, ["install", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", tarball], {
    cwd: app,
    env: ENV,
    maxBuffer: 16 << 20,
  });
  const binding = join("better-sqlite3", "build", "Release", "better_sqlite3.node");
  mkdirSync(join(app, "node_modules", "better-sqlite3", "build", "Release"), { recursive: true });
  copyFileSync(join(ROOT, "node_modules", binding), join(app, "node_modules", binding));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the npm package, installed into an empty folder", () => {
  it("ships compiled JavaScript, scenarios and the dashboard, and no sources, tests or tsx", () => {
    const files = packedFiles;
    expect(files).toContain("bin/gatesim.js");
    expect(files).toContain("dist/cli/main.js");
    expect(files).toContain("dist/runner/worker.js");
    expect(files).toContain("dist/shipped-scenarios.json");
    expect(files).toContain("scenarios/textbook/mm1.yaml");
    expect(files).toContain("web/index.html");
    // TypeScript ships only where a researcher needs it: the policy types (`gatesim/policy`, for the
    // editor) and the example policy to copy (docs/policies.md); everything that runs is compiled.
    expect(files.filter((f) => f.endsWith(".ts") || f.startsWith("src/") || f.startsWith("tests/"))).toEqual([
      "policies/examples/perishables-ageing.ts",
      "src/model/policies/types.ts",
    ]);
    expect(existsSync(join(app, "node_modules", "tsx"))).toBe(false);
  });

  it("runs `gatesim run textbook/mm1` there", async () => {
    const out = await run(gatesimBin(), ["run", "textbook/mm1", "-r", "2", "--days", "20", "-f", "json"], {
      cwd: app,
      env: ENV,
      maxBuffer: 64 << 20,
    });
    const report = JSON.parse(out.stdout) as { kpis: Record<string, { mean: number }>; replications: unknown };
    expect(Object.keys(report.kpis).length).toBeGreaterThan(3);
    expect(out.stderr).not.toMatch(/error/i);
  }, 60_000);

  it("serves the API and the dashboard with its chart libraries (`gatesim serve`)", async () => {
    const child = spawn(gatesimBin(), ["serve", "--port", "0", "--data-dir", join(work, "data")], {
      cwd: app,
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const url = await listeningUrl(child);
      const health = (await (await fetch(`${url}/health`)).json()) as { status: string };
      expect(health.status).toBe("ok");
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<html");
      for (const bundle of [
        "/vendor/plot/plot.umd.min.js",
        "/vendor/d3/d3.min.js",
        "/vendor/uplot/uPlot.iife.min.js",
      ]) {
        expect((await fetch(`${url}${bundle}`)).status, bundle).toBe(200);
      }
      const scenarios = (await (await fetch(`${url}/scenarios`)).json()) as unknown[];
      expect(JSON.stringify(scenarios)).toContain("baseline-2026q1");
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("close", resolve));
    }
  }, 90_000);

  it("runs pool threads on the compiled model as ES modules, with class fields compiled by assignment", async () => {
    // The guarantees of the README's design decisions, for the compiled build: piscina require()s a
    // worker first (CommonJS would read every import through a getter), and tsc must have honoured
    // useDefineForClassFields: false.
    const script = `
      import { Piscina } from "piscina";
      import { workerSpec } from "gatesim/dist/runner/index.js";
      const spec = workerSpec();
      const pool = new Piscina({ filename: spec.filename, execArgv: spec.execArgv, minThreads: 1, maxThreads: 1 });
      const runtime = await pool.run(null, { name: "describeRuntime" });
      await pool.destroy();
      process.stdout.write(JSON.stringify({ filename: spec.filename, runtime }));`;
    const file = join(app, "check-runtime.mjs");
    writeFileSync(file, script);
    const out = await run(process.execPath, [file], { cwd: app, env: ENV });
    const { filename, runtime } = JSON.parse(out.stdout) as { filename: string; runtime: unknown };
    expect(filename).toMatch(/node_modules\/gatesim\/dist\/runner\/worker\.js$/);
    expect(runtime).toEqual({ moduleFormat: "esm", classFields: "assign" });
  }, 60_000);
});

/** Resolves with the server's base URL once it says where it listens; rejects if it exits first. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = /serving on (http:\/\/[^\s]+)/.exec(text);
      if (m) resolve(m[1] as string);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("close", (code) => reject(new Error(`gatesim serve exited with ${code}: ${text}`)));
  });
}
