// Shared set-up of the browser tests: Debian's chromium driven by
// playwright-core, the base URL of a running server (E2E_BASE_URL) and the
// accounts to sign in with (E2E_USERS, JSON {role: [username, password]}).
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const BASE = process.env.E2E_BASE_URL || 'http://127.0.0.1:8099';
export const USERS = JSON.parse(process.env.E2E_USERS || '{}');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}

// A new page with console errors and CSP violations collected, so a test
// can fail on them.
export async function newPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) page.problems.push(m.text());
  });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

export async function signIn(page, role) {
  const [user, pass] = USERS[role] || [];
  if (!user) throw new Error(`E2E_USERS has no ${role} account`);
  await page.goto(`${BASE}/#/signin`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

// The WCAG 2.x A and AA violations axe finds on the page, as readable lines.
export async function axeViolations(page) {
  const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return res.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// The number of pages: the page objects of the PDF's page tree (/Type
// /Page, not /Pages).
export function pdfPageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

// The PDF's /Subject, written as a (string) with backslash escapes or as <FEFF...>
// hex UTF-16 (cairo's choice when the text has brackets).
export function pdfSubject(pdf) {
  const m = pdf.toString('latin1').match(/\/Subject\s*(?:\(((?:\\.|[^\\)])*)\)|<FEFF([0-9A-Fa-f]*)>)/);
  if (!m) return '';
  if (m[1] !== undefined) return m[1].replace(/\\(.)/g, '$1');
  const bytes = Buffer.from(m[2], 'hex');
  return bytes.swap16().toString('utf16le');
}
