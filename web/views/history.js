/** Run history: every run with its status and progress, filterable; open one, or tick runs to compare. */
import * as api from "../api.js";
import { h, shortId, statusBadge, when } from "../dom.js";
import { t } from "../i18n.js";
import { selection, toggleSelected } from "./compare.js";

const STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"];
const state = { status: "" };

/** Renders the run history into `root`. */
export async function render(root, ctx) {
  root.replaceChildren(h("h2", {}, t("historyTitle")), h("p", { class: "note", role: "status" }, "…"));
  let page;
  try {
    page = await api.listRuns({ limit: 100, status: state.status || undefined });
  } catch (err) {
    root.replaceChildren(
      h("h2", {}, t("historyTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
    return;
  }
  const runs = page.items ?? [];
  const filter = h(
    "div",
    { class: "field field-inline" },
    h("label", { for: "status-filter" }, t("filterStatus")),
    h(
      "select",
      {
        id: "status-filter",
        onchange: async (e) => {
          state.status = e.target.value;
          await render(root, ctx);
          document.getElementById("status-filter")?.focus();
        },
      },
      h("option", { value: "" }, t("allStatuses")),
      STATUSES.map((s) => h("option", { value: s, selected: s === state.status }, t(`status_${s}`))),
    ),
  );
  const toolbar = h(
    "div",
    { class: "toolbar" },
    filter,
    h("button", { type: "button", id: "history-refresh", onclick: () => render(root, ctx) }, t("refresh")),
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
                h("th", { scope: "col" }, t("select")),
                h("th", { scope: "col" }, t("run")),
                h("th", { scope: "col" }, t("scenario")),
                h("th", { scope: "col", title: t("configHashHelp") }, t("configHash")),
                h("th", { scope: "col" }, t("status")),
                h("th", { scope: "col" }, t("progress")),
                h("th", { scope: "col" }, t("replications")),
                h("th", { scope: "col" }, t("seed")),
                h("th", { scope: "col" }, t("horizonDays")),
                h("th", { scope: "col" }, t("created")),
                h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("open"))),
              ),
            ),
            h(
              "tbody",
              {},
              runs.map((r) => {
                const p = api.progressOf(r);
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
                      "aria-label": t("selectRun", { id: shortId(r.id) }),
                      onchange: (e) => toggleSelected(r.id, e.target.checked),
                    }),
                  ),
                  h("td", {}, h("code", { title: r.id }, shortId(r.id))),
                  h("td", {}, r.scenario?.title || r.scenario?.name || r.scenarioTitle || r.scenarioName),
                  h("td", {}, h("code", { title: r.scenario?.hash ?? "" }, (r.scenario?.hash ?? "").slice(0, 8))),
                  h("td", {}, statusBadge(r.status)),
                  h("td", { class: "num" }, `${p.done} / ${p.total || r.replications}`),
                  h("td", { class: "num" }, String(r.replications)),
                  h("td", { class: "num" }, String(r.seed)),
                  h("td", { class: "num" }, String(r.horizonDays)),
                  h("td", {}, when(r.createdAt)),
                  h(
                    "td",
                    {},
                    h("a", { href: `#results/${r.id}`, "aria-label": `${t("open")} ${shortId(r.id)}` }, t("open")),
                  ),
                );
              }),
            ),
          ),
        );
  root.replaceChildren(h("h2", {}, t("historyTitle")), toolbar, table);
}
