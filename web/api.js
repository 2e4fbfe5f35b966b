/**
 * The dashboard's only door to the simulator: thin wrappers over the HTTP API (same origin).
 * Every call throws an `ApiError` carrying the server's message and code when the answer is not 2xx.
 */

/** An error answer of the API. */
export class ApiError extends Error {
  constructor(status, body) {
    const message = body?.message ?? body?.error ?? `HTTP ${status}`;
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = body?.code;
    this.body = body;
  }
}

async function request(method, path, body) {
  const init = { method, headers: { accept: "application/json" } };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { message: text };
    }
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Shipped scenarios: `[{ name, title, description }]`. */
export async function listScenarios() {
  const data = await request("GET", "/scenarios");
  return Array.isArray(data) ? data : (data?.items ?? data?.scenarios ?? []);
}

/** One shipped scenario (the whole file, with its defaults), by name ("textbook/mm1" too) or by its url. */
export async function getScenario(nameOrUrl) {
  const path = nameOrUrl.startsWith("/")
    ? nameOrUrl
    : `/scenarios/${nameOrUrl.split("/").map(encodeURIComponent).join("/")}`;
  const data = await request("GET", path);
  return data?.scenario && typeof data.scenario === "object" && data.scenario.stages ? data.scenario : data;
}

/** Starts a run; resolves to `{ id, status, url }`. */
export function createRun(body) {
  return request("POST", "/runs", body);
}

/** A page of runs, newest first: `{ items, nextCursor, total }`. */
export async function listRuns(query = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  const data = await request("GET", `/runs${qs ? `?${qs}` : ""}`);
  return Array.isArray(data) ? { items: data, nextCursor: null, total: data.length } : data;
}

/** One run with its status and progress. */
export function getRun(id) {
  return request("GET", `/runs/${encodeURIComponent(id)}`);
}

/** The JSON report of a succeeded run. */
export function getResults(id) {
  return request("GET", `/runs/${encodeURIComponent(id)}/results`);
}

/** Asks the server to cancel a run. */
export function cancelRun(id) {
  return request("POST", `/runs/${encodeURIComponent(id)}/cancel`);
}

/** Starts a comparison of runs (the first is the reference). */
export function createComparison(runIds) {
  return request("POST", "/comparisons", { runs: runIds });
}

/** One comparison with its status and report. */
export function getComparison(id) {
  return request("GET", `/comparisons/${encodeURIComponent(id)}`);
}

/** Done and total replications of a run record or progress event, whatever its exact shape. */
export function progressOf(x) {
  const p = x?.progress ?? x ?? {};
  const total = Number(p.total ?? x?.replications ?? 0);
  const done = Number(p.done ?? x?.done ?? 0);
  return { done: Number.isFinite(done) ? done : 0, total: Number.isFinite(total) ? total : 0 };
}

const FINAL = new Set(["succeeded", "failed", "cancelled", "interrupted"]);

/** True when a run will not change any more. */
export function isFinal(status) {
  return FINAL.has(status);
}

/**
 * Follows a run live through server-sent events (`progress`, then a final `status`), falling back to
 * polling when the stream breaks. Calls `onProgress({done,total})` and `onStatus(run)`; returns a stop function.
 */
export function watchRun(id, { onProgress, onStatus }) {
  let stopped = false;
  let source = null;
  let pollTimer = null;
  const finish = (run) => {
    if (stopped) return;
    onStatus(run);
    if (isFinal(run.status)) stop();
  };
  const poll = async () => {
    if (stopped) return;
    try {
      const run = await getRun(id);
      onProgress(progressOf(run));
      finish(run);
    } catch {
      // A transient failure; the next tick tries again.
    }
    if (!stopped) pollTimer = setTimeout(poll, source ? 3000 : 1000);
  };
  const parse = (e) => {
    try {
      return JSON.parse(e.data);
    } catch {
      return {};
    }
  };
  if (typeof EventSource === "function") {
    source = new EventSource(`/runs/${encodeURIComponent(id)}/events`);
    source.addEventListener("progress", (e) => onProgress(progressOf(parse(e))));
    source.addEventListener("status", (e) => {
      const data = parse(e);
      const run = data.run ?? data;
      if (data.progress || run.progress) onProgress(progressOf(data.progress ? data : run));
      if (run.status) finish({ id, ...run });
      if (isFinal(run.status)) source?.close();
    });
    source.onerror = () => {
      // The server closes the stream after the final status; either way, polling settles the state.
      source?.close();
      source = null;
      if (!stopped && pollTimer !== null) clearTimeout(pollTimer);
      if (!stopped) void poll();
    };
    // A slow poll alongside the stream: a missed event or a stalled proxy can never leave the page waiting.
    pollTimer = setTimeout(poll, 3000);
  } else {
    void poll();
  }
  function stop() {
    stopped = true;
    source?.close();
    if (pollTimer !== null) clearTimeout(pollTimer);
  }
  return stop;
}

/** Checks a run request without launching it: calendar, estimate, or every problem (ApiError with details). */
export function checkRun(body) {
  return request("POST", "/runs/check", body);
}

/** Sets a run's label and/or note (null clears). */
export function annotateRun(id, changes) {
  return request("PATCH", `/runs/${encodeURIComponent(id)}`, changes);
}

/** Deletes a finished run from the history. */
export function deleteRun(id) {
  return request("DELETE", `/runs/${encodeURIComponent(id)}`);
}

/** The inputs a run used: scenario as run, changes, assumed inputs, calendar. */
export function getInputs(id) {
  return request("GET", `/runs/${encodeURIComponent(id)}/inputs`);
}

/** The figures of the replications a run finished (cancelled, failed or still running). */
export function getPartialResults(id) {
  return request("GET", `/runs/${encodeURIComponent(id)}/partial-results`);
}

/** Server limits and counts. */
export function getHealth() {
  return request("GET", "/health");
}

/** The KPI glossary: `[{ id, kind, unit, better?, en, vi }]`. */
export async function getGlossary() {
  return (await request("GET", "/glossary")).items ?? [];
}

/** Launches a sweep: `{ scenario, grid, replications, ... }` → the sweep with its points. */
export function createSweep(body) {
  return request("POST", "/sweeps", body);
}

/** Recent sweeps. */
export async function listSweeps() {
  return (await request("GET", "/sweeps")).items ?? [];
}

/** One sweep with its points and, for finished points, their figures. */
export function getSweep(id) {
  return request("GET", `/sweeps/${encodeURIComponent(id)}`);
}

/** Launches a capacity analysis: `{ scenario, direction, replications, horizonDays, ... }` → the analysis. */
export function createCapacity(body) {
  return request("POST", "/capacity-analyses", body);
}

/** Recent capacity analyses (without their points and reports). */
export async function listCapacity() {
  return (await request("GET", "/capacity-analyses")).items ?? [];
}

/** One capacity analysis: status, progress, points so far, report. */
export function getCapacity(id) {
  return request("GET", `/capacity-analyses/${encodeURIComponent(id)}`);
}

/** Cancels a queued or running capacity analysis. */
export function cancelCapacity(id) {
  return request("POST", `/capacity-analyses/${encodeURIComponent(id)}/cancel`);
}

/** Deletes a finished capacity analysis. */
export function deleteCapacity(id) {
  return request("DELETE", `/capacity-analyses/${encodeURIComponent(id)}`);
}
