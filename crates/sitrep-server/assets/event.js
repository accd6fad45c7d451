// The event page: fields, incident and other reports, discrepancy flags, review actions,
// the audit log of the event, and the source text with every evidence span highlighted.
// The document text is untrusted: it only ever enters the page through text nodes.

import { h, num, interval, replace, typeColour } from "./dom.js";
import * as api from "./api.js";

const FIELD_LABEL = { trigger: "trigger", place: "place", date: "date", mention: "other mention" };

function label(field) {
  if (FIELD_LABEL[field]) return FIELD_LABEL[field];
  const [a, b] = field.split(":");
  return a === "count" ? `count (${b})` : a === "actor" ? `actor (${b})` : field;
}

function kind(field) {
  return field.split(":")[0];
}

/**
 * The document text with evidence highlighted: the text is cut at every span boundary
 * (UTF-16 offsets from the API) and each piece becomes a text node, inside a <mark> when
 * some evidence covers it.
 */
export function highlighted(text, evidence, sentence) {
  const cuts = new Set([0, text.length]);
  for (const e of evidence) { cuts.add(e.utf16[0]); cuts.add(e.utf16[1]); }
  if (sentence) { cuts.add(sentence[0]); cuts.add(sentence[1]); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = evidence.filter((e) => e.utf16[0] <= a && b <= e.utf16[1]);
    const inSentence = sentence && sentence[0] <= a && b <= sentence[1];
    let node;
    if (covering.length) {
      const kinds = [...new Set(covering.map((e) => kind(e.field)))];
      node = h("mark", { class: `ev ${kinds.map((k) => "ev-" + k).join(" ")}`, title: covering.map((e) => label(e.field)).join(", "), "data-fields": covering.map((e) => e.field).join(" ") }, piece);
    } else {
      node = document.createTextNode(piece);
    }
    out.push(inSentence ? h("span", { class: "sentence" }, node) : node);
  }
  return out;
}

function row(name, ...value) {
  return h("tr", {}, h("th", {}, name), h("td", {}, ...value));
}

function placeText(l) {
  if (!l) return "—";
  const bits = [l.name];
  if (l.township && l.township !== l.name) bits.push(`${l.township} Township`);
  if (l.admin1 && l.admin1 !== l.name) bits.push(l.admin1);
  let t = bits.join(", ");
  if (l.precision) t += ` (${l.precision})`;
  if (l.lat != null && l.lon != null) t += ` · ${l.lat.toFixed(3)}, ${l.lon.toFixed(3)}`;
  return t;
}

function timeText(t) {
  if (!t || !t.start) return t && t.text_norm ? `${t.text_norm} (no publication date)` : "—";
  let s = t.start === t.end || !t.end ? t.start : `${t.start} – ${t.end}`;
  if (t.precision) s += ` (${t.precision})`;
  return s;
}

function quantities(e) {
  if (!e.quantities || !e.quantities.length) return "—";
  return h("ul", { class: "plain" }, e.quantities.map((q) =>
    h("li", {}, `${q.measure}: `, h("strong", {}, interval(q)), ` ${q.qualifier}`, q.who ? ` — ${q.who}` : "", q.text ? ` (“${q.text}”)` : "")));
}

function actorList(e) {
  if (!e.actors || !e.actors.length) return "—";
  return h("ul", { class: "plain" }, e.actors.map((a) =>
    h("li", {}, h("span", { class: "tag" }, a.role), " ", a.canonical, a.name && a.name !== a.canonical ? ` (“${a.name}”)` : "", ` · ${a.kind.replace(/_/g, " ")}`, a.parent ? ` · part of ${a.parent}` : "")));
}

function auditTable(entries) {
  if (!entries.length) return h("p", { class: "muted", id: "audit-empty" }, "No review decisions yet.");
  return h("table", { class: "audit", id: "audit-table" },
    h("thead", {}, h("tr", {}, ["When", "Event", "Reviewer", "Action", "Field", "Before", "After"].map((c) => h("th", {}, c)))),
    h("tbody", {}, entries.map((a) => h("tr", { "data-action": a.action },
      h("td", {}, a.at.replace("T", " ").replace("Z", " UTC")),
      h("td", {}, h("a", { href: `#/event/${encodeURIComponent(a.event_id)}` }, a.event_id)),
      h("td", {}, a.reviewer),
      h("td", {}, a.action),
      h("td", {}, a.field || ""),
      h("td", { class: "json" }, a.old_value == null ? "" : JSON.stringify(a.old_value)),
      h("td", { class: "json" }, a.new_value == null ? "" : JSON.stringify(a.new_value))))));
}

export { auditTable };

