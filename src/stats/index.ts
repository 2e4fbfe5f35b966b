/**
 * Output analysis: across-replication summaries with Student-t intervals, series bands, paired
 * comparisons under common random numbers, MSER-5 warm-up detection, and report rendering (JSON
 * contract, text table, CSV rows, self-contained HTML). Pure TypeScript: no I/O, no npm packages.
 */
export * from "./aggregate.js";
export * from "./event-log-format.js";
export * from "./glossary.js";
export * from "./glossary-markdown.js";
export * from "./html-report.js";
export * from "./html-report-text.js";
export * from "./leaderboard.js";
export * from "./leaderboard-html.js";
export * from "./mser.js";
export * from "./multivariate-t.js";
export * from "./paired.js";
export * from "./per-replication.js";
export * from "./report.js";
export * from "./selection.js";
export * from "./student-t.js";
export * from "./summary.js";
