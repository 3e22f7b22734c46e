// The governance of the Pledge (docs/governance.md): what is due under the
// groups' terms of reference, the groups and their meetings, the Children in
// Care Council's issues (raise one, record its written answer) and the action
// plan with the members' scrutiny items. Three sections under #/governance,
// #/governance/issues and #/governance/plan; everything comes from
// /api/v1/governance/..., which reads the database at each call.

import { get, post } from '../api.js';
import { h, fill, table, labelled, heading, today, ukDate, errorBox, show, words } from '../dom.js';

const SECTIONS = [
  ['', 'Due and meetings'],
  ['issues', 'CiCC issues'],
  ['plan', 'Action plan'],
];

function subnav(current) {
  return h('nav', { class: 'subnav', 'aria-label': 'Governance' }, h('ul', {}, SECTIONS.map(([key, label]) =>
    h('li', {}, h('a', { href: key ? `#/governance/${key}` : '#/governance', 'aria-current': key === current ? 'page' : null }, label)))));
}

function stateBadge(state) {
  const cls = state === 'overdue' ? 'bad' : state === 'done late' ? 'warn' : state === 'due' ? 'soon' : 'good';
  return h('span', { class: `badge ${cls}` }, state);
}

async function dueSection(ctx) {
  const at = labelled('On', { type: 'date', name: 'at', value: today() });
  const out = h('div', {});
  const load = async () => {
    const [due, groups, meetings, part] = await Promise.all([
      get('/governance/due', { at: at.input.value }),
      get('/governance/tables/groups'),
      get('/governance/tables/meetings'),
      get('/governance/participation', { at: at.input.value }),
    ]);
    const d = due.data;
    const groupName = new Map(groups.data.map((g) => [g.id, g.name]));
    const pct = d.cicc_issues_on_time.den ? Math.round((100 * d.cicc_issues_on_time.num) / d.cicc_issues_on_time.den) : null;
    fill(out,
      h('p', { class: 'lead' }, `Promise 3.13 this year: ${d.cicc_issues_on_time.num} of ${d.cicc_issues_on_time.den} CiCC issues answered in writing within 28 days`,
        pct === null ? '' : ` (${pct}%)`, '.'),
      table(`Due under the terms of reference on ${ukDate(at.input.value)}`, [
        { key: 'state', label: 'State', render: (r) => stateBadge(r.state) },
        { key: 'what', label: 'What' },
        { key: 'due', label: 'Due', render: (r) => show(r.due) },
        { key: 'done', label: 'Done', render: (r) => show(r.done) },
        { key: 'ref', label: 'Ref' },
      ], d.items, { sortable: true, stack: true, rowClass: (r) => (r.state === 'overdue' ? 'overdue' : null) }),
      table('CiCC participation this year (published figures: small counts shown as c)', [
        { key: 'rule', label: 'Rule', render: (r) => words(r.rule) },
        { key: 'num', label: 'Met', numeric: true },
        { key: 'den', label: 'Children', numeric: true },
        { key: 'groups', label: 'By group', render: (r) => r.groups.map((g) => `${g.group} ${g.num}/${g.den}`).join('; ') },
      ], part.data.rules, { stack: true }),
      table('The four groups', [
        { key: 'name', label: 'Group' },
        { key: 'meets', label: 'Meets' },
        { key: 'reports_to', label: 'Reports to', render: (r) => groupName.get(r.reports_to) || '' },
        { key: 'terms', label: 'Terms of reference', render: (r) => h('details', {}, h('summary', {}, 'Read'), h('ol', {}, r.terms.split('\n').map((t) => h('li', {}, t)))) },
      ], groups.data, { rowHeader: true, stack: true }),
      table('Meetings', [
        { key: 'held_on', label: 'Held', render: (r) => show(r.held_on) },
        { key: 'group_id', label: 'Group', render: (r) => groupName.get(r.group_id) || r.group_id },
        { key: 'attendance', label: 'Attendance' },
        { key: 'decisions', label: 'Decisions' },
      ], meetings.data.slice().reverse(), { sortable: true, stack: true }));
  };
  const form = h('form', { class: 'filters' }, at.field, h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load().catch((err) => fill(out, errorBox(err)));
  });
  await load();
  return [form, out];
}

