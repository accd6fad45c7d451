// Building DOM safely: every string becomes a text node; nothing is parsed as HTML.
// Document text is untrusted, so nothing here ever parses a string as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      el.addEventListener(k.slice(2), v);
    } else if (k === "text") {
      el.textContent = String(v);
    } else {
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(el, children);
  return el;
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened. */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: h("a", {href: "#/"}, "text", child…). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Removes every child of el and appends the given ones. */
export function replace(el, ...children) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return append(el, children);
}

/** A number with thousands separators, or an em dash. */
export function num(n) {
  return n === null || n === undefined ? "—" : Number(n).toLocaleString("en-US");
}

/** "low–high (best)" for a count interval. */
export function interval(q) {
  if (!q) return "—";
  const lo = q.low ?? "?", hi = q.high ?? "?", best = q.best ?? "?";
  if (q.low !== null && q.low === q.high) return num(q.low);
  return `${best === "?" ? "" : num(best) + " "}[${lo === "?" ? "?" : num(lo)}–${hi === "?" ? "?" : num(hi)}]`;
}

/** Colours of the event types (colour-blind friendly where possible). */
export const TYPE_COLOURS = {
  battle: "#d62728", capture: "#8c564b", withdrawal: "#bcbd22", airstrike: "#9467bd",
  shelling: "#e377c2", explosion: "#ff7f0e", attack_on_civilians: "#7f0000", arson: "#f3a712",
  surrender: "#1f77b4", defection: "#17becf", desertion: "#2ca02c", conscription: "#393b79",
  prisoner_release: "#98df8a", amnesty: "#aec7e8", arrest: "#525252", displacement: "#637939",
  protest: "#e7ba52", casualties: "#ad494a", strength_estimate: "#7b4173",
};

export function typeColour(t) {
  return TYPE_COLOURS[t] || "#888";
}

/** The 15 states and regions (spec §3). */
export const ADMIN1 = ["Ayeyarwady", "Bago", "Chin", "Kachin", "Kayah", "Kayin", "Magway", "Mandalay",
  "Mon", "Naypyitaw", "Rakhine", "Sagaing", "Shan", "Tanintharyi", "Yangon"];
