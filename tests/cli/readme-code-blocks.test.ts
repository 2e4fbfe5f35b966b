/**
 * Every code block of the README works as written, since new users copy them:
 * - `yaml` blocks are scenario files: they validate (with `extends:` resolved);
 * - `sh` blocks parse as shell (`bash -n`); each `gatesim` command in them is parsed by the real
 *   program (commands, flags and their values) and names scenarios that exist; `npm` commands name
 *   scripts that exist; JSON bodies of `curl -d` parse;
 * - `ts` blocks are the examples/ file that runs them (checked line by line), and that file runs.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { buildProgram } from "../../src/cli/program.js";
import { loadScenarioFile, loadShippedScenario } from "../../src/scenario/index.js";
import { ROOT } from "./helpers.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const tmp = mkdtempSync(join(tmpdir(), "gatesim-readme-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Block {
  lang: string;
  code: string;
  line: number;
}

/** Fenced code blocks with their language and starting line. */
function codeBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const re = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    blocks.push({ lang: m[1] ?? "", code: m[2] ?? "", line: text.slice(0, m.index).split("\n").length });
  }
  return blocks;
}

/** Shell commands of a block: continuation lines joined, comments and `&&` chains split. */
function shellCommands(code: string): string[] {
  return code
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.length > 0 && !l.startsWith("#"))
    .flatMap((l) => l.split("&&").map((c) => c.trim()));
}

/** Words of a command line, honouring single and double quotes. */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(command); m !== null; m = re.exec(command)) out.push(m[1] ?? m[2] ?? m[3] ?? "");
  return out;
}

/** Parses `gatesim ...args` with the real program; throws on an unknown command, flag or bad value. */
async function parseGatesim(args: string[]): Promise<void> {
  const stop = new Error("parsed");
  const errors: string[] = [];
  const ctx = () => ({}) as CliContext;
  const program = buildProgram(ctx);
  program.configureOutput({ writeOut: () => {}, writeErr: (s) => errors.push(s) });
  program.hook("preAction", (_root, action) => {
    for (const arg of action.args) {
      if (/\.(ya?ml|json)$/.test(arg)) expect(existsSync(join(ROOT, arg)), `file ${arg}`).toBe(true);
      else if (["run", "compare", "sweep"].includes(action.name())) loadShippedScenario(arg);
    }
    throw stop;
  });
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    if (error === stop) return;
    throw new Error(`gatesim ${args.join(" ")}: ${errors.join("") || String(error)}`);
  }
}

const blocks = codeBlocks(readme);

describe("README code blocks", () => {
  it("has the blocks this test knows how to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const b of blocks) expect(["sh", "yaml", "ts", ""], `block at line ${b.line}`).toContain(b.lang);
  });

  for (const block of blocks.filter((b) => b.lang === "yaml")) {
    it(`yaml block at line ${block.line} is a valid scenario`, () => {
      const file = join(tmp, `readme-${block.line}.yaml`);
      writeFileSync(file, block.code);
      expect(() => loadScenarioFile(file)).not.toThrow();
    });
  }

  for (const block of blocks.filter((b) => b.lang === "sh")) {
    it(`sh block at line ${block.line} parses, and its commands exist`, async () => {
      execFileSync("bash", ["-n"], { input: block.code });
      for (const command of shellCommands(block.code)) {
        const w = words(command);
        const at = w[0] === "npx" && w[1] === "gatesim" ? 2 : w[0] === "gatesim" ? 1 : -1;
        if (at > 0) {
          await parseGatesim(w.slice(at));
        } else if (w[0] === "npm") {
          const script = w[1] === "run" ? w[2] : w[1];
          if (script !== "ci" && script !== "install") expect(pkg.scripts, command).toHaveProperty(script as string);
        } else if (w[0] === "curl") {
          const body = w[w.indexOf("-d") + 1];
          if (w.includes("-d")) expect(() => JSON.parse(body as string), command).not.toThrow();
        } else if (!/^(REDIS_URL=|export |cd |node )/.test(command)) {
          throw new Error(`README line ${block.line}: no check for "${command}"`);
        }
      }
    });
  }

  it("ts blocks are examples/minimal.ts, which runs", async () => {
    const example = readFileSync(join(ROOT, "examples", "minimal.ts"), "utf8");
    for (const block of blocks.filter((b) => b.lang === "ts")) {
      for (const line of block.code.split("\n").filter((l) => l.trim() !== "")) {
        expect(example, `README line ${block.line}: ${line}`).toContain(line.replace('from "./src/', 'from "../src/'));
      }
    }
    const out = await promisify(execFile)(process.execPath, ["--import", "tsx", "examples/minimal.ts"], { cwd: ROOT });
    expect(out.stdout).toMatch(/^mean wait \d+\.\d+ min over \d+ trucks; utilization 0\.\d+/);
  }, 60_000);
});