/** Renders the page of event `id` into `main`. */
export async function eventPage(main, id) {
  replace(main, h("p", { class: "muted" }, "Loading event…"));
  let data, audit;
  try {
    [data, audit] = await Promise.all([
      api.get(`/api/events/${encodeURIComponent(id)}`),
      api.get("/api/audit", { event: id, limit: 200 }),
    ]);
  } catch (e) {
    replace(main, h("p", { class: "error" }, `Could not load event ${id}: ${e.message}`), h("p", {}, h("a", { href: "#/" }, "Back to events")));
    return;
  }
  const e = data.event;
  const doc = data.document;
  const sw = h("i", { class: "swatch big" });
  sw.style.background = typeColour(e.type);
  const msg = h("p", { class: "msg", id: "review-msg", role: "status" });

  async function review(body) {
    msg.className = "msg";
    msg.textContent = "Saving…";
    try {
      await api.post(`/api/events/${encodeURIComponent(id)}/review`, { ...body, reviewer: api.reviewer() });
      await eventPage(main, id);
      const m = main.querySelector("#review-msg");
      if (m) { m.textContent = `Saved: ${body.action}${body.field ? " " + body.field : ""}.`; m.className = "msg ok"; }
    } catch (err) {
      msg.className = "msg error";
      msg.textContent = err.status === 401 || err.status === 403
        ? `Not saved: ${err.message}. Paste the write token printed by \`sitrep serve\` at the top right.`
        : `Not saved: ${err.message}`;
    }
  }

  const fieldSel = h("select", { id: "correct-field", name: "field" },
    ["count", "place", "date", "type", "actors"].map((f) => h("option", { value: f }, f)));
  const valueIn = h("input", { id: "correct-value", name: "value", size: 28, maxlength: 200, placeholder: "42 or 40-50 · Lashio · 2024-01-05 · battle · KIA, MNDAA" });
  function parseValue(field, v) {
    v = v.trim();
    if (field === "count") {
      const m = v.match(/^(\d+)\s*(?:-|–|to)\s*(\d+)$/);
      if (m) { const lo = +m[1], hi = +m[2]; return { low: lo, best: Math.ceil((lo + hi) / 2), high: hi }; }
      return v;
    }
    if (field === "actors") return v.split(/[,;]/).map((x) => x.trim()).filter(Boolean);
    return v;
  }
  const correctForm = h("form", { class: "correct", id: "correct-form", onsubmit: (ev) => {
    ev.preventDefault();
    review({ action: "correct", field: fieldSel.value, value: parseValue(fieldSel.value, valueIn.value) });
  } }, "Correct ", fieldSel, " to ", valueIn, h("button", { type: "submit" }, "Save correction"));

  const incident = data.incident;
  const related = data.related || [];
  const flags = data.flags || [];

  replace(main,
    h("p", {}, h("a", { href: "#/" }, "← Events")),
    h("h2", {}, sw, `${e.type.replace(/_/g, " ")} `, h("span", { class: "muted" }, e.id), " ", h("span", { class: `review review-${e.review}`, id: "review-state" }, e.review)),
    h("div", { class: "event-grid" },
      h("section", { class: "card" },
        h("h3", {}, "Fields"),
        h("table", { class: "fields" }, h("tbody", {},
          row("Type", e.type.replace(/_/g, " "), e.aggregate ? h("span", { class: "tag" }, "summary claim") : ""),
          row("Modality", e.modality, e.claimed_by ? ` — claimed by ${e.claimed_by}` : ""),
          row("Counts", quantities(e)),
          row("Place", placeText(e.location)),
          row("Date", timeText(e.time), e.time && e.time.text ? ` (“${e.time.text}”)` : ""),
          row("Actors", actorList(e)),
          row("Confidence", num(Math.round(e.confidence * 100) / 100)),
          row("Document", doc.title || doc.path || doc.url || doc.doc_id, doc.published ? ` · published ${doc.published}` : "", doc.outlet ? ` · ${doc.outlet}` : ""),
        ))),
      h("section", { class: "card" },
        h("h3", {}, "Review"),
        h("div", { class: "actions" },
          h("button", { type: "button", id: "accept-btn", class: "accept", onclick: () => review({ action: "accept" }) }, "Accept"),
          h("button", { type: "button", id: "reject-btn", class: "reject", onclick: () => review({ action: "reject" }) }, "Reject")),
        correctForm, msg,
        h("h3", {}, "Incident"),
        incident ? h("div", { id: "incident" },
          h("p", {}, h("a", { href: `#/incident/${encodeURIComponent(incident.id)}` }, incident.id), ` · ${incident.type || ""} · count ${interval(incident.count)}`),
          related.length ? h("ul", { class: "plain" }, related.map((r) => h("li", {}, h("a", { href: `#/event/${encodeURIComponent(r.id)}` }, r.source || r.doc_id), ` · ${interval(count0(r))} · ${r.location ? r.location.name : "—"} · ${(r.time && r.time.start) || "—"}`))) : h("p", { class: "muted" }, "No other reports."),
          flags.length ? h("div", { class: "flags" }, h("h4", {}, "Discrepancies"), h("ul", { class: "plain" }, flags.map((f) => h("li", { class: "flag" }, h("strong", {}, f.field), ": ", (f.values || []).map((v) => `${JSON.stringify(v.value)} (${v.document})`).join(" vs "))))) : h("p", { class: "muted" }, "No discrepancy flags."))
          : h("p", { class: "muted" }, "Not merged into an incident (run `sitrep merge`)."),
      )),
    h("section", { class: "card" },
      h("h3", {}, "Source text"),
      h("p", { class: "muted small" }, "Highlighted: ", ["trigger", "count", "place", "date", "actor", "mention"].map((k) => h("mark", { class: `ev ev-${k}` }, k === "mention" ? "other mention" : k)), " — the event's sentence is underlined."),
      h("div", { class: "doc-text", id: "doc-text" }, highlighted(doc.text, data.evidence || [], data.sentence_utf16))),
    h("section", { class: "card" }, h("h3", {}, "Audit log of this event"), auditTable(audit.entries)),
  );
}

function count0(e) {
  return (e.quantities || [])[0] || null;
}
