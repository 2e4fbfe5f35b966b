/**
 * The dashboard shell: hash routes (#launch, #results/<id>, #compare[/<id>], #sweep[/<id>],
 * #capacity[/<id>], #history, #glossary,
 * #replay/<id>[/<replication>/<day>]), the navigation, and the language switch. Each view renders
 * into its own section; switching language re-renders. The KPI glossary is loaded once, for every view's KPI names.
 */
import { getGlossary } from "./api.js";
import { loadChartLibraries } from "./charts/libraries.js";
import { applyI18n, getLang, setLang, t } from "./i18n.js";
import { setGlossary } from "./names.js";

/**
 * Each view's module, imported when the view is first shown (the first paint and the landing view do not
 * wait for the others; the server preloads the landing view's modules).
 */
const VIEWS = {
  launch: () => import("./views/launch.js"),
  results: () => import("./views/results.js"),
  compare: () => import("./views/compare.js"),
  sweep: () => import("./views/sweep.js"),
  capacity: () => import("./views/capacity.js"),
  history: () => import("./views/history.js"),
  glossary: () => import("./views/glossary.js"),
  replay: () => import("./views/replay.js"),
};

/** Views that draw no chart: they do not wait for the chart libraries. */
const WITHOUT_CHARTS = new Set(["launch", "history", "glossary"]);

/** The glossary, loaded once; views wait for it (a failure leaves generic names, never a blank page). */
const glossaryLoaded = getGlossary().then(setGlossary, () => {});

let route = "launch";

function parse(hash) {
  const [view, ...rest] = hash.replace(/^#\/?/, "").split("/");
  return { view: VIEWS[view] ? view : "launch", arg: rest.join("/") || undefined };
}

const ctx = {
  navigate(hash) {
    if (location.hash === hash) void show();
    else location.hash = hash;
  },
  currentView: () => parse(location.hash).view,
  currentRoute: () => location.hash.replace(/^#\/?/, ""),
};

let lastResultsId;

async function show() {
  const { view, arg } = parse(location.hash);
  route = view;
  if (view === "results" && arg) lastResultsId = arg;
  if (view === "replay" && arg) lastResultsId = arg.split("/")[0];
  for (const name of Object.keys(VIEWS)) {
    const section = document.getElementById(`view-${name}`);
    section.hidden = name !== view;
    const link = document.querySelector(`nav a[data-view="${name}"]`);
    if (link) {
      if (name === view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }
  const resultsLink = document.querySelector('nav a[data-view="results"]');
  if (resultsLink) resultsLink.href = lastResultsId ? `#results/${lastResultsId}` : "#results";
  const root = document.getElementById(`view-${view}`);
  document.body.dataset.view = view;
  document.body.dataset.ready = "false";
  // Another run (or item) in the same view: empty it now, so that the previous one's figures never show
  // under the new address while the view's module, the glossary and the chart libraries are awaited.
  const key = arg ?? "";
  if (root.dataset.shown !== key) {
    const status = document.createElement("p");
    status.className = "note";
    status.setAttribute("role", "status");
    status.textContent = t("loading");
    root.replaceChildren(status);
    root.dataset.shown = key;
  }
  try {
    const [module] = await Promise.all([
      VIEWS[view](),
      glossaryLoaded,
      WITHOUT_CHARTS.has(view) ? null : loadChartLibraries(),
    ]);
    await module.render(root, ctx, view === "results" ? (arg ?? lastResultsId) : arg);
  } finally {
    if (route === view) document.body.dataset.ready = "true";
  }
  // Once the first view is up, fetch the chart libraries while the planner reads (a later chart is instant).
  if ("requestIdleCallback" in window) requestIdleCallback(() => void loadChartLibraries().catch(() => {}));
}

function init() {
  const langSelect = document.getElementById("lang");
  langSelect.value = getLang();
  // The browser's language until the planner picks one (then remembered).
  setLang(getLang(), false);
  langSelect.addEventListener("change", () => {
    setLang(langSelect.value);
    void show();
  });
  applyI18n(document);
  window.addEventListener("hashchange", () => {
    void show();
    document.getElementById("main")?.focus({ preventScroll: true });
  });
  // Charts are drawn to their card's width: redraw the chart views when the window width changes.
  let width = window.innerWidth;
  let timer = null;
  window.addEventListener("resize", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (Math.abs(window.innerWidth - width) < 40) return;
      width = window.innerWidth;
      if (route === "results" || route === "compare" || route === "capacity") void show();
    }, 250);
  });
  void show();
}

init();
