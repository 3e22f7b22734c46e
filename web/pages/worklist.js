// My work: the due and overdue items of the signed-in user's caseload (all
// children for a manager), from GET /api/v1/worklist, sortable, with a
// button on each item a record settles ("Record visit"): the record is
// POSTed and the item leaves the list.

import { get } from '../api.js';
import { h, fill, table, labelled, heading, startDate, staleNote, ukDate, words, announce, errorBox } from '../dom.js';
import { kindForItem, recordDialog, RECORD_KINDS } from '../records.js';
import { pager } from '../pager.js';

const PER_PAGE = 100;

function childLink(id) {
  return h('a', { href: `#/children/${encodeURIComponent(id)}` }, id);
}

function statusBadge(row) {
  const overdue = row.status === 'overdue';
  const text = overdue ? `Overdue by ${row.days_overdue} day${row.days_overdue === 1 ? '' : 's'}` : words(row.status);
  return h('span', { class: overdue ? 'badge red' : 'badge' }, text);
}

export async function render(main, ctx) {
  const at = labelled('Due on or before', { type: 'date', name: 'at', value: startDate(ctx) });
  const overdue = h('input', { type: 'checkbox', id: 'overdue-only', name: 'overdue' });
  const form = h('form', { class: 'filters' }, at.field,
    h('div', { class: 'field check' }, overdue, h('label', { for: 'overdue-only' }, 'Overdue only')),
    h('button', { type: 'submit' }, 'Show'));
  const results = h('div', {});
  let page = 1;

  async function load() {
    fill(results, h('p', {}, 'Loading…'));
    try {
      const res = await get('/worklist', { at: at.input.value, overdue: overdue.checked ? 1 : '', page, per_page: PER_PAGE });
      draw(res);
    } catch (err) {
      if (err.status === 401) return ctx.signedIn(null);
      fill(results, errorBox(err));
    }
  }

  function draw(res) {
    const items = res.data || [];
    const canRecord = ctx.can('child_write');
    let tbl;
    const action = (row) => {
      const kind = kindForItem(row.item);
      if (!canRecord || !kind) return '';
      const button = h('button', { type: 'button', class: 'small' }, `Record ${RECORD_KINDS[kind].label.toLowerCase()}`,
        h('span', { class: 'visually-hidden' }, ` for ${row.child}`));
      button.addEventListener('click', () => recordDialog(row.child, kind, button, () => {
        tbl.removeRow(row);
        announce(`${words(row.item)} for ${row.child} recorded and removed from the list.`);
        const next = tbl.querySelector('tbody button');
        if (next) next.focus();
      }, at.input.value));
      return button;
    };
    tbl = table(`Due items on ${ukDate(at.input.value)}`, [
      { key: 'child', label: 'Child', render: (r) => childLink(r.child) },
      { key: 'item', label: 'Item', render: (r) => words(r.item) },
      { key: 'due', label: 'Due', render: (r) => ukDate(r.due) },
      { key: 'days_overdue', label: 'Status', render: statusBadge },
      { key: 'rule', label: 'Why (the rule)' },
      { key: 'action', label: 'Action', render: action, nosort: true },
    ], items, { sortable: true, rowHeader: true, stack: true, rowClass: (r) => (r.status === 'overdue' ? 'overdue' : null) });
    const empty = items.length ? null : h('p', {}, 'Nothing due: every item of your caseload is up to date.');
    fill(results, empty || tbl, pager(res.meta, page, PER_PAGE, (p) => { page = p; load(); }));
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    page = 1;
    load();
  });
  fill(main, heading('My work'), staleNote(ctx), form, results);
  await load();
}
