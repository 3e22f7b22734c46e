// Browser tests of the dashboard (node --test): sign in, the worklist,
// recording a visit takes the item off the list, a child's page, every page
// of every role free of axe violations, a councillor cannot open a child,
// a wrong password is refused with a message, a correction keeps the earlier
// value in the record's history. Run by tests/e2e/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, USERS, launch, newPage, signIn, axeViolations } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const PAGES = ['#/worklist', '#/children', '#/compliance', '#/profile', '#/scorecard', '#/import', '#/validation', '#/survey-results', '#/forecast', '#/governance'];

test('the sign-in page has no accessibility violation and refuses a wrong password', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel('Username').fill('nobody-here');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^4\d\d: /);
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  assert.deepEqual(page.problems, []);
});

test('a social worker sees the worklist and records a visit, which leaves the list', async () => {
  const page = await newPage(browser);
  await signIn(page, 'social_worker');
  await page.getByRole('heading', { name: 'My work' }).waitFor();
  await page.getByLabel('Overdue only').check();
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const record = page.getByRole('button', { name: /^Record visit for / }).first();
  await record.waitFor();
  assert.deepEqual(await axeViolations(page), []);
  const name = await record.textContent();
  const child = name.replace(/^Record visit for /, '');
  const before = await page.getByRole('button', { name: `Record visit for ${child}` }).count();
  await record.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: 'Save record' }).click();
  // The dialog closes when the server accepts the record; if it refuses,
  // fail with the message the user would read.
  await dialog.waitFor({ state: 'detached', timeout: 15000 }).catch(async () => {
    assert.fail(`the record was not accepted: ${await dialog.getByRole('alert').textContent().catch(() => 'no message')}`);
  });
  await page.getByRole('status').filter({ hasText: `for ${child} recorded` }).waitFor({ state: 'attached' });
  assert.equal(await page.getByRole('button', { name: `Record visit for ${child}` }).count(), before - 1);
  // The server agrees: reloading the list does not bring the item back.
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.getByRole('table').waitFor();
  assert.equal(await page.getByRole('button', { name: `Record visit for ${child}` }).count(), before - 1);
  assert.deepEqual(page.problems, []);
});

test("a social worker opens a child's page: timeline, status and the record form", async () => {
  const page = await newPage(browser);
  await signIn(page, 'social_worker');
  const link = page.getByRole('table').getByRole('link').first();
  await link.waitFor();
  const id = await link.textContent();
  await link.click();
  await page.getByRole('heading', { name: `Child ${id}` }).waitFor();
  await page.getByRole('heading', { name: 'Record a visit, an assessment or a plan' }).waitFor();
  assert.ok((await page.getByRole('table').count()) > 0, 'the child has at least one table');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.problems, []);
});

test('a social worker corrects a visit, and the earlier value stays in its history', async () => {
  const page = await newPage(browser);
  await signIn(page, 'social_worker');
  const link = page.getByRole('table').getByRole('link').first();
  await link.waitFor();
  await link.click();
  const section = page.getByRole('region', { name: 'Corrections' });
  await section.waitFor();
  const pick = section.getByLabel('Record to correct');
  const options = await pick.locator('option').allTextContents();
  const i = options.findIndex((t) => t.startsWith('Visit of'));
  assert.ok(i >= 0, `the child has a visit to correct: ${options.join(' | ')}`);
  await pick.selectOption(String(i));
  const was = /Seen alone: (\w+)/.exec(options[i])[1];
  const now = was === 'yes' ? 'no' : 'yes';
  await section.getByLabel('Child seen alone').selectOption(now);
  const reason = `checked the visit notes ${Date.now()}`;
  await section.getByLabel('Why (kept with the change)').fill(reason);
  await section.getByRole('button', { name: 'Save correction' }).click();
  await page.getByRole('status').filter({ hasText: 'corrected' }).waitFor({ state: 'attached' });
  const history = page.getByRole('table', { name: /^Corrections of / });
  await history.getByRole('cell', { name: reason }).waitFor();
  const row = history.getByRole('row').filter({ hasText: reason });
  // Old value, then new value, then the version the correction made (2).
  assert.match(await row.textContent(), new RegExp(`Seen alone${was === "not" ? "" : was}${now}2`, "i"));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.problems, []);
});

for (const role of ['manager', 'data_analyst', 'councillor']) {
  test(`every page a ${role} can reach has no accessibility violation, on a desktop and a phone`, async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const page = await newPage(browser, viewport);
      await signIn(page, role);
      const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.length > 0, `${role} has a page`);
      for (const hash of links) {
        assert.ok(PAGES.includes(hash), `${hash} is a known page`);
        await page.goto(`${BASE}/${hash}`);
        await page.locator('h1').waitFor();
        await page.waitForLoadState('networkidle');
        assert.deepEqual(await axeViolations(page), [], `${role} ${hash} ${viewport.width}px`);
      }
      assert.deepEqual(page.problems, []);
    }
  });
}

test('a councillor has no caseload and cannot open a child', async () => {
  const page = await newPage(browser);
  await signIn(page, 'councillor');
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Caseload' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'My work' }).count(), 0);
  await page.goto(`${BASE}/#/children/C000001`);
  await page.getByRole('heading', { name: 'Not available' }).waitFor();
  // And the API refuses it too, whatever the page shows.
  const status = await page.evaluate(async () => (await fetch('/api/v1/children/C000001')).status);
  assert.equal(status, 403);
});
