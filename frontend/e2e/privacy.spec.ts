// Personal-data rights through the web app (Decree 13/2023/ND-CP): registering asks for consent to the
// versioned privacy policy; a member who never consented is asked to; a member downloads all its data and
// deletes its account, after which the directory, search and its profile page no longer show it; the admin's
// audit page lists the entries, with filters.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { api, DEMO, dict, login, newContext, RUN, tokenFor, tr } from './helpers';
import { PRIVACY_POLICY_VERSION } from '../src/pages/privacy/policy';

const PASSWORD = 'e2e-privacy-passphrase-2026';
const leaving = {
  email: `leaving-${RUN.toLowerCase()}@e2e.innonet.test`,
  name: `Công ty Rời Mạng Lưới ${RUN}`,
};
let accountId = '';
let memberId = '';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

/** Types a query into the directory's search box. */
async function searchDirectory(page: Page, q: string) {
  await page.goto('/members');
  await page.getByTestId('member-search').fill(q);
}

test('registering asks for consent to the versioned privacy policy', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto('/register');
  const form = page.getByTestId('register-form');
  const policyLink = form.getByRole('link', { name: dict['auth.consentLink'] });
  await expect(policyLink).toHaveAttribute('href', '/privacy');
  await expect(form.getByText(tr('auth.consent', { version: PRIVACY_POLICY_VERSION }))).toBeVisible();
  await form.getByLabel(dict['auth.nameOrg']).fill(`Công ty Đồng Ý ${RUN}`);
  await form.getByLabel(dict['field.email']).fill(`consent-${RUN.toLowerCase()}@e2e.innonet.test`);
  await form.getByLabel(dict['auth.password']).fill(PASSWORD);
  // Without the box ticked the form does not go.
  await form.getByRole('button', { name: dict['auth.register'] }).click();
  await expect(page).toHaveURL(/\/register$/);
  expect(await form.getByTestId('consent-checkbox').evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
  await form.getByTestId('consent-checkbox').check();
  await form.getByRole('button', { name: dict['auth.register'] }).click();
  await expect(page).toHaveURL(/\/me\/profile$/);
  await expect(page.getByTestId('consent-banner')).toHaveCount(0);
  await page.goto('/settings/privacy');
  await expect(page.getByTestId('consent-state')).toContainText(PRIVACY_POLICY_VERSION);

  await page.goto('/privacy');
  await expect(page.getByTestId('policy-version')).toHaveText(tr('privacy.version', { version: PRIVACY_POLICY_VERSION }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chính sách bảo vệ dữ liệu cá nhân');
  await ctx.close();
});

test('a member downloads its data and deletes its account; the directory and search no longer show it', async ({ browser }) => {
  // A published member registered through the API without consent (as API clients may).
  const anon = await api();
  const reg = await anon.post('/api/v1/auth/register', { data: { email: leaving.email, password: PASSWORD, name: leaving.name, kind: 'startup' } });
  expect(reg.status(), await reg.text()).toBe(201);
  ({ id: accountId, member_id: memberId } = await reg.json());
  const token = await tokenFor(leaving.email, PASSWORD);
  const owner = await api(token);
  const upd = await owner.patch(`/api/v1/members/${memberId}`, {
    data: { version: 1, headline: 'Phân tích dữ liệu giao thông cho phường', description: 'Chúng tôi phân tích dữ liệu camera để giảm ùn tắc.', sectors: ['mobility'] },
  });
  expect(upd.status(), await upd.text()).toBe(200);
  expect((await owner.post(`/api/v1/members/${memberId}/publish`)).status()).toBe(200);

  const visitorCtx = await newContext(browser);
  const visitor = await visitorCtx.newPage();
  await searchDirectory(visitor, `roi mang luoi ${RUN.toLowerCase()}`);
  await expect(visitor.locator(`[data-member-id="${memberId}"]`)).toBeVisible();

  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await login(page, leaving.email, PASSWORD);
  // Never consented: asked to, on any page.
  const banner = page.getByTestId('consent-banner');
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('link', { name: dict['consent.read'] })).toHaveAttribute('href', '/privacy');
  await banner.getByTestId('consent-accept').click();
  await expect(banner).toHaveCount(0);

  await page.getByRole('link', { name: dict['nav.privacy'] }).click();
  await expect(page).toHaveURL(/\/settings\/privacy$/);
  await expect(page.getByTestId('consent-state')).toContainText(PRIVACY_POLICY_VERSION);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-data').click()]);
  expect(download.suggestedFilename()).toMatch(/^innonet-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, 'utf8');
  const data = JSON.parse(text);
  expect(data.account.email).toBe(leaving.email);
  expect(data.profile.id).toBe(memberId);
  expect(data.consents.map((c: { policy_version: string }) => c.policy_version)).toEqual([PRIVACY_POLICY_VERSION]);
  expect(text).not.toContain('password_hash');
  expect(text).not.toContain('$argon2id');
  await expect(page.getByText(dict['privacy.downloaded'])).toBeVisible();

  // The danger zone: a confirm dialog that wants the password.
  await page.getByTestId('delete-account').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: dict['privacy.confirmTitle'] })).toBeVisible();
  await dialog.getByLabel(dict['privacy.confirmPassword']).fill('not-my-password-123');
  await dialog.getByTestId('confirm-delete').click();
  await expect(dialog.locator('.field-error')).toBeVisible();
  await dialog.getByLabel(dict['privacy.confirmPassword']).fill(PASSWORD);
  await dialog.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('account-deleted')).toHaveText(dict['home.deleted']);
  await expect(page.getByTestId('logout')).toHaveCount(0);

  // Gone from the directory, the search and its page.
  // The same query that found it before now shows other members, or none, but not it.
  await searchDirectory(visitor, `roi mang luoi ${RUN.toLowerCase()}`);
  await expect(visitor.getByTestId('result-item').first().or(visitor.getByText(dict['members.none']))).toBeVisible();
  await expect(visitor.locator(`[data-member-id="${memberId}"]`)).toHaveCount(0);
  await searchDirectory(visitor, leaving.name);
  await expect(visitor.getByTestId('result-item').first().or(visitor.getByText(dict['members.none']))).toBeVisible();
  await expect(visitor.locator(`[data-member-id="${memberId}"]`)).toHaveCount(0);
  const search = await anon.get(`/api/v1/members?q=${encodeURIComponent(leaving.name)}`);
  expect((await search.json()).items.map((m: { id: string }) => m.id)).not.toContain(memberId);
  await visitor.goto('/members?kind=startup');
  await expect(visitor.getByTestId('result-item').first()).toBeVisible();
  await expect(visitor.locator(`[data-member-id="${memberId}"]`)).toHaveCount(0);
  await visitor.goto(`/members/${memberId}`);
  await expect(visitor.getByTestId('profile-name')).toHaveCount(0);
  const gone = await anon.get(`/api/v1/members/${memberId}`);
  expect(gone.status()).toBe(404);
  const relogin = await anon.post('/api/v1/auth/login', { data: { email: leaving.email, password: PASSWORD } });
  expect(relogin.status()).toBe(401);
  await anon.dispose();
  await owner.dispose();
  await ctx.close();
  await visitorCtx.close();
});

test('the admin audit page lists the entries, with filters', async ({ browser }) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await login(page, DEMO.admin);
  // Reading the verification queue is an admin action: it is audited.
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: dict['admin.verifications'] })).toBeVisible();
  await page.getByRole('link', { name: dict['audit.title'] }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('audit-action').selectOption('account.delete');
  await page.getByTestId('audit-apply').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(accountId);
  await expect(rows.first()).toContainText('profile: deleted');
  await page.getByTestId('audit-action').selectOption('verification.queue_view');
  await page.getByTestId('audit-apply').click();
  await expect(rows.first()).toContainText('verification.queue_view');
  await expect(rows.first()).toContainText('verifications');
  await ctx.close();
});
