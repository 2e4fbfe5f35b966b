/**
 * Comparison view: pick two or more finished runs; the server pairs their replications (common random
 * numbers). The answer leads with one sentence per key figure (absolute and relative change, better or
 * worse, or why it is not news: not significant, or under the practical threshold), then a chart on a
 * labelled percent scale and the tables. Runs that cannot be paired are explained, with a rerun of the
 * odd one out under the reference's settings.
 */
import * as api from "../api.js";
import { differencesChart } from "../charts/compare.js";
import { card, download, fill, h, innerWidth, statusBadge } from "../dom.js";
import { fmt, fmtWhen, t } from "../i18n.js";
import { isEdited, runName, scenarioTitle } from "../names.js";
import { diffTable, headline, pairingExplanation, pairingProblems, rerunPanel, sideBySide } from "./compare-parts.js";
import { comparisonReportHtml } from "./compare-report.js";

/** Runs picked for comparison, in the order they were ticked (the first is the reference). Shared with history. */
export const selection = [];

/** Adds or removes a run from the selection. */
export function toggleSelected(id, on) {
  const i = selection.indexOf(id);
  if (on && i < 0) selection.push(id);
  if (!on && i >= 0) selection.splice(i, 1);
}

const state = { comparison: null, error: null, busy: false, showAll: false, practical: 5, rerun: null };

async function waitForComparison(created) {
  let c = created;
  for (let i = 0; i < 600 && c && !c.report && c.status !== "failed"; i++) {
    await new Promise((r) => setTimeout(r, 500));
    c = await api.getComparison(created.id);
  }
  return c;
}

/** Renders the comparison view into `root`; `id` opens a stored comparison. */
export async function render(root, ctx, id) {
  fill(root, h("h2", {}, t("compareTitle")), h("p", { class: "note", role: "status" }, t("loading")));
  let runs = [];
  try {
    runs = (await api.listRuns({ status: "succeeded", limit: 100 })).items ?? [];
    if (id && state.comparison?.id !== id) state.comparison = await api.getComparison(id);
  } catch (err) {
    state.error = err;
  }
  draw(root, ctx, runs);
}

/** Launches run `b` again with the reference's seed, replications, days and warm-up. */
async function rerunMatched(root, ctx, runs, reference, b) {
  try {
    const body = {
      scenario: b.scenarioRef ?? b.scenario?.name,
      overrides: b.overrides ?? {},
      seed: reference.seed,
      replications: reference.replications,
      horizonDays: reference.horizonDays,
      warmupDays: reference.warmupDays,
      label: `${runName(b)} · ${t("matchedSuffix")}`.slice(0, 120),
    };
    const created = await api.createRun(body);
    toggleSelected(b.id, false);
    state.error = null;
    // Answered at once from an identical stored run (the cache): selected now, and the panel says so.
    const cached = created.status === "succeeded";
    state.rerun = { run: created, cached };
    if (cached) {
      toggleSelected(created.id, true);
      return render(root, ctx);
    }
  } catch (err) {
    state.error = err;
  }
  draw(root, ctx, runs);
}

