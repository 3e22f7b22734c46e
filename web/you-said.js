// The public "You said, we did" page (GET /api/v1/you-said, no sign-in): the
// month an issue was raised, the issue and what was done. The API gives no
// personal data, and this page adds none.

import { get } from './api.js';
import { h, fill, errorBox } from './dom.js';

function month(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new Date(y, m - 1, 1).toLocaleDateString('en-GB', { month: 'long', year: 'numeric' });
}

async function start() {
  const out = document.getElementById('said');
  try {
    const res = await get('/you-said');
    if (!res.data.length) return void fill(out, h('p', {}, 'Nothing yet: come back after the next meeting.'));
    fill(out, h('ul', { class: 'said' }, res.data.map((s) => h('li', {},
      h('p', { class: 'you' }, `You said (${month(s.month)}): ${s.you_said}`),
      h('p', { class: 'we' }, `We did: ${s.we_did}`)))));
  } catch (err) {
    fill(out, errorBox(err));
  }
}

start();
