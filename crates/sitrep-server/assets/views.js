// The pages other than the event page: the events dashboard (filters, map, timeline, table),
// the audit log, incidents and tallies.

import { h, num, interval, replace, ADMIN1, typeColour } from "./dom.js";
import * as api from "./api.js";
import { drawMap } from "./map.js";
import { drawTimeline } from "./timeline.js";
import { eventTable } from "./table.js";
import { auditTable } from "./event.js";

export const FILTERS = ["type", "admin1", "place", "actor", "since", "until", "min_count", "aggregate"];

let eventTypes = null;
async function types() {
  if (!eventTypes) eventTypes = (await api.get("/api/meta")).event_types;
  return eventTypes;
}

function select(name, options, value, empty) {
  return h("select", { name, id: `f-${name}` }, h("option", { value: "" }, empty),
    options.map((o) => h("option", { value: o, selected: o === value }, o.replace(/_/g, " "))));
}

function filterForm(params, onApply) {
  const f = (n) => params.get(n) || "";
  return types().then((ts) => {
    const form = h("form", { class: "filters", id: "filters", onsubmit: (ev) => {
      ev.preventDefault();
      const out = new URLSearchParams();
      for (const el of form.elements) if (el.name && el.value) out.set(el.name, el.value.trim());
      onApply(out);
    } },
    h("label", {}, "Type ", select("type", ts, f("type"), "any")),
    h("label", {}, "State/Region ", select("admin1", ADMIN1, f("admin1"), "any")),
    h("label", {}, "Place ", h("input", { name: "place", id: "f-place", value: f("place"), size: 12, maxlength: 200 })),
    h("label", {}, "Actor ", h("input", { name: "actor", id: "f-actor", value: f("actor"), size: 12, maxlength: 200 })),
    h("label", {}, "Since ", h("input", { name: "since", id: "f-since", type: "date", value: f("since") })),
    h("label", {}, "Until ", h("input", { name: "until", id: "f-until", type: "date", value: f("until") })),
    h("label", {}, "Min count ", h("input", { name: "min_count", id: "f-min_count", type: "number", min: 0, value: f("min_count"), size: 5 })),
    h("label", {}, "Summary claims ", h("select", { name: "aggregate", id: "f-aggregate" },
      [["", "both"], ["no", "exclude"], ["yes", "only"]].map(([v, t]) => h("option", { value: v, selected: v === f("aggregate") }, t)))),
    h("button", { type: "submit", id: "apply-filters" }, "Apply"),
    h("a", { href: "#/", class: "button-link" }, "Clear"));
    return form;
  });
}

function exportLinks(params) {
  const p = Object.fromEntries(params);
  return h("p", { class: "small exports" }, "Download: ",
    [["acled-csv", "ACLED CSV"], ["ucdp-csv", "UCDP CSV"], ["jsonl", "JSON Lines"], ["geojson", "GeoJSON"]].map(([f, t], i) =>
      [i ? " · " : "", h("a", { href: api.url("/api/export", { ...p, format: f }), download: "" }, t)]));
}

/** Horizontal bars: `[label, n, colour?]` rows. */
function bars(title, rows, onPick) {
  const max = Math.max(1, ...rows.map((r) => r[1]));
  return h("div", { class: "bars" }, h("h3", {}, title),
    rows.map(([label, n, colour]) => {
      const bar = h("span", { class: "bar" });
      bar.style.width = `${(100 * n) / max}%`;
      if (colour) bar.style.background = colour;
      return h("div", { class: "bar-row", title: `${label}: ${n}`, onclick: () => onPick && onPick(label) },
        h("span", { class: "bar-label" }, label.replace(/_/g, " ")), h("span", { class: "bar-track" }, bar), h("span", { class: "bar-n" }, num(n)));
    }));
}

function totals(summary) {
  const byType = new Map(), byAdmin = new Map();
  for (const w of summary.weeks) for (const [t, n] of Object.entries(w.types)) byType.set(t, (byType.get(t) || 0) + n);
  for (const p of summary.points) if (p.admin1) byAdmin.set(p.admin1, (byAdmin.get(p.admin1) || 0) + p.events);
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { byType: sorted(byType), byAdmin: sorted(byAdmin) };
}

