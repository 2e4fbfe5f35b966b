/**
 * Errors raised before a request reaches a route, answered in the API's one shape `{code, message}`:
 * - malformed HTTP (bad Content-Length, oversized request line or headers, timeouts), which Node's parser
 *   reports on the socket (fastify's `clientErrorHandler`);
 * - URLs the router cannot decode, or a path segment over the router's length (fastify's `frameworkErrors`);
 * - a known path asked with a method it does not serve: 405 with `Allow`, not 404 (RFC 9110 §15.5.6).
 */
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiErrorCodes, type ErrorBody } from "./errors.js";

/** Status and body for a parser error of Node's HTTP server. */
function clientErrorAnswer(code: string | undefined): { status: number; body: ErrorBody } {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return {
        status: 431,
        body: {
          code: ApiErrorCodes.HEADERS_TOO_LARGE,
          message: "the request line and headers exceed 16 KiB (the URL is part of them)",
        },
      };
    case "ERR_HTTP_REQUEST_TIMEOUT":
    case "ERR_HTTP_HEADERS_TIMEOUT":
      return {
        status: 408,
        body: { code: ApiErrorCodes.REQUEST_TIMEOUT, message: "the request was not received in time" },
      };
    case "HPE_INVALID_CONTENT_LENGTH":
    case "HPE_UNEXPECTED_CONTENT_LENGTH":
      return {
        status: 400,
        body: {
          code: ApiErrorCodes.BAD_REQUEST,
          message: "the Content-Length header is invalid or contradicts the body",
        },
      };
    default:
      return {
        status: 400,
        body: {
          code: ApiErrorCodes.BAD_REQUEST,
          message: `malformed HTTP request${code === undefined ? "" : ` (${code})`}`,
        },
      };
  }
}

/** fastify's `clientErrorHandler`: answers a malformed request on the raw socket, then closes it. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer (https://nodejs.org/api/http.html#event-clienterror).
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const { status, body } = clientErrorAnswer(err.code);
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}

/** fastify's `frameworkErrors`: an undecodable URL is a 400, an overlong path segment a 414. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? { code: ApiErrorCodes.URI_TOO_LONG, message: "a path segment of the URL is longer than 100 characters" }
      : { code: ApiErrorCodes.BAD_URL, message: "the URL is not valid (a percent-encoding does not decode)" };
  void reply
    .code(error.code === "FST_ERR_MAX_PARAM_LENGTH" ? 414 : 400)
    .type("application/json")
    .send(body);
}

/** The methods each route path serves, to tell "no such path" (404) from "not this method" (405). */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];
  private readonly byPath = new Map<string, Set<string>>();

  /** Records routes as they are added (call before any route is registered). */
  install(app: FastifyInstance): void {
    app.addHook("onRoute", (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      let set = this.byPath.get(route.url);
      if (set === undefined) {
        set = new Set();
        this.byPath.set(route.url, set);
        this.routes.push({ pattern: patternOf(route.url), methods: set });
      }
      for (const m of methods) set.add(m.toUpperCase());
    });
  }

  /** The methods the path serves (empty when no route matches it). */
  allowed(path: string): string[] {
    const out = new Set<string>();
    for (const r of this.routes) if (r.pattern.test(path)) for (const m of r.methods) out.add(m);
    return [...out].sort();
  }
}

/** A regular expression matching the concrete paths of a route path (`/runs/:id` → `/runs/[^/]+`). */
function patternOf(url: string): RegExp {
  const source = url
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) return "[^/]+";
      if (part === "*") return ".*";
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`);
}
