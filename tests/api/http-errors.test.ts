/**
 * Errors before and around the routes (issue 14, items 10-12): every answer has the `{code, message}`
 * shape, including malformed HTTP, undecodable URLs and overlong ids; a known path with another method is
 * a 405 with `Allow`; a keyless server answers only loopback host names (DNS rebinding); messages name
 * what is wrong (`__proto__`, the rate window, the comparison's own field).
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { testApp } from "./helpers.js";

let app: GatesimApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

/** Sends raw bytes to a listening app and returns the status line and body of the answer. */
function raw(port: number, text: string): Promise<{ status: string; body: string }> {
  return new Promise((resolve) => {
    let out = "";
    const s = connect(port, "127.0.0.1", () => s.write(text));
    const done = () => {
      const head = out.split("\r\n")[0] ?? "";
      resolve({ status: head, body: out.slice(out.indexOf("\r\n\r\n") + 4) });
    };
    s.on("data", (d) => {
      out += d.toString();
    });
    s.on("close", done);
    s.on("error", done);
  });
}

describe("error shape before routing", () => {
  it("answers an overlong id with 414 and an undecodable URL with 400, in the API's shape", async () => {
    const long = await app.inject({ method: "GET", url: `/runs/${"a".repeat(300)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ code: "GATESIM_ERR_URI_TOO_LONG", message: expect.any(String) });
    const bad = await app.inject({ method: "GET", url: "/runs/%E0%A4%A" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("GATESIM_ERR_BAD_URL");
  });

  it("answers malformed HTTP (bad Content-Length, oversized headers) in the API's shape", async () => {
    const server = await testApp();
    await server.listen({ host: "127.0.0.1", port: 0 });
    try {
      const port = (server.server.address() as { port: number }).port;
      const cl = await raw(
        port,
        "POST /runs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}",
      );
      expect(cl.status).toBe("HTTP/1.1 400 Bad Request");
      expect(JSON.parse(cl.body)).toMatchObject({ code: "GATESIM_ERR_BAD_REQUEST", message: /Content-Length/ });
      const big = await raw(port, `GET /runs?x=${"a".repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      expect(big.status).toBe("HTTP/1.1 431 Request Header Fields Too Large");
      expect(JSON.parse(big.body).code).toBe("GATESIM_ERR_HEADERS_TOO_LARGE");
    } finally {
      await server.close();
    }
  });

  it("answers a known path with another method 405 and Allow, an unknown path 404", async () => {
    const res = await app.inject({ method: "DELETE", url: "/health" });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD");
    expect(res.json()).toMatchObject({ code: "GATESIM_ERR_METHOD_NOT_ALLOWED" });
    const put = await app.inject({ method: "PUT", url: "/runs/run_abc/cancel" });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe("POST");
    expect((await app.inject({ method: "GET", url: "/nothing/here" })).statusCode).toBe(404);
  });
});

describe("host names of a keyless server", () => {
  it("refuses a Host that is not a loopback name (DNS rebinding), serves localhost, 127.0.0.1 and [::1]", async () => {
    const evil = await app.inject({
      method: "POST",
      url: "/runs",
      headers: { host: "evil.example:8080" },
      payload: {},
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe("GATESIM_ERR_HOST_NOT_ALLOWED");
    expect((await app.inject({ method: "GET", url: "/health", headers: { host: "evil.example" } })).statusCode).toBe(
      403,
    );
    for (const host of ["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST"]) {
      expect((await app.inject({ method: "GET", url: "/health", headers: { host } })).statusCode).toBe(200);
    }
  });

  it("serves any Host when the server has keys, and listed names without keys", async () => {
    const keyed = await testApp({ apiKeys: ["k1"] });
    const listed = await testApp({ allowedHosts: ["gatesim.internal"] });
    try {
      expect(
        (await keyed.inject({ method: "GET", url: "/health", headers: { host: "gatesim.example" } })).statusCode,
      ).toBe(200);
      expect(
        (await listed.inject({ method: "GET", url: "/health", headers: { host: "gatesim.internal:80" } })).statusCode,
      ).toBe(200);
    } finally {
      await keyed.close();
      await listed.close();
    }
  });
});

describe("messages that name what is wrong", () => {
  it("names a __proto__ key instead of calling the body invalid JSON", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/runs",
      headers: { "content-type": "application/json" },
      payload: '{"scenario":"mm1","overrides":{"__proto__":{"polluted":1}}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: "GATESIM_ERR_VALIDATION",
      details: [{ path: "body.overrides.__proto__" }],
    });
    expect(res.json().message).not.toMatch(/not valid JSON/);
  });

  it("states the rate window, not the time left in it", async () => {
    const limited = await testApp({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
    try {
      for (let i = 0; i < 2; i++) await limited.inject({ method: "GET", url: "/health" });
      const res = await limited.inject({ method: "GET", url: "/health" });
      expect(res.statusCode).toBe(429);
      expect(res.json().message).toMatch(/^too many requests: at most 2 per minute from one client; retry in \d+ s$/);
    } finally {
      await limited.close();
    }
  });

  it("names a comparison's own field when it is over a limit", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/comparisons",
      payload: { scenarios: ["mm1", "mmc"], replications: 5000 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ path: "replications", message: expect.stringMatching(/at most 200/) }]);
  });
});
