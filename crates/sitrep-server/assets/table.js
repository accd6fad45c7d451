// The events table: sortable columns over the loaded rows, "load more" through the cursor.

import { h, num, interval, replace, typeColour } from "./dom.js";

function count(e) {
  const m = { battle: "killed", airstrike: "killed", shelling: "killed", explosion: "killed", attack_on_civilians: "killed", casualties: "killed", arson: "houses" }[e.type] || "people";
  return (e.quantities || []).find((q) => q.measure === m) || null;
}

function actors(e) {
  return (e.actors || []).map((a) => a.canonical || a.name).join(", ");
}

const COLUMNS = [
  { key: "date", label: "Date", value: (e) => (e.time && e.time.start) || "", show: (e) => (e.time && e.time.start) || (e.published ? `(${e.published})` : "—") },
  { key: "type", label: "Type", value: (e) => e.type, show: (e) => {
    const sw = h("i", { class: "swatch" });
    sw.style.background = typeColour(e.type);
    return [sw, e.type.replace(/_/g, " "), e.aggregate ? h("span", { class: "tag" }, "summary") : null];
  } },
  { key: "count", label: "Count", value: (e) => { const q = count(e); return q ? (q.best ?? q.low ?? -1) : -1; }, show: (e) => interval(count(e)), cls: "num" },
  { key: "place", label: "Place", value: (e) => (e.location ? e.location.name : ""), show: (e) => (e.location ? e.location.name : "—") },
  { key: "admin1", label: "State/Region", value: (e) => (e.location && e.location.admin1) || "", show: (e) => (e.location && e.location.admin1) || "—" },
  { key: "actors", label: "Actors", value: actors, show: (e) => actors(e) || "—" },
  { key: "source", label: "Source", value: (e) => e.source || e.doc_id, show: (e) => e.source || e.doc_id },
  { key: "review", label: "Review", value: (e) => e.review, show: (e) => h("span", { class: `review review-${e.review}` }, e.review) },
  { key: "confidence", label: "Conf.", value: (e) => e.confidence, show: (e) => num(Math.round(e.confidence * 100) / 100), cls: "num" },
];

/**
 * A table of events in `container`. `load(cursor)` returns a page {events, next_cursor}.
 * Returns nothing; the table keeps its own rows and sort order.
 */
export async function eventTable(container, load) {
  let rows = [];
  let next = null;
  let sort = { key: "date", dir: -1 };
  const tbody = h("tbody", {});
  const thead = h("thead", {}, h("tr", {}, COLUMNS.map((c) =>
    h("th", { "data-key": c.key, class: c.cls || "", tabindex: "0", onclick: () => setSort(c.key), onkeydown: (ev) => { if (ev.key === "Enter") setSort(c.key); } }, c.label))));
  const status = h("p", { class: "muted small", id: "table-status" });
  const more = h("button", { type: "button", id: "load-more", onclick: () => loadMore() }, "Load more");
  const table = h("table", { class: "events", id: "events-table" }, thead, tbody);
  replace(container, h("div", { class: "table-scroll" }, table), h("div", { class: "table-foot" }, status, more));

  function setSort(key) {
    sort = { key, dir: sort.key === key ? -sort.dir : 1 };
    render();
  }
  function render() {
    const col = COLUMNS.find((c) => c.key === sort.key);
    const sorted = [...rows].sort((a, b) => {
      const x = col.value(a), y = col.value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
    for (const th of thead.querySelectorAll("th")) {
      th.classList.toggle("sorted", th.dataset.key === sort.key);
      th.setAttribute("aria-sort", th.dataset.key === sort.key ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    }
    replace(tbody, sorted.map((e) => h("tr", { "data-id": e.id, class: `row review-${e.review}`, onclick: () => { location.hash = `#/event/${encodeURIComponent(e.id)}`; } },
      COLUMNS.map((c) => h("td", { class: c.cls || "" }, c.show(e))))));
    if (!rows.length) tbody.appendChild(h("tr", {}, h("td", { colspan: COLUMNS.length, class: "muted" }, "No events match these filters.")));
    status.textContent = `${num(rows.length)} event(s) loaded${next ? "; more available" : ""}. Click a column to sort, a row to open it.`;
    more.hidden = !next;
  }
  async function loadMore() {
    more.disabled = true;
    try {
      const page = await load(next);
      rows = rows.concat(page.events);
      next = page.next_cursor || null;
    } catch (e) {
      status.textContent = `Could not load events: ${e.message}`;
      return;
    } finally {
      more.disabled = false;
    }
    render();
  }
  await loadMore();
}
