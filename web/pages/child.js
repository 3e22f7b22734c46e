// A child's page: who they are, their care-leaver status and why, what is
// due, the values of their record that an import marked as invalid and stored
// as unknown (import --keep-invalid), and their timeline (episodes, reviews,
// visits, health, education, plans) from GET /api/v1/children/{id}; a form
// records a visit, a health assessment or another template record, another
// corrects one (corrections.js). The server audits the view.

import { get } from '../api.js';
import { h, fill, heading, words, show, firstDate, autoTable, announce, startDate, ukDate } from '../dom.js';
import { recordForm } from '../records.js';
import { correctionsSection } from '../corrections.js';

// Sections of the child's document shown with their own heading, in this
// order; any other list the server adds is shown after them.
const SECTIONS = ['due', 'marks', 'episodes', 'reviews', 'records', 'visits', 'health_assessments', 'dental_checks',
  'immunisations', 'sdq', 'education_plans', 'care_plans', 'needs_assessments', 'pathway_plans', 'pa_contacts'];
const TITLES = {
  due: 'Due items', sdq: 'SDQ scores', pa_contacts: 'Personal adviser contacts',
  marks: 'Values marked at import (stored as unknown)',
};
// Lists that are not events of the child's life: kept out of the timeline.
const NOT_EVENTS = ['due', 'marks'];

function summary(child) {
  const facts = Object.entries(child).filter(([, v]) => v === null || typeof v !== 'object');
  return h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, words(k)), h('dd', {}, show(v))]));
}

function leaverStatus(cl) {
  if (!cl) return null;
  if (typeof cl !== 'object') return h('section', { 'aria-labelledby': 'cl-h' }, h('h2', { id: 'cl-h' }, 'Care-leaver status'), h('p', {}, show(cl)));
  return h('section', { 'aria-labelledby': 'cl-h', class: 'card' }, h('h2', { id: 'cl-h' }, 'Care-leaver status'),
    h('p', { class: 'category' }, words(cl.category || cl.status || 'not a care leaver')),
    cl.reason ? h('p', {}, h('strong', {}, 'Why: '), cl.reason) : null,
    cl.entitlement ? h('p', {}, h('strong', {}, 'Entitled to: '), cl.entitlement) : null);
}

// Every dated entry of every list, newest first: the timeline proper.
function timeline(lists) {
  const events = [];
  for (const [name, rows] of lists) {
    if (NOT_EVENTS.includes(name)) continue;
    for (const r of rows) {
      const date = firstDate(r);
      if (date) events.push({ date, what: words(r.kind || r.item || name.replace(/s$/, '')), row: r });
    }
  }
  events.sort((a, b) => b.date.localeCompare(a.date));
  if (!events.length) return null;
  return h('section', { 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, 'Timeline'),
    h('ol', { class: 'timeline' }, events.map((e) => h('li', {}, h('time', { datetime: e.date }, show(e.date)), ' ',
      h('strong', {}, e.what), ' ', detail(e.row)))));
}

function detail(row) {
  const parts = Object.entries(row)
    .filter(([k, v]) => v !== null && typeof v !== 'object' && k !== 'kind' && k !== 'child' && show(v) !== show(firstDate(row)))
    .map(([k, v]) => `${words(k)}: ${show(v)}`);
  return parts.length ? h('span', { class: 'muted' }, parts.join('; ')) : null;
}

// A row as a person reads it: each 903 code with its meaning from the code
// list the server gives ("C2: Full care order"), and a record's value by its
// template's name (seen_alone, ha_type, ...) without the raw subtype number.
function readable(row) {
  if (!row || typeof row !== 'object') return row;
  const { meanings, subtype, value, ...rest } = row;
  const out = {};
  for (const [k, v] of Object.entries(rest)) out[k] = meanings && meanings[k] ? `${v}: ${meanings[k]}` : v;
  return out;
}

// The lists of the document, with records split by kind when they come as
// one list.
function listsOf(child) {
  const lists = [];
  for (const [k, v] of Object.entries(child)) {
    if (Array.isArray(v)) lists.push([k, v.map(readable)]);
    else if (v && typeof v === 'object' && k === 'records')
      for (const [kind, rows] of Object.entries(v)) if (Array.isArray(rows)) lists.push([kind, rows]);
  }
  const order = (name) => (SECTIONS.includes(name) ? SECTIONS.indexOf(name) : SECTIONS.length);
  return lists.sort((a, b) => order(a[0]) - order(b[0]));
}

function listSection(name, rows, id) {
  const title = TITLES[name] || words(name);
  const hid = `sec-${name}`;
  // The child's own id on every row says nothing on the child's page.
  const own = rows.filter((r) => r && typeof r === 'object').map(({ child, ...rest }) => rest);
  const body = rows.length ? autoTable(`${title} of ${id}`, own)
    : h('p', {}, 'None recorded.');
  return h('section', { 'aria-labelledby': hid }, h('h2', { id: hid }, title), body);
}

export async function render(main, ctx, id) {
  const res = await get(`/children/${encodeURIComponent(id)}`);
  const child = res.data || {};
  const lists = listsOf(child);
  const recordSection = ctx.can('child_write')
    ? h('section', { 'aria-labelledby': 'rec-h', class: 'card' }, h('h2', { id: 'rec-h' }, 'Record a visit, an assessment or a plan'),
      recordForm(id, null, (rec, body) => {
        announce(`${words(body.kind)} recorded.`);
        render(main, ctx, id);
      }, startDate(ctx)))
    : null;
  // Corrections need the records' versions: read only by who may correct.
  const corrections = ctx.can('child_write')
    ? await correctionsSection(id, child.records, (body) => {
      announce(`${words(body.kind)} of ${ukDate(body.date)} corrected.`);
      render(main, ctx, id);
    })
    : null;
  // A child with no marked values has no marks section at all.
  const marks = lists.filter(([name, rows]) => name === 'marks' && rows.length)
    .map(([name, rows]) => listSection(name, rows, id));
  fill(main, heading(`Child ${id}`), h('p', {}, h('a', { href: '#/children' }, 'Back to the caseload')),
    summary(child), leaverStatus(child.care_leaver || child.leaver),
    lists.filter(([name]) => name === 'due').map(([name, rows]) => listSection(name, rows, id)),
    marks, timeline(lists), recordSection, corrections,
    lists.filter(([name]) => !NOT_EVENTS.includes(name)).map(([name, rows]) => listSection(name, rows, id)));
}
