/**
 * Figures and tables for a terminal: a number to about 4 significant digits, an interval as "[lo, hi]",
 * rows of cells aligned in columns. Shared by every text rendering (run, comparison and sweep reports,
 * per-replication tables, leaderboards), so it has a file of its own rather than living in one of them.
 */

/** Formats a figure for a terminal: about 4 significant digits, thousands kept whole, "-" for missing. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "-" : x > 0 ? "inf" : "-inf";
  const ax = Math.abs(x);
  if (ax === 0) return "0";
  if (ax >= 1000) return x.toFixed(0);
  if (ax >= 100) return x.toFixed(1);
  if (ax >= 1) return x.toFixed(2);
  if (ax >= 0.01) return x.toFixed(3);
  return x.toPrecision(3);
}

/** Aligns rows of cells into columns; numeric-looking columns are right-aligned. */
export function renderTextTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+\d.[\]\s,einf%]*$/.test(r[c] ?? "")));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** "[lo, hi]" of an interval for a terminal. */
export function formatCi(ci: readonly [number, number]): string {
  return `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]`;
}
