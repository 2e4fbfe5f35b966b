/**
 * Every word the dashboard shows, in English and Vietnamese. Markup carries `data-i18n="key"` (text)
 * or `data-i18n-aria="key"` (aria-label); views call `t(key)` when they render. Numbers and dates are
 * formatted for the language (vi-VN: "1.400,5", en-GB: "1,400.5"). The first visit follows the
 * browser's language; a choice made in the page is remembered.
 */
import { CAPACITY } from "./i18n/capacity.js";
import { COMPARE } from "./i18n/compare.js";
import { MODEL } from "./i18n/model.js";
import { PLACES } from "./i18n/places.js";
import { REPLAY } from "./i18n/replay.js";
import { UI } from "./i18n/ui.js";

/** The dictionary: one entry per key, each with `en` and `vi`. */
export const DICT = { ...UI, ...MODEL, ...PLACES, ...CAPACITY, ...COMPARE, ...REPLAY };

const STORAGE_KEY = "gatesim.lang";

/** The language of a list of browser languages: Vietnamese when any of them is, else English. */
export function langOfBrowser(languages) {
  return (languages ?? []).some((l) => String(l).toLowerCase().startsWith("vi")) ? "vi" : "en";
}

let lang = "en";
try {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  lang = saved === "en" || saved === "vi" ? saved : langOfBrowser(globalThis.navigator?.languages);
} catch {
  lang = langOfBrowser(globalThis.navigator?.languages);
}

/** The current language, "en" or "vi". */
export function getLang() {
  return lang;
}

/** The locale of the current language, for Intl formatting. */
export function locale() {
  return lang === "vi" ? "vi-VN" : "en-GB";
}

/** Switches the language, remembers it, and relabels the static markup. */
export function setLang(next, remember = true) {
  lang = next === "vi" ? "vi" : "en";
  if (remember) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered; still switched.
    }
  }
  document.documentElement.lang = lang;
  applyI18n(document);
}

/** The word for `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars) {
  const entry = DICT[key];
  let s = entry ? entry[lang] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** True when the dictionary knows `key`. */
export function has(key) {
  return Object.hasOwn(DICT, key);
}

/** Fills text and aria-labels of every element under `root` that names a dictionary key. */
export function applyI18n(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-aria]")) el.setAttribute("aria-label", t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.setAttribute("title", t(el.dataset.i18nTitle));
}

/** Formats a number for planners in the current language (about 3–4 significant digits). */
export function fmt(x, digits) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (typeof x !== "number") return String(x);
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const ax = Math.abs(x);
  const d = digits ?? (ax >= 100 ? 0 : ax >= 10 ? 1 : ax >= 1 ? 2 : 3);
  const s = x.toLocaleString(locale(), { minimumFractionDigits: 0, maximumFractionDigits: d });
  // A true minus sign, and no "−0".
  return s === "-0" ? "0" : s.replace(/^-/, "−");
}

/** A signed number: "+1,5" / "−1,5". */
export function fmtSigned(x, digits) {
  const s = fmt(x, digits);
  return typeof x === "number" && x > 0 && s !== "0" ? `+${s}` : s;
}

/** A simulated calendar date ("2026-01-19" or epoch ms, read as UTC) in the current language. */
export function fmtDate(date, options = { day: "numeric", month: "short", year: "numeric" }) {
  const ms = date instanceof Date ? date.getTime() : typeof date === "number" ? date : Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms)) return "–";
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: "UTC" }).format(new Date(ms));
}

/** A wall-clock duration in seconds as "about 40 s" / "3 min" words of the current language. */
export function fmtDuration(seconds) {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds < 90) return t("durationSeconds", { n: fmt(Math.max(1, Math.round(seconds)), 0) });
  if (seconds < 5400) return t("durationMinutes", { n: fmt(Math.round(seconds / 60), 0) });
  return t("durationHours", { n: fmt(seconds / 3600, 1) });
}

/** A date-time of the real world (run creation) in the user's time zone and language. */
export function fmtWhen(value) {
  if (!value) return "–";
  const d = new Date(typeof value === "number" ? value : Date.parse(value));
  if (Number.isNaN(d.getTime())) return "–";
  return new Intl.DateTimeFormat(locale(), { dateStyle: "short", timeStyle: "short" }).format(d);
}

/** A unit in the current language. */
export function unitName(unit) {
  return has(`unit_${unit}`) ? t(`unit_${unit}`) : unit;
}
