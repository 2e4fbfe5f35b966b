/**
 * API keys. When keys are configured, every write (any method other than GET, HEAD and OPTIONS) needs
 * one, as `x-api-key: <key>` or `Authorization: Bearer <key>`; reads stay open so a dashboard on a
 * trusted network can follow runs. Keys are compared through their SHA-256 digests with
 * `timingSafeEqual`, so the comparison time does not reveal how much of a guess was right.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isLoopbackHost } from "./config.js";
import { ApiError, ApiErrorCodes, apiErrors } from "./errors.js";

/** Methods that never change anything. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** SHA-256 digest of a key. */
function digest(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/** The key a request presents, if any. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers["x-api-key"];
  if (typeof header === "string" && header.length > 0) return header;
  const auth = request.headers.authorization;
  if (typeof auth === "string") {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m !== null) return m[1];
  }
  return undefined;
}

/** A checker for a set of keys: true when `key` is one of them. */
export function keyChecker(keys: readonly string[]): (key: string | undefined) => boolean {
  const digests = keys.map(digest);
  return (key) => {
    if (key === undefined || key.length > 512) return false;
    const d = digest(key);
    let ok = false;
    // Compare against every key (no early exit) so timing does not tell which key nearly matched.
    for (const k of digests) ok = timingSafeEqual(k, d) || ok;
    return ok;
  };
}

/** Installs the write guard; a no-op without keys (loopback-only servers, tests). */
export function installAuth(app: FastifyInstance, keys: readonly string[]): void {
  if (keys.length === 0) return;
  const check = keyChecker(keys);
  app.addHook("onRequest", async (request) => {
    if (READ_METHODS.has(request.method)) return;
    if (!check(presentedKey(request))) throw apiErrors.unauthorized();
  });
}

/**
 * The DNS-rebinding guard of a keyless server: it is only safe because nothing but this machine can reach
 * it, and a web page can make a browser on this machine post to it under the page's own host name (a name
 * that resolves to 127.0.0.1). So without keys, requests must be addressed to a loopback name
 * (`localhost`, `127.x.y.z`, `[::1]`) or to one of `allowedHosts` (GATESIM_ALLOWED_HOSTS, for a proxy);
 * anything else is a 403. With keys, the key is the guard and any Host is served.
 */
export function installHostCheck(app: FastifyInstance, keys: readonly string[], allowedHosts: readonly string[]): void {
  if (keys.length > 0) return;
  const allowed = new Set(allowedHosts.map((h) => h.trim().toLowerCase()).filter((h) => h !== ""));
  app.addHook("onRequest", async (request) => {
    const host = request.headers.host;
    if (host === undefined) return; // HTTP/1.0 without Host: no browser sends that
    const name = request.hostname.toLowerCase();
    if (isLoopbackHost(name) || allowed.has(name)) return;
    throw new ApiError(
      403,
      ApiErrorCodes.HOST_NOT_ALLOWED,
      `this server has no API keys, so it answers only requests addressed to localhost, 127.0.0.1 or [::1] (got Host ${JSON.stringify(host.slice(0, 100))}); set GATESIM_API_KEYS, or list the name in GATESIM_ALLOWED_HOSTS`,
    );
  });
}
