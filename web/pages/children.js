// The caseload: the children the signed-in user may open (their
// allocations; every child for a manager), from GET /api/v1/children,
// a page at a time.

import { get } from '../api.js';
import { h, fill, table, heading, words, ukDate } from '../dom.js';
import { pager } from '../pager.js';

const PER_PAGE = 50;

// The columns worth showing, whichever the server sends: the child's id
// (a link) first, then the scalar fields in the order they come.
function columns(rows) {
  const keys = [];
  for (const r of rows.slice(0, 20))
    for (const [k, v] of Object.entries(r))
      if (k !== 'child' && k !== 'id' && (v === null || typeof v !== 'object') && !keys.includes(k)) keys.push(k);
  const idOf = (r) => r.child ?? r.id;
  return [
    { key: 'child', label: 'Child', render: (r) => h('a', { href: `#/children/${encodeURIComponent(idOf(r))}` }, idOf(r)) },
    ...keys.map((k) => ({ key: k, label: words(k), render: (r) => (/^\d{4}-\d{2}-\d{2}$/.test(r[k]) ? ukDate(r[k]) : r[k] ?? '') })),
  ];
}

export async function render(main, ctx, page = 1) {
  const res = await get('/children', { page, per_page: PER_PAGE });
  const rows = res.data || [];
  const title = ctx.session.role === 'manager' || ctx.session.role === 'administrator' ? 'All children' : 'My caseload';
  const list = rows.length
    ? table(`${title}, page ${page}`, columns(rows), rows, { sortable: true, rowHeader: true, stack: true })
    : h('p', {}, 'No children are allocated to you.');
  fill(main, heading(title), list, pager(res.meta, page, PER_PAGE, (p) => render(main, ctx, p)));
}
