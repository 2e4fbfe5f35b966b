/**
 * Fields that V8 must treat as mutable from the start.
 *
 * V8 marks a field "constant" while it holds the value it was initialized with, and optimized code may
 * rely on that (it reuses a loaded value across calls, or embeds it). The first store of another value
 * throws away every piece of optimized code that relied on it. A field that changes only now and then
 * (a flag set at the end of the warm-up, a wheel resized, a ring grown) changes for the first time
 * long after the model's code was optimized: in the first replication of a 30-day baseline, `measuring`
 * alone took 11 functions with it, each compiled again. Storing another value of the same kind, then the
 * real one, at construction makes the field mutable before any code is compiled. Not a rule for every
 * field: the code compiled again after such a change can be better than the first, and for the truck
 * pool's columns it was (`TruckPool` says by how much); the fields given here were measured together
 * (docs/model-performance.md, "Code V8 threw away").
 *
 * The same goes for a field's representation. Times are integer ms, which V8 keeps as small integers
 * (Smis) until 2^31 ms, i.e. 24.8 simulated days, and sums and means become fractions at their first
 * observations. A field that held only Smis then needs a heap-double slot: V8 changes the object's hidden
 * class and throws away the optimized code of every function that touched it (35 deoptimizations at once
 * in the gate model, and the next replication's objects built with the new class threw away 27 more). A
 * double stored first, at construction, gives such a field its final representation.
 */

/**
 * Stores a different value of the same kind, then the current one, into each named field of `obj`; without
 * names, into every own field that holds a number, a boolean or a typed array (counters, flags, columns).
 */
export function mutableFromTheStart(obj: object, fields?: readonly string[]): void {
  const o = obj as Record<string, unknown>;
  for (const f of fields ?? Object.keys(o).filter((k) => isEligible(o[k]))) {
    if (!(f in o)) throw new Error(`mutableFromTheStart: no field "${f}"`);
    const v = o[f];
    o[f] = otherOfSameKind(v, f);
    o[f] = v;
  }
}

/**
 * Stores a double (0.5), then the current value, into each named number field of `obj`: the field is a
 * double from the start, whatever its first value (see the module's comment).
 */
export function doubleFromTheStart(obj: object, fields: readonly string[]): void {
  const o = obj as Record<string, unknown>;
  for (const f of fields) {
    const v = o[f];
    if (typeof v !== "number") throw new Error(`doubleFromTheStart: field "${f}" is not a number`);
    o[f] = 0.5;
    o[f] = v;
  }
}

/** Whether `v` is a number, a boolean or a typed array: the kinds `otherOfSameKind` can stand in for. */
function isEligible(v: unknown): boolean {
  return typeof v === "number" || typeof v === "boolean" || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** A value of the same V8 kind as `v` (a small integer, a double, a boolean, a typed array of its class). */
function otherOfSameKind(v: unknown, field: string): unknown {
  if (!isEligible(v))
    throw new Error(`mutableFromTheStart: field "${field}" is not a number, a boolean or a typed array`);
  if (typeof v === "number") return v + 1;
  if (typeof v === "boolean") return !v;
  return new ((v as object).constructor as new (n: number) => unknown)(0);
}
