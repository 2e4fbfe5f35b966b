/**
 * Command-line options shared by the A/B benches of two checkouts (gate-ab.bench.ts, instructions-ab.bench.ts).
 */

/** The value after `--name` on the command line, or `fallback`; without either, an error naming the option. */
export function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

/** Options of node itself for one side's processes: `--a-node-flags "..."` or `--b-node-flags "..."`. */
export function nodeFlagsOf(side: "a" | "b"): string[] {
  return arg(`${side}-node-flags`, "")
    .split(" ")
    .filter((f) => f !== "");
}
