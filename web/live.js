/**
 * Runs in progress, wherever they are shown: one live stream per run (server-sent events, with polling
 * behind it) shared by every widget that shows the run, and the progress widget itself (status,
 * replications done, a progress bar, cancel). The state lives on the server, so a reload shows the
 * same progress and keeps following it.
 */
import * as api from "./api.js";
import { fill, h, statusBadge } from "./dom.js";
import { fmt, t } from "./i18n.js";

/** Followed runs by id: the latest record, listeners, and the stop function of the stream. */
const followed = new Map();

/** Follows run `run.id` live; `listener(run)` hears every change. Returns the unsubscribe function. */
export function followRun(run, listener) {
  let entry = followed.get(run.id);
  if (!entry) {
    entry = { run: { ...run }, listeners: new Set(), stop: null };
    followed.set(run.id, entry);
    const e = entry;
    const update = (changes) => {
      e.run = { ...e.run, ...changes };
      for (const l of [...e.listeners]) l(e.run);
    };
    if (!api.isFinal(run.status)) {
      e.stop = api.watchRun(run.id, {
        onProgress: (p) => {
          const total = p.total > 0 ? p.total : (e.run.progress?.total ?? e.run.replications);
          const status = e.run.status === "queued" && p.done > 0 ? "running" : e.run.status;
          update({ status, progress: { done: Math.max(p.done, e.run.progress?.done ?? 0), total } });
        },
        onStatus: (r) => {
          update(r);
          if (api.isFinal(r.status)) {
            e.stop = null;
            followed.delete(run.id);
          }
        },
      });
    }
  }
  entry.listeners.add(listener);
  const e = entry;
  return () => {
    e.listeners.delete(listener);
    if (e.listeners.size === 0 && e.stop) {
      e.stop();
      followed.delete(run.id);
    }
  };
}

/** Replications done and total of a run record, never missing. */
function progressOf(run) {
  const p = api.progressOf(run);
  return { done: p.done, total: p.total || Number(run.replications) || 0 };
}

/**
 * A live progress widget for a run: status, "2 / 4 replications", a progress bar, and a cancel button
 * while the run can be cancelled. `ids: true` gives its parts the ids of the launch view's main panel.
 * `onEnd(run)` is called once when the run reaches a final status.
 */
export function runProgress(run, { ids = false, onEnd } = {}) {
  const el = h("div", { class: "run-progress", "data-run": run.id, "aria-live": "polite" });
  let ended = api.isFinal(run.status);
  let unsubscribe = null;
  const draw = (r) => {
    if (unsubscribe && !el.isConnected && el.dataset.attached === "true") {
      unsubscribe();
      return;
    }
    if (el.isConnected) el.dataset.attached = "true";
    const { done, total } = progressOf(r);
    const barId = ids ? "run-progress" : `progress-${r.id}`;
    const parts = [
      h("div", { class: "progress-row" }, statusBadge(r.status)),
      h("label", { for: barId, class: "visually-hidden" }, t("progress")),
      h("progress", { id: barId, max: Math.max(1, total), value: Math.min(done, total) }),
      h(
        "span",
        { class: "progress-text", id: ids ? "progress-text" : null },
        `${fmt(done, 0)} / ${fmt(total, 0)} ${t("replicationsDone")}`,
      ),
    ];
    if (r.status === "queued" && typeof r.queuePosition === "number")
      parts.push(h("span", { class: "note" }, t("queuePosition", { n: fmt(r.queuePosition, 0) })));
    if (!api.isFinal(r.status)) {
      parts.push(
        h(
          "button",
          {
            type: "button",
            class: "cancel-run",
            id: ids ? "cancel-run" : null,
            "aria-label": `${t("cancel")}: ${t("run")} ${r.number ?? ""}`.trim(),
            onclick: async (e) => {
              e.target.disabled = true;
              try {
                await api.cancelRun(r.id);
              } catch (err) {
                el.append(h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`));
              }
            },
          },
          t("cancel"),
        ),
      );
    }
    el.dataset.status = r.status;
    fill(el, ...parts);
    if (!ended && api.isFinal(r.status)) {
      ended = true;
      onEnd?.(r);
    }
  };
  draw(run);
  if (!ended) unsubscribe = followRun(run, draw);
  return el;
}
