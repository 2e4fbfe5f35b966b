/**
 * The other simulation engines that bench/mm3.bench.ts runs side by side with the kernel: finds each one on
 * this machine, or installs it when it can (Debian packages as root; simmer built from the source tarball
 * kept in the shared peers folder into a cache folder outside the repository, never into it), and runs
 * the same M/M/3 model in it as a child process. A peer that cannot be found or installed is reported with
 * the reason and left out: peers are optional, nothing in `npm test` or CI needs them.
 *
 * Environment: GATESIM_PEERS_SRC (folder with simmer-src.tar.gz; default ../shared/peers beside the
 * repository), GATESIM_PEERS_CACHE (build cache; default $XDG_CACHE_HOME/gatesim-peers or
 * ~/.cache/gatesim-peers), GATESIM_PYTHON (a Python with SimPy).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Mm3Run } from "../kernel/mm3-model.js";

/** A peer that can run the model. */
export interface Peer {
  name: string;
  /** Version and runtime, for the report. */
  describe: string;
  /** Runs the model once in a fresh process. */
  run(customers: number, seed: number): Promise<Mm3Run>;
}

/** A peer that could not be run here, and why. */
export interface MissingPeer {
  name: string;
  reason: string;
}

/** Options of {@link findPeers}. */
export interface FindPeersOptions {
  /** Install missing peers when possible (apt-get as root, simmer build); default true. */
  install?: boolean;
  /** Progress messages (installs take minutes). */
  log?: (line: string) => void;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
/** Longest a single model run may take before the peer is abandoned. */
const RUN_TIMEOUT_MS = 10 * 60_000;
/** Longest an install step may take. */
const INSTALL_TIMEOUT_MS = 20 * 60_000;

interface ExecResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; never throws (a missing program is `ok: false`). */
function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeout = 60_000,
): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({
        ok: error === null,
        stdout: String(stdout),
        stderr: error && !stderr ? String(error) : String(stderr),
      });
    });
  });
}

/** The last line of a peer's output, parsed as its report. */
function parseRun(result: ExecResult, name: string): Mm3Run {
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  if (!result.ok || !line.startsWith("{")) {
    throw new Error(`${name} failed: ${(result.stderr || result.stdout).trim().slice(-2000)}`);
  }
  return JSON.parse(line) as Mm3Run;
}

/** Whether apt-get can install packages here (root on a Debian-like system). */
function canApt(): boolean {
  return process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
}

/** apt-get install, with one `apt-get update` retry when the package lists are stale or missing. */
async function aptInstall(packages: string[], log: (l: string) => void): Promise<boolean> {
  log(`peers: apt-get install ${packages.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const args = ["install", "-y", "-qq", "--no-install-recommends", ...packages];
  if ((await run("apt-get", args, env, INSTALL_TIMEOUT_MS)).ok) return true;
  await run("apt-get", ["update", "-qq"], env, INSTALL_TIMEOUT_MS);
  return (await run("apt-get", args, env, INSTALL_TIMEOUT_MS)).ok;
}

/** SimPy through a Python that imports it (Debian: python3-simpy3). */
async function findSimpy(install: boolean, log: (l: string) => void): Promise<Peer | MissingPeer> {
  const candidates = [process.env.GATESIM_PYTHON, "/usr/bin/python3", "python3"].filter((c): c is string => !!c);
  const probe = async () => {
    for (const python of candidates) {
      const r = await run(python, ["-c", "import simpy, sys; print(simpy.__version__, sys.version.split()[0])"]);
      if (r.ok) return { python, versions: r.stdout.trim() };
    }
    return null;
  };
  let found = await probe();
  if (!found && install && canApt() && (await aptInstall(["python3-simpy3"], log))) found = await probe();
  if (!found) {
    return {
      name: "SimPy",
      reason: `no Python with simpy (tried ${candidates.join(", ")}); install Debian's python3-simpy3`,
    };
  }
  const { python, versions } = found;
  const [simpy, py] = versions.split(" ");
  const script = join(here, "mm3_simpy.py");
  return {
    name: "SimPy",
    describe: `SimPy ${simpy} (Python ${py}, ${python})`,
    run: async (customers, seed) =>
      parseRun(await run(python, [script, String(customers), String(seed)], process.env, RUN_TIMEOUT_MS), "SimPy"),
  };
}

