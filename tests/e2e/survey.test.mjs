// Browser tests of the young people's survey on a phone-sized screen: a code
// alone opens it, one question a screen with answers big enough to tap, no
// accessibility violation on any screen, the answers are sent once, and the
// same code, or a made-up one, is then refused with the same words. Needs
// E2E_SURVEY_CODES (comma-separated codes of an open round: tests/e2e/run.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, axeViolations } from './browser.mjs';

const CODES = (process.env.E2E_SURVEY_CODES || '').split(',').filter(Boolean);
const SHOTS = process.env.E2E_SHOTS || '';
const PHONE = { width: 390, height: 844 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

async function start(page, code) {
  await page.goto(`${BASE}/#/survey`);
  await page.getByRole('heading', { name: 'Your Pledge survey' }).waitFor();
  await page.getByLabel('Your code').fill(code);
  await page.getByRole('button', { name: 'Start' }).click();
}

async function refusal(page, code) {
  await start(page, code);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  return alert.textContent();
}

test('a young person answers the survey with a code on a phone, once', { skip: CODES.length < 1 && 'no E2E_SURVEY_CODES' }, async () => {
  const page = await newPage(browser, PHONE);
  await page.goto(`${BASE}/#/survey`);
  await page.getByRole('heading', { name: 'Your Pledge survey' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/survey-code-phone.png`, fullPage: true });
  await start(page, CODES[0].toLowerCase().replace(/-/g, ' '));
  await page.getByRole('heading', { name: 'How old are you?' }).waitFor();
  // Only the survey in the menu of a code's session.
  assert.deepEqual(await page.locator('#nav a').allTextContents(), ['Survey']);
  await page.getByRole('button', { name: '11 to 17' }).click();
  const title = page.getByRole('heading', { name: /^Question 1 of \d+$/ });
  await title.waitFor();
  const n = Number((await title.textContent()).match(/of (\d+)/)[1]);
  assert.ok(n >= 20);
  assert.deepEqual(await axeViolations(page), []);
  // Every answer is a target of at least 48 by 48 CSS pixels.
  for (const box of await page.locator('.survey .option label').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect())))
    assert.ok(box.height >= 48 && box.width >= 48, `an answer of ${box.width}x${box.height}`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/survey-question-phone.png`, fullPage: true });
  for (let i = 1; i <= n; i++) {
    await page.getByRole('heading', { name: `Question ${i} of ${n}` }).waitFor();
    if (i === 3) await page.getByRole('button', { name: 'Skip this one' }).click();
    else await page.getByText(i % 2 ? 'Mostly' : 'Sometimes', { exact: true }).click();
  }
  await page.getByRole('heading', { name: 'Ready to send?' }).waitFor();
  assert.match(await page.locator('.survey').textContent(), new RegExp(`You answered ${n - 1} questions`));
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  assert.deepEqual(page.problems, []);
  // The code is used: refused in the same words as a code that never was.
  const again = await newPage(browser, PHONE);
  const used = await refusal(again, CODES[0]);
  const never = await refusal(await newPage(browser, PHONE), 'ABCD-EFGH-JKMN');
  assert.match(used, /this code cannot be used/);
  assert.equal(used, never);
});

test('the survey on a desktop screen', { skip: (CODES.length < 2 || !SHOTS) && 'no second code or no E2E_SHOTS' }, async () => {
  const page = await newPage(browser);
  await start(page, CODES[1]);
  await page.getByRole('button', { name: '8, 9 or 10' }).click();
  await page.getByRole('heading', { name: /^Question 1 of/ }).waitFor();
  await page.getByText('Always', { exact: true }).click();
  await page.getByRole('heading', { name: /^Question 2 of/ }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: `${SHOTS}/survey-question-desktop.png`, fullPage: true });
});
