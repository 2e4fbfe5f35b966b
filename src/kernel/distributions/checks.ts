/**
 * Parameter validation of the samplers (constructors only): a clear `RangeError` naming the distribution and
 * the parameter.
 */

export function fail(dist: string, param: string, rule: string, value: unknown): never {
  throw new RangeError(`${dist}: ${param} must be ${rule}, got ${String(value)}`);
}

export function requireFinite(dist: string, param: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(dist, param, "a finite number", value);
  return value;
}

export function requirePositive(dist: string, param: string, value: number): number {
  requireFinite(dist, param, value);
  if (!(value > 0)) fail(dist, param, "> 0", value);
  return value;
}

export function requireNumberArray(dist: string, param: string, values: readonly number[], minLength: number): void {
  if (!Array.isArray(values)) fail(dist, param, "an array of numbers", values);
  if (values.length < minLength) fail(dist, param, `an array of at least ${minLength} numbers`, `[${values}]`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) fail(dist, `${param}[${i}]`, "a finite number", v);
  }
}