function draw(root, ctx, runs) {
  const byId = new Map(runs.map((r) => [r.id, r]));
  for (const id of [...selection]) if (!byId.has(id)) toggleSelected(id, false);
  const picked = selection.map((id) => byId.get(id)).filter(Boolean);
  const reference = picked[0];
  const mismatched = reference
    ? picked
        .slice(1)
        .map((run) => ({ run, problems: pairingProblems(reference, run) }))
        .filter((m) => m.problems.length > 0)
    : [];
  const button = h(
    "button",
    { type: "button", class: "primary", id: "compare-button", disabled: state.busy },
    state.busy ? t("comparing") : t("compareSelected"),
  );
  button.addEventListener("click", async () => {
    if (selection.length < 2) {
      state.error = new Error(t("needTwoRuns"));
      return draw(root, ctx, runs);
    }
    if (mismatched.length > 0) return draw(root, ctx, runs);
    // A finished rerun has done its job once the comparison is asked for.
    if (state.rerun && api.isFinal(state.rerun.run.status)) state.rerun = null;
    state.busy = true;
    state.error = null;
    draw(root, ctx, runs);
    try {
      state.comparison = await waitForComparison(await api.createComparison([...selection]));
      if (state.comparison?.id) history.replaceState(null, "", `#compare/${state.comparison.id}`);
    } catch (err) {
      state.error = err;
    } finally {
      state.busy = false;
      draw(root, ctx, runs);
    }
  });
  const picker = h(
    "fieldset",
    { class: "run-picker" },
    h("legend", {}, t("compareHelp")),
    runs.length === 0
      ? h("p", { class: "note" }, t("noRuns"))
      : h(
          "ul",
          { class: "run-list" },
          runs.map((r) => {
            const cid = `cmp-${r.id}`;
            const order = selection.indexOf(r.id);
            return h(
              "li",
              {},
              h("input", {
                type: "checkbox",
                id: cid,
                checked: order >= 0,
                "data-run": r.id,
                onchange: (e) => {
                  toggleSelected(r.id, e.target.checked);
                  draw(root, ctx, runs);
                  document.getElementById(cid)?.focus();
                },
              }),
              h(
                "label",
                { for: cid },
                order >= 0 ? h("span", { class: "order" }, order === 0 ? t("reference") : `B${order}`) : null,
                h("strong", {}, runName(r)),
                isEdited(r) ? h("span", { class: "badge edited" }, t("edited")) : null,
                ` · ${scenarioTitle(r.scenario?.name, r.scenario?.title)} · ${t("runSettings", { seed: r.seed, reps: fmt(r.replications, 0), days: fmt(r.horizonDays, 0), warmup: fmt(r.warmupDays, 0) })} · ${fmtWhen(r.createdAt)}`,
              ),
            );
          }),
        ),
    h("div", { class: "actions" }, button),
  );
  const children = [h("h2", {}, t("compareTitle")), picker];
  if (mismatched.length > 0)
    children.push(pairingExplanation(reference, mismatched, (b) => rerunMatched(root, ctx, runs, reference, b)));
  if (state.rerun) {
    children.push(
      rerunPanel(state.rerun, {
        onEnd: (r) => {
          if (r.status === "succeeded") toggleSelected(r.id, true);
          // Closed meanwhile (or another rerun since): nothing to say about this one.
          if (state.rerun?.run.id === r.id) state.rerun = { ...state.rerun, run: r };
          void render(root, ctx);
        },
        onClose: () => {
          state.rerun = null;
          draw(root, ctx, runs);
        },
      }),
    );
  }
  if (state.error) children.push(h("p", { class: "error", role: "alert" }, `${t("error")}: ${state.error.message}`));
  const c = state.comparison;
  if (c?.status === "failed")
    children.push(h("p", { class: "error", role: "alert" }, `${t("error")}: ${c.error?.message ?? ""}`));
  const report = c?.report;
  let chartCard = null;
  if (report) {
    const ids = report.runs ?? (c.runs ?? []).map((r) => r.id ?? r);
    const labels = ids.map((rid, i) =>
      byId.get(rid)
        ? runName(byId.get(rid))
        : scenarioTitle(report.scenarios?.[i]?.scenario?.name, report.scenarios?.[i]?.scenario?.title),
    );
    const differences = (report.differences ?? []).map((d, i) => ({ ...d, label: labels[i + 1] }));
    const threshold = h("input", {
      id: "practical-threshold",
      type: "number",
      min: 0,
      max: 100,
      step: 1,
      value: String(state.practical),
      onchange: (e) => {
        const x = Number(e.target.value);
        if (Number.isFinite(x) && x >= 0) state.practical = x;
        draw(root, ctx, runs);
        document.getElementById("practical-threshold")?.focus();
      },
    });
    children.push(
      card(
        "compareAnswer",
        "compareAnswerNote",
        headline(report, labels, state.practical),
        h(
          "div",
          { class: "field field-inline" },
          h("label", { for: "practical-threshold" }, t("practicalThreshold")),
          threshold,
        ),
      ),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            id: "download-compare-json",
            onclick: () => download(`gatesim-comparison-${c.id}.json`, JSON.stringify(c, null, 2), "application/json"),
          },
          t("downloadJson"),
        ),
        h(
          "button",
          {
            type: "button",
            id: "download-compare-html",
            onclick: async () =>
              download(
                `gatesim-comparison-${c.id}.html`,
                await comparisonReportHtml(c, byId, labels, state.practical),
                "text/html",
              ),
          },
          t("downloadHtml"),
        ),
        h(
          "a",
          {
            class: "button",
            id: "download-compare-csv",
            // The server writes the CSV; the runs are named as this page names them.
            href: `/comparisons/${c.id}/results.csv?${labels.map((l) => `label=${encodeURIComponent(l)}`).join("&")}`,
            download: "",
          },
          t("downloadCsv"),
        ),
      ),
    );
    chartCard = card("pairedDiffs", "pairedDiffsNote");
    children.push(chartCard);
    const total = Object.keys(report.scenarios?.[0]?.kpis ?? {}).length;
    const toggle = h(
      "button",
      {
        type: "button",
        id: "toggle-all-figures",
        "aria-expanded": String(state.showAll),
        onclick: () => {
          state.showAll = !state.showAll;
          draw(root, ctx, runs);
          document.getElementById("toggle-all-figures")?.focus();
        },
      },
      state.showAll ? t("showKeyFigures") : t("showAllFigures", { n: total }),
    );
    children.push(
      card(
        "sideBySide",
        null,
        h("div", { class: "actions table-toggle" }, toggle),
        sideBySide(report, labels, state.showAll),
      ),
    );
    children.push(
      ...differences.map((d, i) => diffTable(report, d, labels[i + 1], labels[0], state.practical, state.showAll)),
    );
    fill(root, ...children);
    chartCard.append(
      h(
        "figure",
        { class: "chart", id: "chart-diffs" },
        differencesChart(differences, state.practical, innerWidth(chartCard)),
      ),
    );
    return;
  }
  if (c && !report && c.status !== "failed") children.push(h("p", {}, statusBadge("running")));
  fill(root, ...children);
}
