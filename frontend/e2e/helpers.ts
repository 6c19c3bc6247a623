// Shared helpers of the browser tests: the interface's own words (the Vietnamese dictionary, the default
// language), signing in through the form, the bell, and a small API client for checking what the page shows.
import { expect, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { vi as dict } from '../src/i18n/dict';

export { dict };

export const DEMO_PASSWORD = 'innonet-demo-2026';
export const DEMO = {
  admin: 'admin@demo.innonet.vn',
  agency: 'agency@demo.innonet.vn', // ag-0001, verified
  startup: 'startup@demo.innonet.vn', // st-0001
  expert: 'expert@demo.innonet.vn',
} as const;

/** A dictionary entry with its {placeholders} filled in. */
export function tr(key: keyof typeof dict, vars: Record<string, string | number> = {}): string {
  return dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

export function baseURL(): string {
  const b = process.env.INNONET_E2E_BASE_URL;
  if (!b) throw new Error('INNONET_E2E_BASE_URL is not set');
  return b;
}

/** A fresh browser context (its own cookies: one signed-in person each). */
export async function newContext(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseURL(),
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}

/** Sign in through the login form and wait until the app shows the signed-in header. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD, next = '/'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  const form = page.getByTestId('login-form');
  await form.getByLabel(dict['field.email']).fill(email);
  await form.getByLabel(dict['auth.password']).fill(password);
  await form.getByRole('button', { name: dict['auth.login'] }).click();
  await expect(page.getByTestId('logout')).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The number the bell shows. */
export async function bellCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('bell-count').textContent())?.trim() ?? '';
  return text === '99+' ? 100 : Number(text);
}

/** The bell's count once it has stopped moving (jobs started by earlier steps may still be delivering). */
export async function settledBellCount(page: Page, quietMs = 1_500, timeoutMs = 15_000): Promise<number> {
  await expect(page.getByTestId('bell')).toBeVisible();
  const deadline = Date.now() + timeoutMs;
  let last = await bellCount(page);
  let since = Date.now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(250);
    const now = await bellCount(page);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
  }
  return last;
}

/** An API client (no browser) for reading what the page is expected to show. */
export async function api(token?: string): Promise<APIRequestContext> {
  return request.newContext({
    baseURL: baseURL(),
    extraHTTPHeaders: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

/** An access token for an account (for API reads in assertions). */
export async function tokenFor(email: string, password = DEMO_PASSWORD): Promise<string> {
  const ctx = await api();
  try {
    const res = await ctx.post('/api/v1/auth/login', { data: { email, password } });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).access_token as string;
  } finally {
    await ctx.dispose();
  }
}

/** A short tag that makes this run's names unique, should the tests ever run against a longer-lived server. */
export const RUN = Date.now().toString(36).slice(-5).toUpperCase().replace(/[0-9]/g, (d) => 'KLMNPQRSTV'[Number(d)]);
