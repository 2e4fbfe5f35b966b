/**
 * `Idempotency-Key` on the POSTs that create resources (`POST /runs`, `POST /comparisons`), as payment and
 * cloud APIs do: a client whose request timed out sends it again with the same key and gets the resource
 * the first attempt created (with its status code and `Idempotent-Replayed: true`) instead of a second
 * one; the same key with another body is a 422. Keys are remembered for a day per endpoint; a request
 * that failed (4xx) leaves no key behind, so it can be retried as is.
 *
 * The lookup, the creation and the record happen in one synchronous stretch of the event loop, so two
 * concurrent requests with one key cannot both create.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../scenario/index.js";
import type { RunStore } from "../store/index.js";
import { ApiError, ApiErrorCodes } from "./errors.js";

/** The headers schema of an idempotent POST (other headers pass through untouched). */
export const IdempotencyHeadersSchema = z.looseObject({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, { error: "must be 1-255 visible ASCII characters" })
    .optional()
    .describe(
      "a unique key (e.g. a UUID) per logical request: repeating the request with it returns what the first created; the same key with another body is a 422. Remembered for 24 h",
    ),
});

/** What an idempotent creation answered. */
export interface IdempotentOutcome {
  id: string;
  status: number;
  /** True when the answer repeats an earlier request's. */
  replayed: boolean;
}

/** Creates through `create`, or replays what an earlier request with the same key and body created. */
export function idempotent(
  store: RunStore,
  scope: string,
  key: string | undefined,
  body: unknown,
  now: number,
  create: () => { id: string; status: number },
): IdempotentOutcome {
  if (key === undefined) return { ...create(), replayed: false };
  const bodyHash = createHash("sha256").update(canonicalJson(body)).digest("hex");
  const seen = store.findIdempotent(scope, key, now);
  if (seen !== undefined) {
    if (seen.bodyHash !== bodyHash) {
      throw new ApiError(
        422,
        ApiErrorCodes.IDEMPOTENCY_KEY_REUSED,
        `Idempotency-Key ${JSON.stringify(key)} was used within the last 24 h for ${scope} with another body (it created ${seen.resourceId}); use a new key for a new request`,
        [{ path: "headers.idempotency-key", message: "already used with another body" }],
      );
    }
    return { id: seen.resourceId, status: seen.status, replayed: true };
  }
  const created = create();
  store.saveIdempotent(scope, key, { bodyHash, resourceId: created.id, status: created.status }, now);
  return { ...created, replayed: false };
}
