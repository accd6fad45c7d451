// The timeline: events per week, stacked by type, as SVG bars.

import { h, s, num, typeColour, replace } from "./dom.js";

const W = 640, H = 220, PAD = { l: 40, r: 10, t: 10, b: 36 };

function addDays(iso, n) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Draws the weekly stacked bars of `summary.weeks` into `container`. */
export function drawTimeline(container, summary, onPickWeek) {
  const weeks = summary.weeks || [];
  if (!weeks.length) {
    replace(container, h("p", { class: "muted" }, "No dated events for these filters."));
    return;
  }
  // Fill the gaps so that quiet weeks show as empty.
  const all = [];
  const byWeek = new Map(weeks.map((w) => [w.week, w.types]));
  let cur = weeks[0].week;
  const last = weeks[weeks.length - 1].week;
  while (cur <= last && all.length < 520) {
    all.push({ week: cur, types: byWeek.get(cur) || {} });
    cur = addDays(cur, 7);
  }
  const totals = all.map((w) => Object.values(w.types).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const iw = W - PAD.l - PAD.r, ih = H - PAD.t - PAD.b;
  const bw = iw / all.length;
  const svg = s("svg", { class: "timeline", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events per week by type" });
  // y axis: 0, half, max
  for (const v of [0, Math.round(max / 2), max]) {
    const y = PAD.t + ih - (v / max) * ih;
    svg.appendChild(s("line", { x1: PAD.l, x2: W - PAD.r, y1: y, y2: y, class: "grid" }));
    svg.appendChild(s("text", { x: PAD.l - 4, y: y + 4, class: "axis", "text-anchor": "end" }, num(v)));
  }
  const labelEvery = Math.max(1, Math.ceil(all.length / 8));
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const tick = (iso, first) => `${+iso.slice(8, 10)} ${MONTHS[+iso.slice(5, 7) - 1]}${first || iso.slice(5, 10) <= "01-07" ? " " + iso.slice(0, 4) : ""}`;
  all.forEach((w, i) => {
    let y = PAD.t + ih;
    const x = PAD.l + i * bw;
    const g = s("g", { class: "week", "data-week": w.week, onclick: () => onPickWeek && onPickWeek(w.week) });
    for (const [t, n] of Object.entries(w.types).sort()) {
      const bh = (n / max) * ih;
      y -= bh;
      g.appendChild(s("rect", { x: (x + 0.5).toFixed(1), y: y.toFixed(1), width: Math.max(1, bw - 1).toFixed(1), height: bh.toFixed(1), fill: typeColour(t) },
        s("title", {}, `week of ${w.week}: ${n} ${t.replace(/_/g, " ")}`)));
    }
    svg.appendChild(g);
    if (i % labelEvery === 0) {
      svg.appendChild(s("text", { x: (x + bw / 2).toFixed(1), y: H - PAD.b + 14, class: "axis", "text-anchor": "middle" }, tick(w.week, i === 0)));
    }
  });
  svg.appendChild(s("text", { x: PAD.l, y: H - 4, class: "axis" }, "events per week (click a week to filter)"));
  replace(container, svg);
}
