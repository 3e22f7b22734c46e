// The dashboard's shell: who is signed in, the navigation their role's
// capabilities allow, and a router over location.hash ("#/worklist",
// "#/children/C000123"). Each page module exports render(main, ctx) and
// builds its content from the API; this file knows no page's insides.

import { get, del, setCsrf, ApiError } from './api.js';
import { h, fill, errorBox, announce } from './dom.js';
import * as signin from './pages/signin.js';
import * as worklist from './pages/worklist.js';
import * as children from './pages/children.js';
import * as child from './pages/child.js';
import * as compliance from './pages/compliance.js';
import * as profile from './pages/profile.js';
import * as scorecard from './pages/scorecard.js';
import * as forecast from './pages/forecast.js';
import * as importPage from './pages/import.js';
import * as validation from './pages/validation.js';
import * as survey from './pages/survey.js';
import * as surveyResults from './pages/survey_results.js';
import * as governance from './pages/governance.js';

// The pages: hash pattern, the capability the API route behind it needs
// (the server's route table decides; the menu only hides what would be
// refused), and whether it appears in the menu.
const ROUTES = [
  { path: /^#\/worklist$/, page: worklist, cap: 'worklist', nav: '#/worklist', label: 'My work' },
  { path: /^#\/children$/, page: children, cap: 'child_read', nav: '#/children', label: 'Caseload' },
  { path: /^#\/children\/([^/]+)$/, page: child, cap: 'child_read' },
  { path: /^#\/compliance$/, page: compliance, cap: 'reports', nav: '#/compliance', label: 'Compliance' },
  { path: /^#\/profile$/, page: profile, cap: 'aggregate', nav: '#/profile', label: 'Profile' },
  { path: /^#\/scorecard$/, page: scorecard, cap: 'aggregate', nav: '#/scorecard', label: 'Scorecard' },
  { path: /^#\/forecast$/, page: forecast, cap: 'reports', nav: '#/forecast', label: 'Forecast' },
  { path: /^#\/import$/, page: importPage, cap: 'import', nav: '#/import', label: 'Import' },
  { path: /^#\/validation$/, page: validation, cap: 'validation', nav: '#/validation', label: 'Validation' },
  { path: /^#\/survey-results$/, page: surveyResults, cap: 'aggregate', nav: '#/survey-results', label: 'Survey results' },
  { path: /^#\/survey$/, page: survey, cap: 'survey', nav: '#/survey', label: 'Survey' },
  { path: /^#\/governance$/, page: governance, cap: 'governance', nav: '#/governance', label: 'Governance' },
  { path: /^#\/governance\/(issues|plan)$/, page: governance, cap: 'governance' },
];

const session = { user: null, role: null, capabilities: [] };

export function can(cap) {
  return session.capabilities.includes(cap);
}

function allowedRoutes() {
  return ROUTES.filter((r) => can(r.cap));
}

// The menu entry of this page, or of its parent (a child's page is under
// the caseload).
function isCurrent(nav) {
  return location.hash === nav || location.hash.startsWith(`${nav}/`);
}

function drawNav() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!session.user) {
    fill(nav);
    fill(who);
    return;
  }
  fill(nav, h('ul', {}, allowedRoutes().filter((r) => r.nav).map((r) =>
    h('li', {}, h('a', { href: r.nav, 'aria-current': isCurrent(r.nav) ? 'page' : null }, r.label)))));
  fill(who, h('span', {}, `${session.user} (${session.role.replace(/_/g, ' ')})`), ' ',
    h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'));
}

async function signOut() {
  try {
    await del('/session');
  } catch {
    // Signed out already (expired session): nothing to undo.
  }
  setSession(null);
}

// Records who is signed in (or nobody) and redraws.
function setSession(data) {
  session.user = data ? data.user : null;
  session.role = data ? data.role : null;
  session.capabilities = data ? data.capabilities || [] : [];
  // The date the pages start from: today, or where a stale history ends.
  session.asAt = data ? data.as_at || null : null;
  session.historyEnd = data ? data.history_end || null : null;
  // GET /me may not repeat the CSRF token: keep the one the sign-in gave.
  if (!data) setCsrf(null);
  else if (data.csrf) setCsrf(data.csrf);
  if (!data && location.hash !== '#/survey') location.hash = '#/signin';
  route();
}

function firstPage() {
  const r = allowedRoutes().find((x) => x.nav);
  return r ? r.nav : null;
}

function routeFor(hash) {
  for (const r of ROUTES) {
    const m = r.path.exec(hash);
    if (m) return { route: r, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

function notFound(main, text) {
  fill(main, h('h1', { tabindex: '-1', id: 'page-title' }, 'Not available'), h('p', {}, text));
}

// A new, empty <main> in place of the old one. Each page draws into the element
// it was given, so a slow page that finishes after the reader has moved on
// draws into a detached element, never over the page now shown.
function freshMain() {
  const old = document.getElementById('main');
  const main = old.cloneNode(false);
  old.replaceWith(main);
  return main;
}

// Draws the page the hash names, or the sign-in page when nobody is signed in.
async function route() {
  const main = freshMain();
  drawNav();
  const ctx = { session, can, signedIn: setSession, go: (hash) => (location.hash = hash) };
  if (!session.user) {
    // The survey is open to a code alone: it starts a session of its own.
    if (location.hash === '#/survey') await survey.render(main, ctx);
    else await signin.render(main, ctx);
    return focusTitle();
  }
  if (!location.hash || location.hash === '#/signin' || location.hash === '#/') {
    const first = firstPage();
    if (first) return void (location.hash = first);
    notFound(main, 'Your role has no pages in the dashboard yet.');
    return focusTitle();
  }
  const found = routeFor(location.hash);
  if (!found) notFound(main, 'There is no such page.');
  else if (!can(found.route.cap)) notFound(main, 'Your role does not allow this page.');
  else await renderPage(main, found, ctx);
  focusTitle();
}

async function renderPage(main, found, ctx) {
  fill(main, h('p', {}, 'Loading…'));
  try {
    await found.route.page.render(main, ctx, ...found.params);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return setSession(null);
    fill(main, h('h1', { tabindex: '-1', id: 'page-title' }, 'Something went wrong'), errorBox(err));
  }
}

function focusTitle() {
  const t = document.getElementById('page-title');
  if (t) {
    t.focus();
    announce(t.textContent);
  }
}

async function start() {
  window.addEventListener('hashchange', route);
  try {
    const me = await get('/me');
    setSession(me.data);
  } catch {
    setSession(null);
  }
}

start();
