/** Small DOM helpers shared by the views: element builder, status badge, downloads, CSV. */
import { t } from "./i18n.js";

/**
 * Creates an element: `h("button", { class: "x", onclick: fn, "aria-label": "…" }, "text", child)`.
 * Attributes set to `false`, `null` or `undefined` are left out; `on*` functions become listeners.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Number.POSITIVE_INFINITY)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/**
 * A form's scenario was changed at `control` (its select): `load()` fetches the scenario and sets the form's
 * defaults from it, then `redraw()` draws the form again. While the fetch runs every control of the form is
 * disabled, so nothing picked or typed meanwhile is replaced by the new scenario's defaults when they come,
 * and no second change can race the first. A failed fetch gives the controls back as they were.
 */
export async function loadIntoForm(control, load, redraw) {
  const form = control.form;
  const controls = form ? [...form.elements] : [];
  const was = controls.map((el) => el.disabled);
  for (const el of controls) el.disabled = true;
  form?.setAttribute("aria-busy", "true");
  try {
    await load();
  } catch (err) {
    controls.forEach((el, i) => {
      el.disabled = was[i];
    });
    form?.removeAttribute("aria-busy");
    throw err;
  }
  redraw();
}

/** Replaces an element's children, leaving out null, undefined and false (never printed as "null"). */
export function fill(el, ...children) {
  if (!el) return;
  el.replaceChildren(
    ...children.flat(Number.POSITIVE_INFINITY).filter((c) => c !== null && c !== undefined && c !== false),
  );
}

/** A coloured badge naming a run status. */
export function statusBadge(status) {
  return h("span", { class: `badge status-${status}`, "data-status": status }, t(`status_${status}`));
}

/** Offers `text` as a file download (client-side, no server round trip). */
export function download(filename, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

/** One CSV field, quoted when it needs to be. */
function csvField(v) {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" && !Number.isFinite(v) ? String(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows of cells as CSV text (RFC 4180, CRLF line ends). */
export function toCsv(rows) {
  return `${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** A card: a titled section for one chart or table. */
export function card(titleKey, noteKey, ...body) {
  const id = `card-${titleKey}`;
  return h(
    "section",
    { class: "card", "aria-labelledby": id, "data-card": titleKey },
    h("h3", { id }, t(titleKey)),
    noteKey ? h("p", { class: "note" }, t(noteKey)) : null,
    ...body,
  );
}

/** Inner width available for a chart in a card already in the document. */
export function innerWidth(el, fallback = 560) {
  const w = el.clientWidth;
  if (!w) return fallback;
  const cs = getComputedStyle(el);
  return Math.max(240, Math.floor(w - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight)));
}
