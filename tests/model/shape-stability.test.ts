/**
 * Simulated time passes 2^31 ms (24.8 days) in every month-long run. Fields that held only small
 * integers until then would switch V8 representation there, changing the hidden class of the kernel's
 * objects and throwing away the optimized code of every function touching them (35 "wrong map"
 * deoptimizations in one 30-day baseline run before the fix; each thread then re-optimizes, which is
 * what made the first replication in every pool thread slow). The kernel gives such fields the double
 * representation from the start (`doubleFromTheStart`, kernel/mutable-fields.ts); this runs a 30-day replication under
 * `--trace-deopt` in a child process and counts.
 *
 * A field that changes representation during a run also makes the objects of the next replication get
 * the new hidden class, and every field that holds one of them is generalized: the second replication in
 * a process (or a pool thread) then threw away most of its optimized code at its start (27 functions,
 * 1.6× the steady time instead of 1.2×). So no field of the kernel or the model may go from small
 * integer to double while the model runs (`--trace-generalization`); constructors may. Nor may a field
 * that V8 still takes for a constant change for the first time (kernel/mutable-fields.ts), except the
 * truck pool's columns.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

/** Names of the functions and methods written in the kernel and the model. */
const modelFunctions = new Set(
  ["src/kernel", "src/model"].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => [...readFileSync(join(root, dir, f), "utf8").matchAll(/([\w$]+)\s*\(/g)].map((m) => m[1]!)),
  ),
);

/**
 * The fixture's output with node's `flags`: the part between its markers (the replication), or all of it
 * with `whole` (V8 writes its traces through a buffer of its own, so they may land after a later marker).
 */
function traceOfReplication(flags: string[], whole = false): string {
  const child = spawnSync(process.execPath, ["--import", "tsx", ...flags, join(here, "fixtures/long-replication.ts")], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(child.status, child.stderr).toBe(0);
  const out = child.stdout;
  const begin = out.indexOf("@@ begin");
  const end = out.indexOf("@@ end");
  expect(begin).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(begin);
  expect(out.slice(end)).toMatch(/@@ end [1-9]\d* kpis/);
  return whole ? out : out.slice(begin, end);
}

describe("object shapes across 2^31 ms", () => {
  it("a 30-day replication causes no wrong-map deoptimizations", () => {
    const run = traceOfReplication(["--trace-deopt"]);
    // The trace must be there: a month-long run always deoptimizes something (type feedback grows).
    expect(run).toMatch(/bailout \(kind: deopt/);
    const wrongMap = run.split("\n").filter((l) => l.includes("reason: wrong map"));
    expect(wrongMap.length, wrongMap.join("\n")).toBeLessThanOrEqual(2);
  }, 150_000);

  it("no optimized code is thrown away because a field first changes mid-run (mutable from the start)", () => {
    // A field that keeps its first value is "constant" to V8 until its first change, which then throws
    // away the code that relied on it: the measured period's flag at the end of the warm-up, the event
    // queue's wheel, the hand-over ring (kernel/mutable-fields.ts). The truck pool's columns are left to
    // change when it grows (trucks.ts says why). Both traces go through V8's own output, in order, so
    // each "code dependencies" deoptimization follows the field change that caused it.
    const trace = traceOfReplication(["--trace-deopt", "--trace-generalization", "--no-sparkplug"], true);
    // The code a field change throws away is listed right after it (other lines reset the cause).
    let cause = "";
    const thrownAway: string[] = [];
    for (const line of trace.split("\n")) {
      if (line.includes("reason: code dependencies")) {
        // The loader's own functions (tsx) are thrown away now and then too, whatever comes before.
        const fn = /SharedFunctionInfo (?:get |set )?([\w$]+)>/.exec(line)?.[1] ?? "";
        const ours = /\/src\/(kernel|model)\//.test(cause) && !/\/src\/model\/trucks\.ts/.test(cause);
        if (ours && modelFunctions.has(fn)) thrownAway.push(`${cause}\n  ${line}`);
      } else cause = line.startsWith("[generalizing]") ? line : "";
    }
    expect(trace).toMatch(/reason: code dependencies/);
    expect(thrownAway, thrownAway.join("\n")).toEqual([]);
  }, 150_000);

  it("no kernel or model field goes from small integer to double while a 30-day replication runs", () => {
    // Without baseline (Sparkplug) code: node 20's V8 fails a check printing a baseline frame in this trace.
    const trace = traceOfReplication(["--trace-generalization", "--no-sparkplug"], true);
    const lines = trace.split("\n").filter((l) => l.startsWith("[generalizing]"));
    // The trace must be there: constructors generalize fields as they set them up.
    expect(lines.length).toBeGreaterThan(10);
    // `name:s{...}->d{...} ... [~function+offset at file:line]`: a small-integer field became a double
    // outside a constructor (`[new ~...`) or `doubleFromTheStart` (called only by constructors: the test
    // below), in the kernel or the model (the scenario's compilation comes before the run, and the
    // result's own objects, report*.ts, after it).
    const midRun = lines.filter(
      (l) =>
        /^\[generalizing\][^:]*:s\{[^}]*\}->d\{/.test(l) &&
        !l.includes("[new ") &&
        !l.includes("[~doubleFromTheStart+") &&
        /\/src\/(kernel|model)\//.test(l) &&
        !/\/report[^/]*\.ts/.test(l),
    );
    expect(midRun, midRun.join("\n")).toEqual([]);
  }, 150_000);

  it("calls doubleFromTheStart only from constructors, where the test above allows its generalizations", () => {
    const calls: string[] = [];
    for (const dir of ["src/kernel", "src/model"]) {
      for (const f of readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })) {
        if (!f.endsWith(".ts")) continue;
        const lines = readFileSync(join(root, dir, f), "utf8").split("\n");
        lines.forEach((line, i) => {
          if (!/\bdoubleFromTheStart\(/.test(line) || /^export function/.test(line)) return;
          // The member the call is in: the nearest line above that opens a class member (two spaces in).
          let j = i;
          while (j >= 0 && !/^ {2}(?:(?:private|protected|public|static|async|get|set) )*[\w$#]+\s*\(/.test(lines[j]!))
            j--;
          calls.push(`${dir}/${f}:${i + 1} in ${j >= 0 ? lines[j]!.trim().split("(")[0] : "(no member)"}`);
        });
      }
    }
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.filter((c) => !/ in constructor$/.test(c))).toEqual([]);
  });
});
