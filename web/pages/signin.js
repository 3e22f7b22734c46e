// Sign-in: username and password to POST /api/v1/session. The server sets
// the HttpOnly session cookie and answers with the role, its capabilities
// and the CSRF token; a refusal (wrong password, locked out, too many tries)
// is shown as the server words it.

import { post } from '../api.js';
import { h, fill, errorBox, labelled, heading } from '../dom.js';

export async function render(main, ctx) {
  const user = labelled('Username', { name: 'username', autocomplete: 'username', required: true });
  const pass = labelled('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { class: 'message' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'card signin', novalidate: true }, user.field, pass.field, message, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!user.input.value || !pass.input.value) {
      fill(message, errorBox(new Error('Enter your username and password.')));
      (user.input.value ? pass.input : user.input).focus();
      return;
    }
    button.disabled = true;
    try {
      const res = await post('/session', { username: user.input.value, password: pass.input.value });
      ctx.signedIn(res.data);
    } catch (err) {
      fill(message, errorBox(err));
      pass.input.value = '';
      pass.input.focus();
    } finally {
      button.disabled = false;
    }
  });
  fill(main, heading('Sign in'), h('p', {}, 'Use the account your administrator gave you.'), form,
    h('p', { class: 'survey-link' }, h('a', { href: '#/survey' }, 'Got a survey code on paper? Answer the Pledge survey')));
}
