// Identity in the browser, with mail caught by the test SMTP receiver (mail.ts):
//   an admin imports a member list and invites a member to claim its profile; the invited person claims it
//   through the emailed link and edits it;
//   a user who forgot the password resets it through the emailed link;
//   an agency owner invites a colleague, who joins through the emailed link and publishes a challenge.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, dict, login, newContext, RUN, tr } from './helpers';
import { linkTo, waitForMail } from './mail';

const PASSWORD = 'e2e-passphrase-2026-long';
const run = RUN.toLowerCase();

test('an admin imports a member list, invites, and the invited person claims and edits the profile', async ({ browser }) => {
  const founder = `founder-${run}@example.vn`;
  const name = `Công ty Nhận Hồ Sơ ${RUN}`;
  const id = `st-claim-${run}`;
  const csv = `id,kind,name,headline,sectors,contact_email\n${id},startup,${name},Cảm biến đo chất lượng nước,water_flood,${founder}\n`;

  const adminCtx = await newContext(browser);
  const admin = await adminCtx.newPage();
  await login(admin, DEMO.admin, undefined, '/admin/import');
  const form = admin.getByTestId('import-form');
  await admin.getByTestId('import-file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await form.getByTestId('import-submit').click();
  await expect(admin.getByTestId('import-report')).toContainText(tr('admin.importResult', { rows: 1, imported: 1, errors: 0 }));

  const since = Date.now();
  await admin.getByTestId('import-invite').click();
  const card = admin.getByTestId('claim-candidate').filter({ hasText: name });
  // The directory keeps private contact details private, even from admins: the invitation goes to the
  // contact email the server holds, and its notice names it.
  await expect(card).toBeVisible();
  await card.getByTestId('invite-claim').click();
  await expect(admin.getByText(tr('admin.invited', { email: founder }))).toBeVisible();
  await adminCtx.close();

  const mail = await waitForMail(founder, new RegExp(`Nhận hồ sơ “${name}”`), { since });
  expect(mail.html).toContain(name);
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(linkTo(mail, '/claim'));
  await expect(page.getByTestId('invitation-member')).toHaveText(name);
  const accept = page.getByTestId('invitation-form');
  await accept.getByLabel(dict['invite.yourName']).fill('Lê Thị Sáng');
  await accept.getByLabel(dict['auth.password']).fill(PASSWORD);
  await accept.getByRole('button', { name: dict['invite.accept'] }).click();

  await expect(page).toHaveURL(/\/me\/profile$/);
  const profile = page.getByTestId('profile-form');
  await expect(profile.getByLabel(dict['field.name'])).toHaveValue(name);
  await profile.getByLabel(dict['field.headline']).fill(`Đã nhận hồ sơ ${RUN}`);
  await page.getByTestId('save-profile').click();
  await expect(page.getByText(dict['myProfile.saved'])).toBeVisible();
  await expect(page.getByTestId('verify-banner')).toHaveCount(0);

  // The link worked once.
  const again = await (await browser.newContext({ baseURL: page.url() })).newPage();
  await again.goto(linkTo(mail, '/claim'));
  await expect(again.getByRole('alert')).toBeVisible();
  await page.goto(`/members/${id}`);
  await expect(page.getByText(`Đã nhận hồ sơ ${RUN}`)).toBeVisible();
  await expect(page.getByTestId('claim-profile')).toHaveCount(0);
  await ctx.close();
});

test('a user who forgot the password resets it through the emailed link', async ({ browser }) => {
  const email = `quen-${run}@example.vn`;
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const reg = await page.request.post('/api/v1/auth/register', { data: { email, password: PASSWORD, name: 'Người Hay Quên', kind: 'expert' } });
  expect(reg.status()).toBe(201);

  const since = Date.now();
  await page.goto('/login');
  await page.getByRole('link', { name: dict['forgot.link'] }).click();
  const forgot = page.getByTestId('forgot-form');
  await forgot.getByLabel(dict['field.email']).fill(email);
  await forgot.getByRole('button', { name: dict['forgot.submit'] }).click();
  await expect(page.getByText(tr('forgot.sent', { email }))).toBeVisible();

  const mail = await waitForMail(email, /Đặt lại mật khẩu/, { since });
  await page.goto(linkTo(mail, '/reset-password'));
  const next = `${PASSWORD}-moi`;
  const reset = page.getByTestId('reset-form');
  await reset.getByLabel(dict['reset.newPassword']).fill(next);
  await reset.getByRole('button', { name: dict['reset.submit'] }).click();
  await expect(page.getByText(dict['reset.done'])).toBeVisible();

  await login(page, email, next);
  const old = await page.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(old.status()).toBe(401);
  await ctx.close();
});

async function publishChallenge(page: Page, title: string) {
  await page.getByRole('navigation', { name: dict['nav.main'] }).getByRole('link', { name: dict['nav.newChallenge'] }).click();
  const form = page.getByTestId('challenge-form');
  await form.getByLabel(dict['field.title']).fill(title);
  await form.getByLabel(dict['field.description']).fill('Phường cần cảm biến đo mực nước tại các điểm trũng và cảnh báo sớm cho người dân qua điện thoại.');
  await page.getByTestId('sector-picker').getByRole('checkbox').first().check();
  const skills = page.getByTestId('required-skills-input').getByRole('textbox');
  await skills.fill('iot');
  await skills.press('Enter');
  await form.getByRole('checkbox', { name: dict['kind.startup'], exact: true }).check();
  await page.getByTestId('save-challenge').click();
  await expect(page).toHaveURL(/\/challenges\/ch-[^/]+$/);
  await page.getByTestId('publish-challenge').click();
  await expect(page.getByTestId('challenge-page').locator('.profile-head')).toContainText(dict['cstatus.open']);
}

test('an agency owner invites a colleague, who joins and publishes a challenge', async ({ browser }) => {
  const colleague = `dongnghiep-${run}@example.vn`;
  const ownerCtx = await newContext(browser);
  const owner = await ownerCtx.newPage();
  await login(owner, DEMO.agency, undefined, '/me/staff');
  const since = Date.now();
  const invite = owner.getByTestId('staff-invite-form');
  await invite.getByLabel(dict['field.email']).fill(colleague);
  await invite.getByRole('button', { name: dict['staff.inviteSend'] }).click();
  await expect(owner.getByText(tr('staff.invited', { email: colleague }))).toBeVisible();

  const mail = await waitForMail(colleague, /mời bạn tham gia/, { since });
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(linkTo(mail, '/accept-invite'));
  await expect(page.getByTestId('invitation')).toContainText(dict['staff.role.member']);
  const form = page.getByTestId('invitation-form');
  await form.getByLabel(dict['invite.yourName']).fill('Đồng Nghiệp Mới');
  await form.getByLabel(dict['auth.password']).fill(PASSWORD);
  await form.getByRole('button', { name: dict['invite.accept'] }).click();
  await expect(page).toHaveURL(/\/me\/profile$/);

  await publishChallenge(page, `Cảnh báo ngập do đồng nghiệp đăng ${RUN}`);

  // The owner sees the colleague on the staff; the colleague, a member, does not manage it.
  await owner.reload();
  await expect(owner.getByTestId('staff-item').filter({ hasText: colleague })).toBeVisible();
  await page.goto('/me/staff');
  await expect(page.getByText(dict['staff.onlyOwners'])).toBeVisible();
  await expect(page.getByTestId('staff-invite-form')).toHaveCount(0);
  await ownerCtx.close();
  await ctx.close();
});
