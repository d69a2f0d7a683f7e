import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE ?? 'http://127.0.0.1:3377';
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PROPDESK_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Every console error and uncaught page error of every page, to fail the run on any (a CSP
 * violation is one). The pages forbid eval, so `page.waitForFunction('…')` with a string cannot
 * poll in them: wait on locators instead.
 */
export const browserErrors: string[] = [];
/** Set while a test provokes API errors on purpose: the browser logs those responses too. */
export const expected = { httpErrors: false, offline: false };

/** A mainland mobile number not already masked. */
const MOBILE = /(?<![\dA-Za-z*])1[3-9]\d{9}(?![\dA-Za-z])/;

/** The answers that may carry a full number (as test/support/phone-scan.ts allows on the API suite). */
function phoneAllowed(path: string, pageUrl: string): boolean {
  if (/^\/api\/cases\/[^/]+\/phone-reveal$/.test(path) || /^\/api\/orders\/[^/]+\/print$/.test(path)) return true;
  if (/^\/api\/(me|session|auth\/)/.test(path) || /^\/api\/estates\/[^/]+\/staff/.test(path)) return true;
  if (pageUrl.includes('/m/resident') && /^\/api\/units\/[^/]+$/.test(path)) return true;
  return pageUrl.includes('/m/tech') && /^\/api\/(cases|orders)\b/.test(path);
}

export async function newPage(browser: Browser, viewport: { width: number; height: number }, isMobile = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (expected.httpErrors && /Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
    if (expected.offline && /ERR_INTERNET_DISCONNECTED/.test(m.text())) return;
    browserErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => browserErrors.push(`${page.url()}: ${e.message}`));
  // Issue 13 item 4: no answer a page receives carries a resident's full number outside the steps that need it.
  page.on('response', async (res) => {
    if (!res.url().includes('/api/') || !/json|text/.test(res.headers()['content-type'] ?? '')) return;
    const body = await res.text().catch(() => '');
    const found = body.match(MOBILE);
    if (found && !phoneAllowed(new URL(res.url()).pathname, page.url())) browserErrors.push(`${page.url()}: full phone number ${found[0]} in the answer of ${res.url()}`);
  });
  return { context, page };
}

export async function login(page: Page, path: string, username: string): Promise<void> {
  await page.goto(`${BASE}${path}`);
  await page.getByPlaceholder(/用户名|账号/).or(page.getByLabel('用户名')).first().fill(username);
  await page.locator('input[type=password]').fill('demo1234');
  await page.getByRole('button', { name: '登录' }).click();
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

/** Signs in through the API for a request context (no UI), e.g. to open an emergency. */
export async function apiAs(browser: Browser, username: string) {
  const ctx = await browser.newContext();
  const res = await ctx.request.post(`${BASE}/api/auth/login`, { data: { username, password: 'demo1234' } });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()}`);
  return ctx.request;
}
