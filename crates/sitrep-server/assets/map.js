// The map: state/region outlines (assets/outlines.json) drawn as SVG paths, events as circles
// sized by their summed count and coloured by their most frequent type. Pan by dragging,
// zoom with the wheel or the buttons.

import { h, s, num, typeColour, replace } from "./dom.js";

const K = 100; // SVG units per degree of latitude
const LAT0 = 19.5; // centre latitude for the horizontal scale
const COS = Math.cos((LAT0 * Math.PI) / 180);
const BOUNDS = { west: 92.0, east: 101.3, south: 9.5, north: 28.6 };

let outlinesPromise = null;

/** Loads the outlines once. */
function outlines() {
  if (!outlinesPromise) {
    outlinesPromise = fetch("/assets/outlines.json").then((r) => (r.ok ? r.json() : { features: [] }));
  }
  return outlinesPromise;
}

export function project(lon, lat) {
  return [(lon - BOUNDS.west) * COS * K, (BOUNDS.north - lat) * K];
}

function ringPath(ring) {
  return ring
    .map(([lon, lat], i) => {
      const [x, y] = project(lon, lat);
      return `${i ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)}`;
    })
    .join("") + "Z";
}

function geometryPath(g) {
  if (!g) return "";
  if (g.type === "Polygon") return g.coordinates.map(ringPath).join("");
  if (g.type === "MultiPolygon") return g.coordinates.map((p) => p.map(ringPath).join("")).join("");
  return "";
}

/** Radius in SVG units at zoom 1 for a point. */
function radius(p) {
  const weight = p.count > 0 ? p.count : p.events;
  return 6 + 7 * Math.log10(1 + weight);
}

/**
 * Draws the map into `container` for `summary` (GET /api/summary). `onPick(point)` is called
 * when a point is clicked.
 */
export async function drawMap(container, summary, onPick) {
  const geo = await outlines();
  const [w0, h0] = project(BOUNDS.east, BOUNDS.south);
  const home = { x: 0, y: 0, w: w0, h: h0 };
  let view = { ...home };
  const svg = s("svg", {
    id: "map-svg",
    class: "map",
    viewBox: `0 0 ${w0} ${h0}`,
    role: "img",
    "aria-label": "Map of Myanmar with the events",
    preserveAspectRatio: "xMidYMid meet",
  });
  const gShapes = s("g", { class: "shapes" });
  const gLabels = s("g", { class: "labels" });
  const gPoints = s("g", { class: "points" });
  for (const f of geo.features || []) {
    const kind = f.properties && f.properties.kind;
    gShapes.appendChild(
      s("path", { d: geometryPath(f.geometry), class: kind === "country" ? "country" : "admin1" },
        s("title", {}, f.properties ? f.properties.name : ""))
    );
    if (kind === "admin1" && f.properties.label) {
      const [x, y] = project(f.properties.label[0], f.properties.label[1]);
      gLabels.appendChild(s("text", { x: x.toFixed(1), y: y.toFixed(1), class: "admin1-label" }, f.properties.name));
    }
  }
  const circles = [];
  const pts = [...summary.points].sort((a, b) => radius(b) - radius(a));
  for (const p of pts) {
    const [x, y] = project(p.lon, p.lat);
    const types = Object.entries(p.types).map(([t, n]) => `${t}: ${n}`).join(", ");
    const c = s("circle", {
      cx: x.toFixed(1), cy: y.toFixed(1), r: radius(p),
      class: "event-point", fill: typeColour(p.top_type),
      "data-name": p.name, "data-events": p.events, tabindex: "0",
      onclick: () => onPick && onPick(p),
      onkeydown: (e) => { if (e.key === "Enter" && onPick) onPick(p); },
    }, s("title", {}, `${p.name}${p.admin1 ? ", " + p.admin1 : ""} — ${num(p.events)} event(s), count ${num(p.count)} (${types})`));
    circles.push([c, p]);
    gPoints.appendChild(c);
  }
  svg.append(gShapes, gLabels, gPoints);

  function apply() {
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    const z = view.w / home.w;
    for (const [c, p] of circles) c.setAttribute("r", (radius(p) * Math.sqrt(z)).toFixed(2));
    gLabels.setAttribute("font-size", (26 * z).toFixed(2));
  }
  function zoom(factor, cx, cy) {
    const nw = Math.min(home.w * 1.5, Math.max(home.w / 40, view.w * factor));
    const f = nw / view.w;
    const px = cx ?? view.x + view.w / 2, py = cy ?? view.y + view.h / 2;
    view = { x: px - (px - view.x) * f, y: py - (py - view.y) * f, w: view.w * f, h: view.h * f };
    apply();
  }
  function toSvg(e) {
    const r = svg.getBoundingClientRect();
    const scale = Math.max(view.w / r.width, view.h / r.height);
    const ox = (r.width * scale - view.w) / 2, oy = (r.height * scale - view.h) / 2;
    return [view.x - ox + (e.clientX - r.left) * scale, view.y - oy + (e.clientY - r.top) * scale, scale];
  }
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [x, y] = toSvg(e);
    zoom(e.deltaY < 0 ? 0.8 : 1.25, x, y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.target.classList.contains("event-point")) return;
    drag = { x: e.clientX, y: e.clientY, view: { ...view }, scale: toSvg(e)[2] };
    svg.setPointerCapture(e.pointerId);
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    view = { ...drag.view, x: drag.view.x - (e.clientX - drag.x) * drag.scale, y: drag.view.y - (e.clientY - drag.y) * drag.scale };
    apply();
  });
  const end = () => { drag = null; svg.classList.remove("dragging"); };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);

  const controls = h("div", { class: "map-controls" },
    h("button", { type: "button", title: "Zoom in", onclick: () => zoom(0.66) }, "+"),
    h("button", { type: "button", title: "Zoom out", onclick: () => zoom(1.5) }, "−"),
    h("button", { type: "button", title: "Reset view", onclick: () => { view = { ...home }; apply(); } }, "⟲"));
  const legendTypes = [...new Set(summary.points.map((p) => p.top_type))].sort();
  const legend = h("div", { class: "legend" },
    legendTypes.map((t) => h("span", { class: "legend-item" }, h("i", { class: "swatch", "data-type": t }), t.replace(/_/g, " "))));
  for (const sw of legend.querySelectorAll(".swatch")) sw.style.background = typeColour(sw.dataset.type);
  const note = h("p", { class: "muted small" },
    `${num(summary.events)} events at ${num(summary.points.length)} places`,
    summary.unlocated ? `; ${num(summary.unlocated)} without coordinates` : "",
    summary.truncated ? " (first events only)" : "",
    ". Circle size grows with the summed count (log scale); drag to pan, wheel to zoom. Outlines: ", geo.source || "none");
  replace(container, h("div", { class: "map-wrap" }, svg, controls), legend, note);
  apply();
}
