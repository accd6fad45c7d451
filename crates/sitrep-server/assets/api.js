// The JSON API client. Writes carry the token in the X-Sitrep-Token header.

const TOKEN_KEY = "sitrep.token";
const REVIEWER_KEY = "sitrep.reviewer";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(t) {
  if (t) localStorage.setItem(TOKEN_KEY, t);
  else localStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(TOKEN_KEY);
}

export function reviewer() {
  return localStorage.getItem(REVIEWER_KEY) || "analyst";
}

export function setReviewer(r) {
  if (r) localStorage.setItem(REVIEWER_KEY, r);
}

/** `path?params` with empty parameters left out. */
export function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") q.set(k, v);
  }
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

async function handle(resp) {
  let body = null;
  try {
    body = await resp.json();
  } catch (_) {
    body = null;
  }
  if (!resp.ok) {
    const e = body && body.error ? body.error : {};
    throw new ApiError(resp.status, e.code || "error", e.message || `HTTP ${resp.status}`);
  }
  return body;
}

export async function get(path, params) {
  return handle(await fetch(url(path, params), { headers: { Accept: "application/json" } }));
}

export async function post(path, body) {
  return handle(await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-Sitrep-Token": token() },
    body: JSON.stringify(body),
  }));
}
