// The one way the pages talk to the server: /api/v1 over fetch, with the
// session cookie (same origin only), the CSRF token on every request that
// changes data, and the server's error envelope turned into an ApiError the
// pages can show. No page calls fetch directly.

const BASE = '/api/v1';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_KEY = 'cp_csrf';

// The CSRF token is not secret from this tab (the server gives it to us), but
// it is kept per tab so another site cannot read it; sessionStorage lets a
// reload keep working without signing in again.
export function setCsrf(token) {
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

export function csrf() {
  return sessionStorage.getItem(CSRF_KEY) || '';
}

// An error the user can read: the envelope's message, its status and the
// field it names (so a form can point at the input).
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || '';
  }
}

function errorFromBody(status, body) {
  const e = body && body.error;
  if (e && typeof e.message === 'string') {
    const err = new ApiError(e.status || status, e.code || 'error', e.message, e.field);
    err.envelope = e; // extra members, such as an import's list of problems
    return err;
  }
  return new ApiError(status, 'error', `The server answered ${status} without an explanation.`);
}

// The query string of a parameter object, leaving out empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {}))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Calls METHOD PATH (under /api/v1) with an optional JSON body; resolves to the
// whole success document {data, meta}, rejects with an ApiError.
export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (MUTATING.has(method)) headers['X-CSRF-Token'] = csrf();
  let res;
  try {
    res = await fetch(BASE + path, init);
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check the connection and try again.');
  }
  if (res.status === 204) return { data: null, meta: {} };
  let doc = null;
  try {
    doc = await res.json();
  } catch {
    doc = null;
  }
  if (!res.ok) throw errorFromBody(res.status, doc);
  return doc || { data: null, meta: {} };
}

export const get = (path, params) => request('GET', path + query(params));
export const post = (path, body) => request('POST', path, body);
export const del = (path) => request('DELETE', path);

// Uploads a FormData by XMLHttpRequest, the one browser API that reports
// upload progress; onProgress(fraction 0..1) is called as bytes go out.
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path);
    xhr.withCredentials = false; // same origin: the cookie is sent anyway
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-CSRF-Token', csrf());
    xhr.upload.addEventListener('progress', (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(ev.loaded / ev.total);
    });
    xhr.addEventListener('load', () => {
      let doc = null;
      try {
        doc = JSON.parse(xhr.responseText);
      } catch {
        doc = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(doc || { data: null, meta: {} });
      else reject(errorFromBody(xhr.status, doc));
    });
    xhr.addEventListener('error', () =>
      reject(new ApiError(0, 'network', 'The upload failed: the server could not be reached.')));
    xhr.send(form);
  });
}
