// The dashboard's entry point: the token box and the hash router.

import { h, replace } from "./dom.js";
import * as api from "./api.js";
import { dashboard, auditPage, incidentsPage, incidentPage, tallyPage } from "./views.js";
import { eventPage } from "./event.js";

function tokenBox() {
  // A token passed as `#token=…` (the link `sitrep serve` prints) is stored and removed from the URL.
  const m = location.hash.match(/^#token=([A-Za-z0-9._~-]+)/);
  if (m) {
    api.setToken(m[1]);
    history.replaceState(null, "", location.pathname + "#/");
  }
  const form = document.getElementById("token-form");
  const input = document.getElementById("token");
  const rev = document.getElementById("reviewer");
  const state = document.getElementById("token-state");
  rev.value = api.reviewer();
  const show = () => { state.textContent = api.token() ? "writes enabled" : "read-only"; };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (input.value.trim()) api.setToken(input.value.trim());
    api.setReviewer(rev.value.trim());
    input.value = "";
    show();
  });
  show();
}

async function route() {
  const main = document.getElementById("main");
  delete main.dataset.ready;
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = raw.split("?");
  const params = new URLSearchParams(qs || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const section = parts[0] || "events";
  for (const a of document.querySelectorAll("nav a[data-nav]")) {
    a.classList.toggle("active", a.dataset.nav === (section === "event" ? "events" : section === "incident" ? "incidents" : section));
  }
  try {
    if (section === "event" && parts[1]) await eventPage(main, parts[1]);
    else if (section === "audit") await auditPage(main);
    else if (section === "incidents") await incidentsPage(main, params);
    else if (section === "incident" && parts[1]) await incidentPage(main, parts[1]);
    else if (section === "tally") await tallyPage(main, params);
    else await dashboard(main, params);
  } catch (e) {
    replace(main, h("p", { class: "error" }, `Something went wrong: ${e.message}`));
  }
  main.dataset.ready = "1";
}

tokenBox();
window.addEventListener("hashchange", route);
route();