/** R packages simmer needs to build, and the Debian packages that provide them. */
const SIMMER_R_DEPS = ["Rcpp", "magrittr", "codetools", "BH"];
const SIMMER_DEBIAN_DEPS = ["r-base-core", "r-cran-rcpp", "r-cran-bh", "r-cran-magrittr", "r-cran-codetools"];

/** The build cache folder (outside the repository). */
function cacheRoot(): string {
  if (process.env.GATESIM_PEERS_CACHE) return process.env.GATESIM_PEERS_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "gatesim-peers");
}

/** simmer, built once from the shared source tarball into the cache, run with Rscript. */
async function findSimmer(install: boolean, log: (l: string) => void): Promise<Peer | MissingPeer> {
  const name = "simmer";
  const srcDir = process.env.GATESIM_PEERS_SRC ?? join(repoRoot, "..", "shared", "peers");
  const tarball = join(srcDir, "simmer-src.tar.gz");
  if (!existsSync(tarball)) return { name, reason: `no source tarball at ${tarball} (set GATESIM_PEERS_SRC)` };
  const digest = createHash("sha256").update(readFileSync(tarball)).digest("hex").slice(0, 12);
  const lib = join(cacheRoot(), `simmer-${digest}`, "lib");
  const env = { ...process.env, R_LIBS: lib };
  const probe = async () => {
    const r = await run(
      "Rscript",
      [
        "-e",
        'suppressMessages(library(simmer)); cat(as.character(packageVersion("simmer")), paste(R.version$major, R.version$minor, sep = "."))',
      ],
      env,
    );
    return r.ok ? r.stdout.trim() : null;
  };
  let versions = existsSync(lib) ? await probe() : null;
  if (!versions) {
    if (!install) return { name, reason: `not built in ${lib} (run the benchmark without --no-install)` };
    const deps = await run("Rscript", [
      "-e",
      `q(status = as.integer(!all(sapply(c(${SIMMER_R_DEPS.map((d) => `"${d}"`).join(",")}), requireNamespace, quietly = TRUE))))`,
    ]);
    if (!deps.ok) {
      if (!canApt()) return { name, reason: `R or simmer's R dependencies missing (${SIMMER_DEBIAN_DEPS.join(" ")})` };
      if (!(await aptInstall(SIMMER_DEBIAN_DEPS, log))) return { name, reason: "apt-get could not install R" };
    }
    log(`peers: building simmer from ${tarball} into ${lib} (2-3 minutes, once)`);
    const work = mkdtempSync(join(tmpdir(), "gatesim-peers-"));
    try {
      mkdirSync(lib, { recursive: true });
      const untar = await run("tar", ["-xzf", tarball, "-C", work]);
      if (!untar.ok) return { name, reason: `could not unpack ${tarball}: ${untar.stderr.trim()}` };
      const build = await run(
        "R",
        ["CMD", "INSTALL", "--no-docs", "--no-html", "-l", lib, join(work, "simmer")],
        process.env,
        INSTALL_TIMEOUT_MS,
      );
      if (!build.ok) {
        rmSync(lib, { recursive: true, force: true });
        return { name, reason: `R CMD INSTALL failed: ${build.stderr.trim().slice(-500)}` };
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    versions = await probe();
    if (!versions) return { name, reason: `simmer built into ${lib} but does not load` };
  }
  const [simmer, r] = versions.split(" ");
  const script = join(here, "mm3_simmer.R");
  return {
    name,
    describe: `simmer ${simmer} (R ${r}, built in ${lib})`,
    run: async (customers, seed) =>
      parseRun(await run("Rscript", [script, String(customers), String(seed)], env, RUN_TIMEOUT_MS), name),
  };
}

/** Finds (or installs) every peer this machine can run. */
export async function findPeers(options: FindPeersOptions = {}): Promise<{ peers: Peer[]; missing: MissingPeer[] }> {
  const install = options.install ?? true;
  const log = options.log ?? (() => {});
  const peers: Peer[] = [];
  const missing: MissingPeer[] = [];
  for (const found of [await findSimpy(install, log), await findSimmer(install, log)]) {
    if ("run" in found) peers.push(found);
    else missing.push(found);
  }
  return { peers, missing };
}
