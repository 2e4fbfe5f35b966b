/**
 * Researchers' policy modules: finding a module named by a scenario, compiling it, and instantiating it.
 *
 * - Where: by name under the shipped `policies/` folder or the operator's `GATESIM_POLICY_DIR` (a list
 *   of folders), e.g. `examples/perishables-ageing`; from the command line also by file path. The API
 *   compiles with paths refused, so a request can only name code the operator installed.
 * - Compiled once per content: TypeScript or JavaScript, to a function body `(exports, __gatesimBudget)`
 *   (TypeScript's own transpiler), with a guard at the top of every loop body that counts iterations
 *   against the decision's budget, so an endless loop fails its run instead of hanging a thread. A module
 *   must be self-contained (`import type` only): its content is what the scenario hash covers and what
 *   travels to the workers.
 * - Instantiated afresh for every replication, in a fresh V8 context whose `Math.random` and clock throw:
 *   no state survives from one replication to the next, so results do not depend on which thread or
 *   machine ran which replication.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, extname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import type { PolicyBudget, PolicyModuleConfig, PolicyModuleProvider } from "../model/index.js";

/** The policies shipped with gatesim (relative to this file, not to the working directory). */
export const SHIPPED_POLICY_DIR = fileURLToPath(new URL("../../policies/", import.meta.url));

/** Largest policy source accepted, bytes. */
const POLICY_SOURCE_MAX_BYTES = 512 * 1024;

/** Extensions tried, in order, for a module given by name. */
const EXTENSIONS = [".ts", ".mts", ".mjs", ".js"] as const;

/** A module name: folders and a file name of letters, digits, `-` and `_` (nothing can climb out of a folder). */
const POLICY_NAME = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

/** A policy module that could not be used; `message` says why (the caller adds the scenario path). */
export class PolicyModuleError extends Error {
  override readonly name = "PolicyModuleError";
}

/** The folders searched for modules given by name: `policies/`, then each folder of `GATESIM_POLICY_DIR`. */
export function policyDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.GATESIM_POLICY_DIR ?? "")
    .split(delimiter)
    .map((d) => d.trim())
    .filter((d) => d !== "")
    .map((d) => resolve(d));
  return [SHIPPED_POLICY_DIR, ...extra];
}

/** True when a module specifier is a file path (`./x.mjs`, `/abs/x.ts`, `x.js`) rather than a name. */
export function isPolicyPath(spec: string): boolean {
  return spec.startsWith(".") || isAbsolute(spec) || /\.(?:m?ts|m?js|cjs)$/i.test(spec) || spec.includes("\\");
}

