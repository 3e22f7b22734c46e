// Browser tests of the quarterly pack (GET /api/v1/pack, run by
// tests/e2e/run.sh): a manager downloads it from the scorecard page as a PDF
// of several pages, not for publication; a councillor asking for that same
// pack gets the published one (small counts withheld) and nothing else; a
// young person, whose account is for the survey alone, gets no pack at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, USERS, launch, newPage, signIn, pdfPageCount, pdfSubject } from './browser.mjs';

const QUARTER = '2010Q1';
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

function assertPdf(body, what) {
  assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-', `${what} starts with %PDF-`);
  assert.ok(pdfPageCount(body) > 1, `${what} has ${pdfPageCount(body)} page(s)`);
}

test('a manager downloads the quarterly pack from the scorecard page: a PDF, not for publication', async () => {
  const page = await newPage(browser);
  await signIn(page, 'manager');
  await page.goto(`${BASE}/#/scorecard`);
  await page.getByRole('textbox', { name: 'Quarter', exact: true }).fill(QUARTER);
  const link = page.getByRole('link', { name: 'Download the quarterly pack (PDF)' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), `pledge-pack-${QUARTER}.pdf`);
  const body = readFileSync(await download.path());
  assertPdf(body, 'the downloaded pack');
  assert.match(pdfSubject(body), /not for publication/);
  // The same address in the signed-in session, for the response's headers.
  const res = await page.request.get(`${BASE}${await link.getAttribute('href')}`);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assertPdf(await res.body(), 'the pack fetched again');
  assert.deepEqual(page.problems, []);
});

test('a councillor asking for the pack not for publication gets the published one', async () => {
  const page = await newPage(browser);
  await signIn(page, 'councillor');
  const res = await page.request.get(`${BASE}/api/v1/pack?quarter=${QUARTER}&publish=0`);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  const body = await res.body();
  assertPdf(body, "the councillor's pack");
  assert.match(pdfSubject(body), /^Published: figures of 1 to 5 withheld/);
  assert.doesNotMatch(pdfSubject(body), /not for publication/);
});

test('a young person cannot download the pack', async () => {
  const page = await newPage(browser, { width: 390, height: 844 });
  const [username, password] = USERS.young_person;
  const signedIn = await page.request.post(`${BASE}/api/v1/session`, { data: { username, password } });
  assert.equal(signedIn.status(), 200);
  const res = await page.request.get(`${BASE}/api/v1/pack?quarter=${QUARTER}`);
  assert.equal(res.status(), 403);
  assert.match(res.headers()['content-type'], /^application\/json/);
  assert.equal((await res.json()).error.code, 'forbidden');
  // And without signing in, nobody gets it.
  const anonymous = await browser.newContext();
  const res2 = await anonymous.request.get(`${BASE}/api/v1/pack?quarter=${QUARTER}`);
  assert.equal(res2.status(), 401);
  await anonymous.close();
});
