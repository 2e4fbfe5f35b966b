/**
 * Glossary view: the terms of the reports (replication, seed, warm-up, 95 % interval), then every KPI,
 * stage figure, series (daily, sampled, per stage) and other field of a result with its unit and definition, from the KPI glossary the server serves, in the page's
 * language, with a filter. The name each figure has in CSV and JSON exports is given as code.
 */
import { fill, h } from "../dom.js";
import { getLang, t, unitName } from "../i18n.js";
import { glossaryItems } from "../names.js";

const state = { filter: "" };

/** Renders the glossary into `root`. */
export async function render(root) {
  const items = glossaryItems();
  const list = h("div", { id: "glossary-list" });
  const draw = () => {
    const q = state.filter.trim().toLowerCase();
    const lang = getLang();
    const groups = [
      ["term", "glossaryTerms"],
      ["kpi", "glossaryKpis"],
      ["stage", "glossaryStages"],
      ["series", "glossarySeries"],
      ["field", "glossaryFields"],
    ].map(([kind, key]) => {
      const shown = items.filter(
        (g) => g.kind === kind && (!q || `${g[lang].label} ${g[lang].definition} ${g.id}`.toLowerCase().includes(q)),
      );
      if (shown.length === 0) return null;
      return h(
        "section",
        { class: "card glossary-group", "aria-labelledby": `glossary-${kind}` },
        h("h3", { id: `glossary-${kind}` }, t(key)),
        h(
          "dl",
          { class: "glossary" },
          shown.map((g) => [
            h(
              "dt",
              { "data-id": g.id },
              g[lang].label,
              g.unit ? h("span", { class: "unit" }, ` (${unitName(g.unit)})`) : null,
            ),
            h("dd", {}, g[lang].definition, kind === "term" ? null : [" ", h("code", {}, g.id)]),
          ]),
        ),
      );
    });
    fill(list, ...groups);
  };
  const search = h("input", {
    id: "glossary-filter",
    type: "search",
    value: state.filter,
    oninput: (e) => {
      state.filter = e.target.value;
      draw();
    },
  });
  fill(
    root,
    h("h2", {}, t("glossaryTitle")),
    h("p", { class: "note" }, t("glossaryNote")),
    h("div", { class: "field field-inline" }, h("label", { for: "glossary-filter" }, t("glossaryFilter")), search),
    list,
  );
  draw();
}
