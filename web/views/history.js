/**
 * Run history: every run by its name, what was changed, its calendar, status and live progress (with
 * cancel) while it runs; filtered by status and scenario; runs can be opened, ticked for comparison or
 * deleted.
 */
import * as api from "../api.js";
import { fill, h } from "../dom.js";
import { fmt, fmtWhen, t } from "../i18n.js";
import { runProgress } from "../live.js";
import { changesText, isEdited, runName, scenarioTitle } from "../names.js";
import { selection, toggleSelected } from "./compare.js";

const STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"];
const state = { status: "", scenario: "", scenarios: null };

/** Renders the run history into `root`. */
export async function render(root, ctx) {
  fill(root, h("h2", {}, t("historyTitle")), h("p", { class: "note", role: "status" }, t("loading")));
  let page;
  try {
    if (!state.scenarios) state.scenarios = await api.listScenarios();
    page = await api.listRuns({ limit: 100, status: state.status || undefined, scenario: state.scenario || undefined });
  } catch (err) {
    fill(
      root,
      h("h2", {}, t("historyTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
    return;
  }
  const runs = page.items ?? [];
  const rerender = async (focusId) => {
    await render(root, ctx);
    if (focusId) document.getElementById(focusId)?.focus();
  };
  const filters = h(
    "div",
    { class: "filters" },
    h(
      "div",
      { class: "field field-inline" },
      h("label", { for: "status-filter" }, t("filterStatus")),
      h(
        "select",
        {
          id: "status-filter",
          onchange: (e) => {
            state.status = e.target.value;
            void rerender("status-filter");
          },
        },
        h("option", { value: "" }, t("allStatuses")),
        STATUSES.map((s) => h("option", { value: s, selected: s === state.status }, t(`status_${s}`))),
      ),
    ),
    h(
      "div",
      { class: "field field-inline" },
      h("label", { for: "scenario-filter" }, t("filterScenario")),
      h(
        "select",
        {
          id: "scenario-filter",
          onchange: (e) => {
            state.scenario = e.target.value;
            void rerender("scenario-filter");
          },
        },
        h("option", { value: "" }, t("allScenarios")),
        (state.scenarios ?? []).map((s) =>
          h("option", { value: s.name, selected: s.name === state.scenario }, scenarioTitle(s.name, s.title)),
        ),
      ),
    ),
  );
  const toolbar = h(
    "div",
    { class: "toolbar" },
    filters,
    h("button", { type: "button", id: "history-refresh", onclick: () => rerender("history-refresh") }, t("refresh")),
    h(
      "button",
      { type: "button", class: "primary", id: "history-compare", onclick: () => ctx.navigate("#compare") },
      t("compareSelected"),
    ),
  );
  const table =
    runs.length === 0
      ? h("p", { class: "note" }, t("noRuns"))
      : h(
          "div",
          { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("historyTitle") },
          h(
            "table",
            { class: "history-table", id: "history-table" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                [
                  t("select"),
                  t("run"),
                  t("scenario"),
                  t("changesTitle"),
                  t("status"),
                  t("experiment"),
                  t("created"),
                  t("actions"),
                ].map((x) => h("th", { scope: "col" }, x)),
              ),
            ),
            h(
              "tbody",
              {},
              runs.map((r) => {
                const name = runName(r);
                return h(
                  "tr",
                  { "data-run": r.id, "data-status": r.status },
                  h(
                    "td",
                    {},
                    h("input", {
                      type: "checkbox",
                      checked: selection.includes(r.id),
                      disabled: r.status !== "succeeded",
                      "aria-label": t("selectRun", { name }),
                      onchange: (e) => toggleSelected(r.id, e.target.checked),
                    }),
                  ),
                  h(
                    "td",
                    {},
                    h("a", { href: `#results/${r.id}` }, name),
                    r.note ? h("p", { class: "note" }, r.note) : null,
                  ),
                  h("td", {}, scenarioTitle(r.scenario?.name, r.scenario?.title)),
                  h(
                    "td",
                    { class: "changes-cell" },
                    isEdited(r)
                      ? h("span", {}, h("span", { class: "badge edited" }, t("edited")), ` ${changesText(r)}`)
                      : "–",
                  ),
                  h("td", {}, runProgress(r)),
                  h(
                    "td",
                    {},
                    t("runSettings", {
                      seed: r.seed,
                      reps: fmt(r.replications, 0),
                      days: fmt(r.horizonDays, 0),
                      warmup: fmt(r.warmupDays, 0),
                    }),
                  ),
                  h("td", {}, fmtWhen(r.createdAt)),
                  h(
                    "td",
                    {},
                    api.isFinal(r.status)
                      ? h(
                          "button",
                          {
                            type: "button",
                            class: "link-button delete-run",
                            "aria-label": `${t("delete")}: ${name}`,
                            onclick: async () => {
                              if (!window.confirm(t("confirmDelete", { name }))) return;
                              await api.deleteRun(r.id);
                              toggleSelected(r.id, false);
                              await rerender("history-refresh");
                            },
                          },
                          t("delete"),
                        )
                      : null,
                  ),
                );
              }),
            ),
          ),
        );
  fill(root, h("h2", {}, t("historyTitle")), toolbar, table);
}
