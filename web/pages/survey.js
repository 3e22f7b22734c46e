// The young people's Pledge survey: one question a screen, in plain words,
// with big answers to tap (docs/survey.md). Anyone may open it with a code
// printed on paper (POST /survey/session starts a session of the young_person
// role named after no one); a young person's account sees only this page.
// The code stays in this tab's memory until the answers are sent with it
// (POST /survey/answers), then it is forgotten and the session ends.

import { get, post, del } from '../api.js';
import { h, fill, errorBox, heading, announce } from '../dom.js';

// Who is answering, as a young person would say it, and the version of the
// questions written for them.
const AGES = [
  ['under_8', '7 or younger'],
  ['age_8_11', '8, 9 or 10'],
  ['age_11_18', '11 to 17'],
  ['care_leaver', '18 or older, or I have left care'],
];

// One survey in progress; a new code starts a new one.
let state = fresh();

function fresh() {
  return { code: '', version: '', questions: [], choices: [], answers: {}, at: 0, sent: false };
}

function screen(main, title, ...content) {
  fill(main, h('div', { class: 'survey' }, heading(title), ...content));
  const t = document.getElementById('page-title');
  if (t) {
    t.focus();
    announce(title);
  }
}

function codeScreen(main, ctx, problem) {
  const input = h('input', {
    id: 'survey-code', name: 'code', autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', inputmode: 'text', 'aria-describedby': 'survey-code-hint', required: true,
  });
  const message = h('div', { class: 'message' }, problem ? errorBox(problem) : null);
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'survey-code' }, 'Your code'),
      h('p', { id: 'survey-code-hint', class: 'hint' }, 'It is on the paper you were given, like ABCD-EFGH-JKMN.'),
      input),
    message,
    h('button', { type: 'submit', class: 'big' }, 'Start'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const code = input.value.trim();
    if (!code) {
      fill(message, errorBox(new Error('Type the code from your paper.')));
      return input.focus();
    }
    try {
      const res = await post('/survey/session', { code });
      state = fresh();
      state.code = code;
      ctx.signedIn(res.data); // redraws this page at the next step
    } catch (err) {
      fill(message, errorBox(err));
      input.focus();
    }
  });
  screen(main, 'Your Pledge survey',
    h('p', {}, 'The council made 27 promises to children in care and care leavers. Tell us if they are being kept.'),
    h('p', {}, 'Nobody will know which answers are yours. You can skip any question.'),
    form);
}

function ageScreen(main) {
  const buttons = AGES.map(([version, label]) => h('button', {
    type: 'button', class: 'choice', onclick: () => chooseAge(main, version),
  }, label));
  screen(main, 'How old are you?',
    h('p', {}, 'So that we ask in the right words.'),
    h('div', { class: 'choices', role: 'group', 'aria-label': 'Your age' }, buttons));
}

async function chooseAge(main, version) {
  try {
    const res = await get('/survey/questions', { version });
    state.version = version;
    state.questions = res.data.questions;
    state.choices = res.data.answers;
    state.answers = {};
    state.at = 0;
    questionScreen(main);
  } catch (err) {
    fill(main, errorBox(err));
  }
}

function questionScreen(main) {
  const q = state.questions[state.at];
  const n = state.questions.length;
  const name = `answer-${q.id}`;
  const options = state.choices.map((c) => {
    const id = `${name}-${c.id}`;
    const input = h('input', { type: 'radio', name, id, value: c.id, checked: state.answers[q.id] === c.id });
    input.addEventListener('change', () => {
      state.answers[q.id] = c.id;
      next(main);
    });
    return h('div', { class: 'option' }, input, h('label', { for: id }, c.label));
  });
  const back = h('button', { type: 'button', class: 'secondary', onclick: () => move(main, -1) }, 'Back');
  const skip = h('button', { type: 'button', class: 'secondary', onclick: () => { delete state.answers[q.id]; next(main); } },
    state.answers[q.id] ? 'Next' : 'Skip this one');
  screen(main, `Question ${state.at + 1} of ${n}`,
    h('progress', { max: n, value: state.at, 'aria-hidden': 'true' }),
    h('fieldset', { class: 'question' }, h('legend', {}, q.text), options),
    h('div', { class: 'steps' }, state.at > 0 ? back : null, skip));
}

function move(main, by) {
  state.at = Math.max(0, state.at + by);
  questionScreen(main);
}

function next(main) {
  if (state.at + 1 < state.questions.length) move(main, 1);
  else checkScreen(main);
}

function checkScreen(main) {
  const answered = Object.keys(state.answers).length;
  const message = h('div', { class: 'message' });
  const send = h('button', { type: 'button', class: 'big' }, 'Send my answers');
  send.addEventListener('click', async () => {
    send.disabled = true;
    try {
      await post('/survey/answers', { code: state.code, version: state.version, answers: state.answers });
      state = fresh();
      state.sent = true;
      try {
        await del('/session');
      } catch {
        // The answers are in; an expired session has nothing left to end.
      }
      thanksScreen(main);
    } catch (err) {
      send.disabled = false;
      fill(message, errorBox(err));
    }
  });
  const back = h('button', { type: 'button', class: 'secondary', onclick: () => { state.at = state.questions.length - 1; questionScreen(main); } }, 'Go back');
  screen(main, 'Ready to send?',
    h('p', {}, answered === 1 ? 'You answered 1 question.' : `You answered ${answered} questions.`),
    h('p', {}, 'Once they are sent, your answers cannot be changed, and your code will not work again.'),
    message, h('div', { class: 'steps' }, back, send));
}

function thanksScreen(main) {
  screen(main, 'Thank you',
    h('p', {}, 'Your answers have been added to everyone else’s. Nobody can tell which answers were yours.'),
    h('p', {}, 'The Children in Care Council and the councillors will see what young people said.'));
}

export async function render(main, ctx) {
  if (state.sent) return thanksScreen(main);
  if (!state.code) return codeScreen(main, ctx);
  if (!state.version) return ageScreen(main);
  return questionScreen(main);
}