/** The file of a module named `name` (e.g. `examples/perishables-ageing`), or undefined. */
function findByName(name: string): string | undefined {
  for (const dir of policyDirs()) {
    for (const ext of EXTENSIONS) {
      const file = join(dir, `${name}${ext}`);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
  }
  return undefined;
}

/** The installed modules (shipped and the operator's), by name: what a service may run. */
export function listInstalledPolicies(): { name: string; file: string }[] {
  const out: { name: string; file: string }[] = [];
  const seen = new Set<string>();
  const walk = (root: string, dir: string, depth: number): void => {
    if (depth > 4 || !existsSync(dir)) return;
    for (const entry of readdirSafe(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(root, full, depth + 1);
      else if ((EXTENSIONS as readonly string[]).includes(extname(entry)) && !entry.endsWith(".d.ts")) {
        const name = relative(root, full)
          .replace(/\\/g, "/")
          .replace(/\.[^.]+$/, "");
        if (POLICY_NAME.test(name) && !seen.has(name)) {
          seen.add(name);
          out.push({ name, file: full });
        }
      }
    }
  };
  for (const dir of policyDirs()) walk(dir, dir, 0);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** TypeScript is loaded on first use only (half a second): scenarios without modules never pay for it. */
const require = createRequire(import.meta.url);

/**
 * The file of a module specifier. Names are looked up in `policyDirs()`; paths only when `allowPaths`
 * (the command line), relative ones against `baseDir`.
 */
export function resolvePolicyFile(spec: string, allowPaths: boolean, baseDir: string = process.cwd()): string {
  if (isPolicyPath(spec)) {
    if (!allowPaths) {
      throw new PolicyModuleError(
        `"${spec}" is a file path; here policies are given by name, from policies/ or the operator's ` +
          "GATESIM_POLICY_DIR (e.g. examples/perishables-ageing): this service never runs code sent in a request",
      );
    }
    const file = resolve(baseDir, spec);
    if (!existsSync(file) || !statSync(file).isFile()) throw new PolicyModuleError(`no policy file ${file}`);
    return file;
  }
  if (!POLICY_NAME.test(spec)) {
    throw new PolicyModuleError(`"${spec}" is not a policy name (letters, digits, -, _ and / between folders)`);
  }
  const file = findByName(spec);
  if (file === undefined) {
    const known = listInstalledPolicies()
      .map((p) => p.name)
      .join(", ");
    throw new PolicyModuleError(`no installed policy "${spec}"; installed: ${known || "none"}`);
  }
  return file;
}

/** A module compiled for the model: its name, source hash and guarded function body. */
export interface CompiledPolicySource extends PolicyModuleConfig {
  /** The file it was read from (reports show it; not part of the scenario hash). */
  file: string;
}

/** Compiled code by sha256 of the source (a module is transpiled once per process). */
const compiledBySha = new Map<string, string>();

/** Reads and compiles a policy file (cached by content). */
export function compilePolicyFile(file: string): CompiledPolicySource {
  const size = statSync(file).size;
  if (size > POLICY_SOURCE_MAX_BYTES) {
    throw new PolicyModuleError(`${file} is ${size} bytes; a policy file may have at most ${POLICY_SOURCE_MAX_BYTES}`);
  }
  const source = readFileSync(file, "utf8");
  const sha256 = createHash("sha256").update(source).digest("hex");
  const name = file
    .replace(/\\/g, "/")
    .split("/")
    .pop()!
    .replace(/\.[^.]+$/, "");
  let code = compiledBySha.get(`${extname(file)}:${sha256}`);
  if (code === undefined) {
    code = transpilePolicy(source, file);
    compiledBySha.set(`${extname(file)}:${sha256}`, code);
  }
  return { name, sha256, code, file };
}

/** The loop guard inserted at the top of every loop body. */
const GUARD_NAME = "__gatesimBudget";

/** TypeScript → a CommonJS function body with guarded loops; syntax errors and runtime imports are refused. */
function transpilePolicy(source: string, file: string): string {
  const ts = require("typescript") as typeof import("typescript");
  const guardStatement = (f: import("typescript").NodeFactory) =>
    f.createIfStatement(
      f.createLessThan(
        f.createPrefixDecrement(f.createPropertyAccessExpression(f.createIdentifier(GUARD_NAME), "n")),
        f.createNumericLiteral(0),
      ),
      f.createExpressionStatement(
        f.createCallExpression(
          f.createPropertyAccessExpression(f.createIdentifier(GUARD_NAME), "exceeded"),
          undefined,
          [],
        ),
      ),
    );
  const guardLoops: import("typescript").TransformerFactory<import("typescript").SourceFile> = (context) => {
    const f = context.factory;
    const visit = (node: import("typescript").Node): import("typescript").Node => {
      const n = ts.visitEachChild(node, visit, context);
      if (!ts.isIterationStatement(n, false)) return n;
      const body = n.statement;
      const guarded = ts.isBlock(body)
        ? f.updateBlock(body, [guardStatement(f), ...body.statements])
        : f.createBlock([guardStatement(f), body], true);
      if (ts.isForStatement(n)) return f.updateForStatement(n, n.initializer, n.condition, n.incrementor, guarded);
      if (ts.isForOfStatement(n))
        return f.updateForOfStatement(n, n.awaitModifier, n.initializer, n.expression, guarded);
      if (ts.isForInStatement(n)) return f.updateForInStatement(n, n.initializer, n.expression, guarded);
      if (ts.isWhileStatement(n)) return f.updateWhileStatement(n, n.expression, guarded);
      if (ts.isDoStatement(n)) return f.updateDoStatement(n, guarded, n.expression);
      return n;
    };
    return (sf) => ts.visitNode(sf, visit) as import("typescript").SourceFile;
  };
  const isTs = /\.m?ts$/i.test(file);
  const out = ts.transpileModule(source, {
    fileName: isTs ? "policy.ts" : "policy.js",
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      allowJs: true,
      verbatimModuleSyntax: false,
      isolatedModules: true,
      sourceMap: false,
    },
    transformers: { before: [guardLoops] },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const first = errors[0]!;
    const where =
      first.file !== undefined && first.start !== undefined
        ? `line ${first.file.getLineAndCharacterOfPosition(first.start).line + 1}: `
        : "";
    throw new PolicyModuleError(`${file}: ${where}${ts.flattenDiagnosticMessageText(first.messageText, " ")}`);
  }
  // What is left of an import after type-only ones are elided is a require() or import() at run time.
  const compiled = ts.createSourceFile("out.js", out.outputText, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const runtimeImports: string[] = [];
  const scan = (node: import("typescript").Node): void => {
    if (
      ts.isCallExpression(node) &&
      ((ts.isIdentifier(node.expression) && node.expression.text === "require") ||
        node.expression.kind === ts.SyntaxKind.ImportKeyword)
    ) {
      const arg = node.arguments[0];
      runtimeImports.push(arg !== undefined && ts.isStringLiteral(arg) ? arg.text : "(computed)");
    }
    ts.forEachChild(node, scan);
  };
  scan(compiled);
  if (runtimeImports.length > 0) {
    throw new PolicyModuleError(
      `${file}: imports "${runtimeImports[0]}" at run time; a policy file must be self-contained (only ` +
        "`import type` is allowed), because its content is what the scenario hash covers and what the workers load",
    );
  }
  return out.outputText;
}

/** Definitions run in every policy context before the module: no unseeded randomness, no wall clock. */
const REALM_PRELUDE = `"use strict";
(() => {
  const noRandom = "Math.random() is not reproducible in a policy: use ctx.random(), the policy's own random stream";
  const noClock = "the wall clock is not reproducible in a policy: use gate.nowMs, the simulated clock";
  Math.random = function random() { throw new Error(noRandom); };
  const D = Date;
  D.now = function now() { throw new Error(noClock); };
  globalThis.Date = new Proxy(D, {
    construct(target, args, newTarget) {
      if (args.length === 0) throw new Error(noClock);
      return Reflect.construct(target, args, newTarget);
    },
    apply() { throw new Error(noClock); },
  });
})();`;

/** A fresh V8 context for the policies of one replication. */
function newRealm(): vm.Context {
  const host = console;
  const realm = vm.createContext({
    console: Object.freeze({
      log: (...a: unknown[]) => host.error(...a),
      info: (...a: unknown[]) => host.error(...a),
      warn: (...a: unknown[]) => host.error(...a),
      error: (...a: unknown[]) => host.error(...a),
      debug: (...a: unknown[]) => host.error(...a),
    }),
  });
  vm.runInContext(REALM_PRELUDE, realm);
  return realm;
}

/** Evaluates a compiled module in `realm` and returns its exports. */
function instantiate(module: PolicyModuleConfig, budget: PolicyBudget, realm: vm.Context): unknown {
  const fn = vm.compileFunction(module.code, ["exports", GUARD_NAME], {
    parsingContext: realm,
    filename: `policy:${module.name}`,
  }) as (exports: object, budget: PolicyBudget) => void;
  const exports: object = vm.runInContext("({})", realm) as object;
  fn(exports, budget);
  return exports;
}

/**
 * The loader a replication passes to the model: each module of the config, instantiated once for this
 * replication in one fresh context (call it once per replication).
 */
export function policyModuleProvider(modules: readonly PolicyModuleConfig[]): PolicyModuleProvider {
  let realm: vm.Context | undefined;
  return (index, budget) => {
    const m = modules[index];
    if (m === undefined) throw new PolicyModuleError(`no policy module ${index} in the configuration`);
    realm ??= newRealm();
    return instantiate(m, budget, realm);
  };
}

/** Evaluates a module once, alone, to check it before a run (its shape and parameters). */
export function evaluatePolicyOnce(module: PolicyModuleConfig, budget: PolicyBudget): unknown {
  return instantiate(module, budget, newRealm());
}

/**
 * Rewrites relative `module:` paths under `policies` and `stages` of a scenario file's own data to absolute
 * ones (relative to the file), so `extends:` chains across folders keep pointing at the right files.
 */
export function absolutizePolicyPaths(data: Record<string, unknown>, dir: string): void {
  const walk = (v: unknown, depth: number): void => {
    if (depth > 8 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(o)) {
      if (k === "module" && typeof x === "string" && isPolicyPath(x) && !isAbsolute(x)) o[k] = resolve(dir, x);
      else walk(x, depth + 1);
    }
  };
  walk(data.policies, 0);
  walk(data.stages, 0);
}
