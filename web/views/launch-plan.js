/**
 * The launch view's panels: what the form will run (calendar window, seasons, expected run time, from
 * `POST /runs/check`), the run just launched, and every run queued or running on the server, each with
 * live progress (they survive a reload: the list comes from the server).
 */
import * as api from "../api.js";
import { fill, h } from "../dom.js";
import { fmt, fmtDate, fmtDuration, t } from "../i18n.js";
import { runProgress } from "../live.js";
import { runName, seasonName } from "../names.js";

/** Shows a check's answer: the calendar window, its seasons, and the expected run time. */
export function drawPlanPanel(el, check) {
  const c = check.calendar;
  const seasons = c.seasons.filter((s) => s.to >= c.startDate && s.from <= c.measuredTo);
  const e = check.estimate;
  fill(
    el,
    h("h3", {}, t("planTitle")),
    h(
      "p",
      { id: "plan-window" },
      t("planWindow", {
        from: fmtDate(c.startDate),
        to: fmtDate(c.measuredTo),
        days: fmt(c.horizonDays, 0),
        measuredFrom: fmtDate(c.measuredFrom),
        warmup: fmt(c.warmupDays, 0),
      }),
    ),
    seasons.length
      ? h(
          "p",
          { id: "plan-seasons" },
          `${t("planSeasons")} `,
          seasons
            .map(
              (s) =>
                `${seasonName(s.name)} (${fmtDate(s.from, { day: "numeric", month: "short" })} – ${fmtDate(s.to, { day: "numeric", month: "short" })})`,
            )
            .join("; "),
        )
      : null,
    h(
      "p",
      { id: "plan-estimate" },
      check.cachedFrom
        ? t("planCached")
        : t(e.basis === "history" ? "planEstimateHistory" : "planEstimateDefault", {
            low: fmtDuration(e.low),
            high: fmtDuration(e.high),
            reps: fmt(check.replications, 0),
          }),
    ),
  );
}

/** The panel of the run just launched from this page: live progress, then the way to its results. */
export function drawLaunched(panel, run, onEnd) {
  if (!panel) return;
  const link = () =>
    h("a", { class: "button primary", id: "view-results-link", href: `#results/${run.id}` }, t("viewResults"));
  fill(
    panel,
    h("p", { class: "run-name" }, h("a", { href: `#results/${run.id}` }, runName(run))),
    runProgress(run, {
      ids: true,
      onEnd: (r) => {
        onEnd(r);
        if (r.status === "succeeded") {
          panel.append(link());
          panel.querySelector("#view-results-link")?.focus();
        }
      },
    }),
    run.status === "succeeded" ? link() : null,
  );
}

/** Runs queued or running on the server, each with its live progress (they survive a reload). */
export async function drawActiveRuns(el) {
  if (!el) return;
  let runs = [];
  try {
    const [running, queued] = await Promise.all([
      api.listRuns({ status: "running", limit: 20 }),
      api.listRuns({ status: "queued", limit: 20 }),
    ]);
    runs = [...(running.items ?? []), ...(queued.items ?? [])];
  } catch (err) {
    fill(el, h("p", { class: "error" }, `${t("error")}: ${err.message}`));
    return;
  }
  if (runs.length === 0) {
    fill(el, h("p", { class: "note" }, t("noActiveRuns")));
    return;
  }
  fill(
    el,
    h(
      "ul",
      { class: "active-list" },
      runs.map((r) => h("li", { "data-run": r.id }, h("a", { href: `#results/${r.id}` }, runName(r)), runProgress(r))),
    ),
  );
}