// A form posting fields to a table; onDone() after the server accepted it.
function rowForm(tableName, fields, submitLabel, base, onDone) {
  const message = h('div', { class: 'message' });
  const inputs = fields.map((f) => ({ f, ...labelled(f.label, { tag: f.tag || 'input', name: f.name, type: f.type || (f.tag ? undefined : 'text'), required: f.required, value: f.value ?? '' }) }));
  for (const i of inputs) if (i.f.tag === 'textarea') i.input.value = i.f.value ?? '';
  const button = h('button', { type: 'submit' }, submitLabel);
  const form = h('form', { class: 'record-form' }, inputs.map((i) => i.field), message, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { ...base };
    for (const i of inputs) body[i.f.name] = i.input.value;
    button.disabled = true;
    try {
      const res = await post(`/governance/tables/${tableName}`, body);
      fill(message, h('p', { class: 'ok', role: 'status' }, `Saved as ${res.data.id}.`));
      onDone(`Saved as ${res.data.id}.`);
    } catch (err) {
      fill(message, errorBox(err));
      const bad = err.field && form.querySelector(`[name="${CSS.escape(err.field)}"]`);
      if (bad) {
        bad.setAttribute('aria-invalid', 'true');
        bad.focus();
      }
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function answerForm(issue, reload) {
  return rowForm('issues', [
    { name: 'answered_on', label: 'Answered in writing on', type: 'date', required: true, value: issue.answered_on || today() },
    { name: 'response', label: 'Written response', tag: 'textarea', required: true, value: issue.response },
    { name: 'conveyed_on', label: 'Outcome told to the CiCC on', type: 'date', value: issue.conveyed_on },
    { name: 'we_did', label: 'We did (public: no names)', tag: 'textarea', value: issue.we_did },
  ], 'Save the answer', {
    id: issue.id, meeting_id: issue.meeting_id, raised_on: issue.raised_on, issue: issue.issue,
    noted_on: issue.noted_on, forwarded_on: issue.forwarded_on, directed_to: issue.directed_to, directed_on: issue.directed_on,
  }, reload);
}

async function issuesSection(ctx, rerender) {
  const res = await get('/governance/tables/issues');
  const issues = res.data.slice().reverse();
  const writable = ctx.can('governance_write');
  const open = issues.filter((i) => !i.answered_on);
  const parts = [
    table('Issues raised by the Children in Care Council', [
      { key: 'id', label: 'Issue' },
      { key: 'raised_on', label: 'Raised', render: (r) => show(r.raised_on) },
      { key: 'issue', label: 'What was raised' },
      { key: 'deadline', label: 'Answer due', render: (r) => show(r.deadline) },
      { key: 'answered_on', label: 'Answered', render: (r) => show(r.answered_on) },
      { key: 'state', label: 'State', render: (r) => stateBadge(r.state) },
    ], issues, { sortable: true, stack: true, rowClass: (r) => (r.state === 'overdue' ? 'overdue' : null) }),
  ];
  if (writable) {
    parts.push(h('h2', {}, 'Raise an issue'), rowForm('issues', [
      { name: 'raised_on', label: 'Raised at the CiCC on', type: 'date', required: true, value: today() },
      { name: 'issue', label: 'The issue, in the young people\'s words', tag: 'textarea', required: true },
      { name: 'noted_on', label: 'Noted by the participation worker on', type: 'date', value: today() },
      { name: 'directed_to', label: 'Directed to (officer or member)' },
    ], 'Raise the issue', {}, rerender));
    if (open.length) {
      const pick = labelled('Issue to answer', { tag: 'select', name: 'pick', options: open.map((i) => [i.id, `${i.id}: ${i.issue.slice(0, 60)}`]) });
      const holder = h('div', {});
      const draw = () => fill(holder, answerForm(open.find((i) => i.id === pick.input.value), rerender));
      pick.input.addEventListener('change', draw);
      draw();
      parts.push(h('h2', {}, 'Record a written answer'), pick.field, holder);
    }
  }
  parts.push(h('p', {}, h('a', { href: '/you-said.html' }, 'The public "You said, we did" page')));
  return parts;
}

// The catalogue's titles by indicator id (the reference route; ids alone
// when the role may not read it).
async function indicatorTitles(ctx) {
  if (!ctx.can('reference')) return new Map();
  const res = await get('/indicators');
  return new Map(res.data.map((i) => [i.id, i.title]));
}

async function planSection(ctx) {
  const [pri, progress, scrutiny, titles] = await Promise.all([
    get('/governance/tables/priorities'),
    get('/governance/tables/progress'),
    get('/governance/tables/scrutiny'),
    indicatorTitles(ctx),
  ]);
  const notes = new Map();
  for (const n of progress.data) {
    if (!notes.has(n.priority_id)) notes.set(n.priority_id, []);
    notes.get(n.priority_id).push(n);
  }
  return [
    table('The action plan\'s priority issues', [
      { key: 'title', label: 'Priority' },
      { key: 'status', label: 'Status', render: (r) => words(r.status) },
      { key: 'rag', label: 'RAG', render: (r) => (r.rag ? h('span', { class: `badge rag-${r.rag}` }, r.rag) : 'not rated') },
      { key: 'leads', label: 'Lead' },
      { key: 'delivery', label: 'Delivery' },
      { key: 'hcap_refs', label: 'Healthy Care Action Plan' },
      { key: 'indicators', label: 'Scorecard indicators', nosort: true,
        render: (r) => h('ul', { class: 'plain' }, r.indicators.split(';').filter(Boolean).map((id) => h('li', {}, titles.get(id) || id))) },
      { key: 'notes', label: 'Progress', nosort: true, render: (r) => (notes.get(r.id) || []).map((n) => h('p', {}, `${ukDate(n.noted_on)}: ${n.note}`)) },
    ], pri.data, { rowHeader: true, stack: true }),
    table('Members\' scrutiny items', [
      { key: 'title', label: 'Item' },
      { key: 'needs', label: 'What it needs' },
      { key: 'meeting_id', label: 'Panel meeting' },
      { key: 'status', label: 'Status', render: (r) => words(r.status) },
    ], scrutiny.data, { rowHeader: true, stack: true }),
  ];
}

// notice: what the last change did, shown (and announced) above the section
// after it is drawn again from the server.
export async function render(main, ctx, section = '', notice = null) {
  const rerender = (text) => render(main, ctx, section, text);
  const body = section === 'issues' ? await issuesSection(ctx, rerender)
    : section === 'plan' ? await planSection(ctx)
      : await dueSection(ctx);
  const title = SECTIONS.find(([k]) => k === section);
  fill(main, heading(`Governance: ${title ? title[1] : 'Due and meetings'}`), subnav(section),
    notice ? h('p', { class: 'ok', role: 'status' }, notice) : null, body);
}
