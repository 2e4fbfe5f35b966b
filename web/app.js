/**
 * The dashboard shell: hash routes (#launch, #results/<id>, #compare[/<id>], #sweep[/<id>],
 * #capacity[/<id>], #history, #glossary,
 * #replay/<id>[/<replication>/<day>]), the navigation, and the language switch. Each view renders
 * into its own section; switching language re-renders. The KPI glossary is loaded once, for every view's KPI names.
 */
import { getGlossary } from "./api.js";
import { applyI18n, getLang, setLang } from "./i18n.js";
import { setGlossary } from "./names.js";
import * as capacity from "./views/capacity.js";
import * as compare from "./views/compare.js";
import * as glossary from "./views/glossary.js";
import * as history from "./views/history.js";
import * as launch from "./views/launch.js";
import * as replay from "./views/replay.js";
import * as results from "./views/results.js";
import * as sweep from "./views/sweep.js";

const VIEWS = { launch, results, compare, sweep, capacity, history, glossary, replay };

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
  await glossaryLoaded;
  try {
    await VIEWS[view].render(root, ctx, view === "results" ? (arg ?? lastResultsId) : arg);
  } finally {
    if (route === view) document.body.dataset.ready = "true";
  }
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
