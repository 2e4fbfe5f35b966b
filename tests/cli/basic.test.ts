/** The `gatesim` command as a user runs it: help, validate, schema, bad input (exit 2, no stack traces). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gatesim } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "gatesim-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("gatesim help", () => {
  it("prints the commands and examples", async () => {
    const r = await gatesim(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["run", "compare", "sweep", "validate", "schema", "calibrate"]) expect(r.stdout).toContain(c);
    expect(r.stdout).toContain("Examples:");
  });

  it("has examples in each command's help", async () => {
    const r = await gatesim(["run", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--replications");
    expect(r.stdout).toContain("$ gatesim run textbook/mm1");
  });
});

describe("gatesim validate", () => {
  it("accepts a valid file (exit 0)", async () => {
    const r = await gatesim(["validate", "scenarios/textbook/mm1.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid");
  });

  it("rejects a bad file with exit 2, each issue as path: message, and no stack trace", async () => {
    const file = join(tmp, "bad.yaml");
    writeFileSync(file, "name: bad\ntitle: Bad\nhorizonDays: -3\nstages:\n  station: { type: server, servers: 0 }\n");
    const r = await gatesim(["validate", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("horizonDays");
    expect(r.stderr).toMatch(/^\s+\S+: .+$/m);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("rejects unparsable YAML and a missing file with exit 2", async () => {
    const file = join(tmp, "broken.yaml");
    writeFileSync(file, "name: [unclosed\n");
    expect((await gatesim(["validate", file])).code).toBe(2);
    expect((await gatesim(["validate", join(tmp, "missing.yaml")])).code).toBe(2);
  });
});

describe("gatesim bad input", () => {
  it("exits 2 on a bad flag value, an unknown flag, an unknown scenario", async () => {
    const bad = await gatesim(["run", "textbook/mm1", "--replications", "zero"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("positive integer");
    expect((await gatesim(["run", "textbook/mm1", "--bogus"])).code).toBe(2);
    expect((await gatesim(["run", "textbook/mm1", "--format", "xml"])).code).toBe(2);
    const unknown = await gatesim(["run", "no-such-scenario"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no-such-scenario");
  });
});

describe("gatesim schema", () => {
  it("prints a JSON Schema", async () => {
    const r = await gatesim(["schema"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(typeof schema).toBe("object");
    expect(JSON.stringify(schema)).toContain("horizonDays");
  });
});
