/**
 * The chart libraries (d3, Observable Plot, uPlot and its stylesheet) are not needed for the first paint
 * nor by the views without charts, so index.html does not load them: it lists them in an inert
 * <template id="chart-libraries"> (versioned URLs, cached as immutable) and this module adds them to the
 * page once, in order (Plot needs d3), when a view that draws charts is first shown, or when the browser
 * is idle after the first view.
 */
import { chartLibrariesLoaded } from "./common.js";

let loading = null;

/** One <script> or stylesheet <link> added to <head>; resolves when it has loaded. */
function add(original) {
  return new Promise((resolve, reject) => {
    const el = document.createElement(original.tagName);
    if (original.tagName === "SCRIPT") {
      el.async = false; // scripts added by a script run in the order added (Plot after d3)
      el.src = original.getAttribute("src");
    } else {
      el.rel = "stylesheet";
      el.href = original.getAttribute("href");
    }
    el.addEventListener("load", () => resolve());
    el.addEventListener("error", () => reject(new Error(`could not load ${el.src || el.href}`)));
    document.head.append(el);
  });
}

/** Loads the chart libraries once; later calls return the same promise. */
export function loadChartLibraries() {
  if (loading === null) {
    const template = document.getElementById("chart-libraries");
    const items = template ? [...template.content.querySelectorAll("script[src], link[href]")] : [];
    loading = Promise.all(items.map(add)).then(chartLibrariesLoaded, (error) => {
      loading = null; // a later view tries again
      throw error;
    });
  }
  return loading;
}
