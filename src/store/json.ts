/**
 * JSON that keeps NaN and ±Infinity. Results carry them legitimately (a KPI with no trucks has a NaN
 * mean; a one-replication interval is infinite), and plain JSON would turn them into null, so a run
 * reloaded after a restart would aggregate differently from the same run kept in memory.
 */

/** Marker key of an encoded non-finite number: `{"$num":"NaN"}`. */
const NUM_KEY = "$num";

/** `JSON.stringify` that encodes non-finite numbers as `{"$num": "NaN" | "Infinity" | "-Infinity"}`. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? { [NUM_KEY]: String(v) } : v,
  );
}

/** Inverse of `encodeJson`. */
export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const n = (v as Record<string, unknown>)[NUM_KEY];
      if (typeof n === "string" && Object.keys(v).length === 1) return Number(n);
    }
    return v;
  });
}
