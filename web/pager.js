// Previous/next links for a paginated list (?page=&per_page=, meta.total).
import { h } from './dom.js';

export function pager(meta, page, perPage, go) {
  const total = Number(meta && meta.total) || 0;
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return h('p', { class: 'count' }, `${total} in all`);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, 'Previous'),
    h('span', {}, ` Page ${page} of ${pages} (${total} in all) `),
    h('button', { type: 'button', disabled: page >= pages, onclick: () => go(page + 1) }, 'Next'));
}
