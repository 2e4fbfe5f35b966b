/**
 * `npm ci` on the oldest Node this package supports warns about no dependency (EBADENGINE): every
 * package installed at run time declares a Node range that includes it. content-disposition 3 and
 * cookie 2 (ESM-only, Node >= 22) are overridden by their CommonJS predecessors with the same API
 * (package.json "overrides"); these tests also check that fastify uses them correctly.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const semver = require("semver") as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};
const ROOT = new URL("../../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", ROOT), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL("package-lock.json", ROOT), "utf8")) as {
  packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }>;
};

describe("dependencies and the supported Node versions", () => {
  it("every run-time dependency supports the oldest Node in package.json's engines", () => {
    const oldest = semver.minVersion(pkg.engines.node)?.version as string;
    expect(oldest).toMatch(/^20\./);
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path !== "" && !p.dev && !Array.isArray(p.engines) && p.engines?.node !== undefined)
      .filter(([, p]) => !semver.satisfies(oldest, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path} (${(p.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });

  it("sets cookies and serves downloads with UTF-8 names through the overridden packages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gatesim-engines-"));
    const app = Fastify();
    try {
      writeFileSync(join(dir, "report.csv"), "a,b\n1,2\n");
      await app.register(fastifyStatic, { root: dir, serve: false });
      app.get("/download", (_req, reply) => reply.download("report.csv", "báo cáo Hữu Nghị.csv"));
      app.get("/cookie", (_req, reply) => reply.header("set-cookie", "session=abc; Path=/; HttpOnly").send("ok"));
      const download = await app.inject("/download");
      expect(download.statusCode).toBe(200);
      expect(download.headers["content-disposition"]).toMatch(
        /^attachment; filename="b\?o c\?o H\?u Ngh\?\.csv"; filename\*=UTF-8''b%C3%A1o%20c%C3%A1o%20H%E1%BB%AFu%20Ngh%E1%BB%8B\.csv$/,
      );
      const cookie = await app.inject("/cookie");
      expect(cookie.cookies).toEqual([{ name: "session", value: "abc", path: "/", httpOnly: true }]);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