/** The events dashboard. */
export async function dashboard(main, params) {
  const filters = new URLSearchParams();
  for (const k of FILTERS) if (params.get(k)) filters.set(k, params.get(k));
  const go = (p) => { location.hash = `#/?${p.toString()}`; };
  const mapBox = h("div", { class: "card map-card", id: "map" }, h("p", { class: "muted" }, "Loading map…"));
  const timeBox = h("div", { class: "card", id: "timeline" }, h("p", { class: "muted" }, "Loading timeline…"));
  const tableBox = h("div", { class: "card", id: "table" }, h("p", { class: "muted" }, "Loading events…"));
  const statsBox = h("div", { class: "card stats", id: "stats" });
  replace(main, await filterForm(filters, go),
    h("div", { class: "dash" }, mapBox, h("div", { class: "side" }, h("h3", {}, "Events per week"), timeBox, exportLinks(filters), statsBox)),
    h("h3", {}, "Events"), tableBox);
  const q = Object.fromEntries(filters);
  const tasks = [];
  tasks.push(api.get("/api/summary", q).then(async (sum) => {
    await drawMap(mapBox, sum, (p) => { const n = new URLSearchParams(filters); n.set("place", p.name); go(n); });
    const t = totals(sum);
    const pick = (k) => (v) => { const n = new URLSearchParams(filters); n.set(k, v); go(n); };
    replace(statsBox, h("div", { class: "stats-grid" },
      bars("By type", t.byType.map(([k, n]) => [k, n, typeColour(k)]), pick("type")),
      bars("By state/region", t.byAdmin.map(([k, n]) => [k, n]), pick("admin1"))));
    drawTimeline(timeBox, sum, (week) => {
      const n = new URLSearchParams(filters);
      n.set("since", week);
      const d = new Date(week + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 6);
      n.set("until", d.toISOString().slice(0, 10));
      go(n);
    });
  }).catch((e) => { replace(mapBox, h("p", { class: "error" }, `Map: ${e.message}`)); replace(timeBox, ""); }));
  tasks.push(eventTable(tableBox, (cursor) => api.get("/api/events", { ...q, cursor, limit: 200 })));
  await Promise.all(tasks);
  main.dataset.ready = "1";
}

/** The audit log of every review decision. */
export async function auditPage(main) {
  const data = await api.get("/api/audit", { limit: 500 });
  replace(main, h("h2", {}, "Audit log"), h("p", { class: "muted" }, "Every review decision with its reviewer, time and the value before it; newest first."), auditTable(data.entries));
}

function unavailable(main, title, e) {
  replace(main, h("h2", {}, title), h("p", { class: e.status === 501 ? "muted" : "error" }, e.message));
}

function genericTable(rows, id) {
  if (!rows.length) return h("p", { class: "muted" }, "Nothing yet.");
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v) => v === null || v === undefined ? "—"
    : typeof v === "object" && ("low" in v || "best" in v || "high" in v) ? interval(v)
    : typeof v === "object" ? JSON.stringify(v) : typeof v === "number" ? num(v) : String(v);
  return h("table", { class: "events", id }, h("thead", {}, h("tr", {}, cols.map((c) => h("th", {}, c.replace(/_/g, " "))))),
    h("tbody", {}, rows.map((r) => h("tr", {}, cols.map((c) => h("td", {}, cell(r[c])))))));
}

/** Incidents list. */
export async function incidentsPage(main, params) {
  try {
    const data = await api.get("/api/incidents", { disputed: params.get("disputed") || "", limit: 200 });
    const rows = (data.incidents || data.items || []).map((i) => ({
      id: i.id, type: i.type, count: i.count, place: i.location ? i.location.name : null,
      date: i.time ? i.time.start : null, reports: (i.events || []).length, flags: (i.flags || []).map((f) => f.field).join(", "),
    }));
    replace(main, h("h2", {}, "Incidents"),
      h("p", {}, h("a", { href: "#/incidents?disputed=yes" }, "Only disputed"), " · ", h("a", { href: "#/incidents" }, "All")),
      genericTable(rows, "incidents-table"));
  } catch (e) {
    unavailable(main, "Incidents", e);
  }
}

/** One incident. */
export async function incidentPage(main, id) {
  try {
    const i = await api.get(`/api/incidents/${encodeURIComponent(id)}`);
    replace(main, h("h2", {}, `Incident ${i.id}`),
      h("p", {}, `${i.type || ""} · count ${interval(i.count)} · ${i.location ? i.location.name : "—"} · ${i.time ? i.time.start || "—" : "—"}`),
      h("h3", {}, "Reports"),
      h("ul", { class: "plain" }, (i.events || []).map((e, n) => h("li", {}, h("a", { href: `#/event/${encodeURIComponent(typeof e === "string" ? e : e.id)}` }, typeof e === "string" ? e : e.id), i.documents && i.documents[n] ? ` · ${i.documents[n]}` : ""))),
      h("h3", {}, "Discrepancies"),
      (i.flags || []).length ? h("ul", { class: "plain" }, i.flags.map((f) => h("li", { class: "flag" }, h("strong", {}, f.field), ": ", (f.values || []).map((v) => `${JSON.stringify(v.value)} (${v.document})`).join(" vs ")))) : h("p", { class: "muted" }, "None."));
  } catch (e) {
    unavailable(main, "Incident", e);
  }
}

/** Tallies with their intervals. */
export async function tallyPage(main, params) {
  const by = params.get("by") || "type";
  const nav = h("p", {}, "Group by: ", ["type", "admin1", "township", "actor", "month", "week"].map((b, i) =>
    [i ? " · " : "", b === by ? h("strong", {}, b) : h("a", { href: `#/tally?by=${b}` }, b)]));
  try {
    const data = await api.get("/api/tally", { by });
    const rows = Array.isArray(data) ? data : data.rows || data.groups || [];
    replace(main, h("h2", {}, "Tallies"), nav,
      h("p", { class: "muted" }, "Sums over incidents, never over raw reports; an unknown upper bound makes the sum's upper bound unknown. Summary claims are shown apart."),
      genericTable(rows, "tally-table"),
      data.note ? h("p", { class: "muted" }, data.note) : "");
  } catch (e) {
    unavailable(main, "Tallies", e);
    main.insertBefore(nav, main.children[1]);
  }
}
