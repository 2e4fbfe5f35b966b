/**
 * "Did you mean": the nearest valid name for a misspelled stage, policy, distribution type or key, so that
 * an error names the fix and not only the problem.
 */

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The known name closest to `name`, if it is close enough to be a likely typo: at most a third of the
 * longer name's letters differ (and at most 3), or one contains the other.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    if (k === name) return undefined;
    const d = editDistance(name, k);
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(name.length, best.length) / 3)));
  const contains = name.length >= 3 && best.toLowerCase().includes(name.toLowerCase());
  return bestDistance <= limit || contains ? best : undefined;
}

/**
 * The message for an unknown name: `unknown stage "xrya"; did you mean "xray"? (known: a, b, c)`, or
 * `unknown stage "q"; known: a, b, c` when no name is close (the list is cut after `listMax` names).
 */
export function unknownName(what: string, name: string, known: readonly string[], listMax = 20): string {
  const list = known.length > listMax ? `${known.slice(0, listMax).join(", ")}, ...` : known.join(", ");
  const suggestion = closestName(name, known);
  if (suggestion !== undefined) return `unknown ${what} "${name}"; did you mean "${suggestion}"? (known: ${list})`;
  return known.length > 0 ? `unknown ${what} "${name}"; known: ${list}` : `unknown ${what} "${name}"`;
}

/** One problem at a dotted path (the shape of `ScenarioIssue`). */
interface Problem {
  path: string;
  message: string;
}

/** The minimal view of a zod issue this module reads. */
interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: ZodIssueLike[][];
  keys?: string[];
  options?: unknown[];
  discriminator?: string;
  expected?: string;
  note?: string;
}

/** The value at `path` inside `data`, or undefined. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Keys the schema allows in the object at `path` of `data` (the scenario schema walked alongside the data). */
function knownKeysAt(schema: unknown, path: readonly PropertyKey[], data: unknown): string[] {
  let node = unwrap(schema, valueAt(data, []));
  for (let i = 0; i < path.length && node !== undefined; i++) {
    const def = defOf(node);
    const key = path[i] as PropertyKey;
    const child =
      def?.type === "object"
        ? (def.shape as Record<string, unknown>)[String(key)]
        : def?.type === "record"
          ? def.valueType
          : def?.type === "array"
            ? def.element
            : undefined;
    node = unwrap(child, valueAt(data, path.slice(0, i + 1)));
  }
  const def = defOf(node);
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

/** A zod schema's definition (zod 4 keeps it at `_zod.def`). */
function defOf(schema: unknown): Record<string, unknown> | undefined {
  return (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
}

/** Looks through optional/default/pipe wrappers and picks the union member matching `value`'s `type`. */
function unwrap(schema: unknown, value: unknown): unknown {
  let node = schema;
  for (let guard = 0; guard < 16; guard++) {
    const def = defOf(node);
    if (def === undefined) return undefined;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") {
      node = def.innerType;
    } else if (def.type === "pipe") {
      node = def.in;
    } else if (def.type === "union") {
      const options = def.options as unknown[];
      const type = (value as { type?: unknown } | undefined)?.type;
      const objects = options
        .map((o) => unwrap(o, value))
        .filter((o) => defOf(o)?.type === "object" || defOf(o)?.type === "union");
      const byType = objects.find((o) => {
        const t = defOf((defOf(o)?.shape as Record<string, unknown> | undefined)?.type);
        return t?.type === "literal" && (t.values as unknown[]).includes(type);
      });
      node = byType ?? (objects.length === 1 ? objects[0] : undefined);
    } else {
      return node;
    }
  }
  return undefined;
}

/**
 * zod's issues in planners' words, one per problem, each with its dotted path: a union's "Invalid input"
 * is replaced by the problems of the member the value was meant for (an object with a `type`), an unknown
 * `type` or key gets the nearest valid name, and a missing field says it is required.
 */
export function explainIssues(issues: readonly ZodIssueLike[], data: unknown, schema?: unknown): Problem[] {
  const out: Problem[] = [];
  const walk = (list: readonly ZodIssueLike[], prefix: readonly PropertyKey[]): void => {
    for (const issue of list) {
      const path = [...prefix, ...issue.path];
      const dotted = path.map(String).join(".");
      if (issue.code === "invalid_union" && issue.note === "No matching discriminator") {
        const value = valueAt(data, path);
        const known = (issue.options ?? []).map(String);
        const what = /^unknown ([a-z ]+?); known/.exec(issue.message)?.[1] ?? `${issue.discriminator ?? "type"}`;
        out.push({
          path: dotted,
          message:
            value === undefined ? `is required; one of: ${known.join(", ")}` : unknownName(what, String(value), known),
        });
      } else if (issue.code === "invalid_union" && issue.errors !== undefined && issue.errors.length > 0) {
        // Members that failed only because the value has another basic type (a number where an object
        // was given) are not what the author meant; the others' problems are the real ones.
        const meant = issue.errors.filter(
          (branch) => !(branch.length === 1 && branch[0]?.code === "invalid_type" && branch[0].path.length === 0),
        );
        if (meant.length === 0) out.push({ path: dotted, message: issue.message });
        else
          walk(
            meant.reduce((a, b) => (b.length < a.length ? b : a)),
            path,
          );
      } else if (issue.code === "unrecognized_keys" && issue.keys !== undefined) {
        const known = schema === undefined ? [] : knownKeysAt(schema, path, data);
        for (const key of issue.keys) {
          out.push({ path: [...path, key].map(String).join("."), message: unknownName("key", key, known) });
        }
      } else if (issue.code === "invalid_type" && valueAt(data, path) === undefined) {
        out.push({ path: dotted, message: `is required (${issue.expected ?? "a value"})` });
      } else {
        out.push({ path: dotted, message: issue.message });
      }
    }
  };
  walk(issues, []);
  return out;
}
