// Browser tests of the governance pages (node --test, run by tests/e2e/run.sh):
// the CiCC facilitator raises an issue and records its written answer, which
// then appears on the public "You said, we did" page without signing in; the
// governance pages and the public page have no accessibility violation, on a
// desktop and on a phone; the scorecard page's link downloads the quarterly
// pack as a PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, launch, newPage, signIn, axeViolations, pdfPageCount, pdfSubject } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

test('the CiCC facilitator raises an issue and answers it; the answer is public', async () => {
  const page = await newPage(browser);
  await signIn(page, 'cicc_facilitator');
  await page.goto(`${BASE}/#/governance/issues`);
  await page.getByRole('heading', { name: 'Raise an issue' }).waitFor();
  const words = `Young people want later curfews at weekends ${Date.now()}`;
  await page.getByLabel("The issue, in the young people's words").fill(words);
  await page.getByRole('button', { name: 'Raise the issue' }).click();
  await page.getByRole('cell', { name: words }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // Answer it: pick it, write the response and what was done.
  const pick = page.getByLabel('Issue to answer');
  const option = pick.locator('option', { hasText: words.slice(0, 40) });
  await pick.selectOption(await option.getAttribute('value'));
  await page.getByLabel('Written response').fill('Agreed with foster carers');
  const weDid = `Carers now agree weekend times with each young person ${Date.now()}`;
  await page.getByLabel('We did (public: no names)').fill(weDid);
  await page.getByRole('button', { name: 'Save the answer' }).click();
  // Drawn again from the server: the row now says it was answered in time.
  await page.getByRole('row').filter({ hasText: words }).getByText('done', { exact: true }).waitFor();
  assert.deepEqual(page.problems, []);
  // The public page, with no session.
  const pub = await newPage(browser, { width: 390, height: 844 });
  await pub.goto(`${BASE}/you-said.html`);
  await pub.getByText(`We did: ${weDid}`).waitFor();
  assert.deepEqual(await axeViolations(pub), []);
  assert.deepEqual(pub.problems, []);
});

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`the governance pages have no accessibility violation on a ${name}`, async () => {
    const page = await newPage(browser, viewport);
    await signIn(page, 'manager');
    for (const hash of ['#/governance', '#/governance/issues', '#/governance/plan']) {
      await page.goto(`${BASE}/${hash}`);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await axeViolations(page), [], hash);
    }
    assert.deepEqual(page.problems, []);
  });
}

test('the scorecard page links to the quarterly pack, which downloads as a PDF', async () => {
  const page = await newPage(browser);
  await signIn(page, 'councillor');
  await page.goto(`${BASE}/#/scorecard`);
  const quarter = page.getByRole('textbox', { name: 'Quarter', exact: true });
  await quarter.fill('2010Q1');
  const link = page.getByRole('link', { name: 'Download the quarterly pack (PDF)' });
  assert.equal(await link.getAttribute('href'), '/api/v1/pack?quarter=2010Q1');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'pledge-pack-2010Q1.pdf');
  const body = readFileSync(await download.path());
  assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdfPageCount(body) > 1, `a pack of ${pdfPageCount(body)} page(s)`);
  // A councillor's pack is always the published one.
  assert.match(pdfSubject(body), /^Published: /);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.problems, []);
});
