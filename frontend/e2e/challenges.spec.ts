// Challenges, fuller: questions and public answers, attachments (upload on the edit page, download on the
// challenge page), the deadline, and the share preview the server puts into the page of a challenge.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { api, baseURL, DEMO, dict, login, newContext, tokenFor } from './helpers';

// ch-0002 is open and posted by ag-0001, the demo agency's organisation.
const CHALLENGE = 'ch-0002';
const RUN = Date.now().toString(36);

// A small but real PDF.
const PDF = Buffer.from(`%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
trailer << /Root 1 0 R >>
%%EOF
`);

test.describe('challenges', () => {
  test('a member asks, the agency answers, and everyone sees the answer', async ({ browser }) => {
    const question = `Dữ liệu đếm xe hiện có được chia sẻ qua API không? (${RUN})`;
    const answer = `Có, Sở cung cấp API dữ liệu giao thông theo thời gian thực. (${RUN})`;

    const expertCtx = await newContext(browser);
    const expert = await expertCtx.newPage();
    await login(expert, DEMO.expert, undefined, `/challenges/${CHALLENGE}`);
    const qa = expert.getByTestId('questions');
    await expect(qa.getByRole('heading', { name: dict['qa.title'] })).toBeVisible();
    await qa.getByTestId('question-text').fill(question);
    await qa.getByTestId('send-question').click();
    await expect(qa.getByText(dict['qa.sent'])).toBeVisible();
    const mine = qa.getByTestId('question-item').filter({ hasText: question });
    await expect(mine.getByText(dict['qa.pending'])).toBeVisible();

    // A visitor does not see an unanswered question.
    const visitorCtx = await newContext(browser);
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`/challenges/${CHALLENGE}`);
    await expect(visitor.getByTestId('questions')).toBeVisible();
    await expect(visitor.getByText(question)).toHaveCount(0);

    const agencyCtx = await newContext(browser);
    const agency = await agencyCtx.newPage();
    await login(agency, DEMO.agency, undefined, `/challenges/${CHALLENGE}`);
    const item = agency.getByTestId('question-item').filter({ hasText: question });
    await item.getByTestId('answer-text').fill(answer);
    await item.getByTestId('send-answer').click();
    await expect(item.getByTestId('question-answer')).toContainText(answer);

    await visitor.reload();
    const pub = visitor.getByTestId('question-item').filter({ hasText: question });
    await expect(pub.getByTestId('question-answer')).toContainText(answer);

    // The asker is notified.
    await expert.goto('/notifications');
    await expect(expert.getByTestId('notification-item').filter({ hasText: dict['notif.type.answer'] }).first()).toBeVisible();

    await Promise.all([expertCtx.close(), visitorCtx.close(), agencyCtx.close()]);
  });

  test('the agency uploads a PDF and a visitor downloads it', async ({ browser }) => {
    const agencyCtx = await newContext(browser);
    const agency = await agencyCtx.newPage();
    await login(agency, DEMO.agency, undefined, `/challenges/${CHALLENGE}/edit`);
    const manager = agency.getByTestId('attachment-manager');
    const name = `Sơ đồ nút giao ${RUN}.pdf`;
    await manager.getByTestId('attachment-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
    await manager.getByTestId('upload-attachment').click();
    await expect(manager.getByTestId('attachment-item').filter({ hasText: name })).toBeVisible();

    // A file that only claims to be an image is refused, with the field named.
    await manager.getByTestId('attachment-file').setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await manager.getByTestId('upload-attachment').click();
    await expect(agency.getByRole('alert')).toBeVisible();
    await expect(manager.getByTestId('attachment-item').filter({ hasText: 'anh' })).toHaveCount(0);

    const visitorCtx = await newContext(browser);
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`/challenges/${CHALLENGE}`);
    const row = visitor.getByTestId('attachments').getByTestId('attachment-item').filter({ hasText: name });
    await expect(row).toBeVisible();
    const [download] = await Promise.all([visitor.waitForEvent('download'), row.getByTestId('attachment-download').click()]);
    expect(download.suggestedFilename()).toBe(name);
    const saved = await download.path();
    expect(readFileSync(saved).equals(PDF)).toBe(true);

    // The download's headers keep a browser from guessing or running it.
    const client = await api();
    const list = await (await client.get(`/api/v1/challenges/${CHALLENGE}/attachments`)).json();
    const att = list.items.find((a: { name: string }) => a.name === name);
    const res = await client.get(att.url);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['content-disposition']).toMatch(/^attachment;/);
    await client.dispose();

    // The agency deletes it; it is gone from the page.
    agency.once('dialog', (d) => void d.accept());
    await manager.getByTestId('attachment-item').filter({ hasText: name }).getByTestId('attachment-delete').click();
    await expect(manager.getByTestId('attachment-item').filter({ hasText: name })).toHaveCount(0);
    await visitor.reload();
    await expect(visitor.getByText(name)).toHaveCount(0);
    await Promise.all([agencyCtx.close(), visitorCtx.close()]);
  });

  test('a challenge shows its deadline, and closes for responses after it', async ({ browser }) => {
    const client = await api(await tokenFor(DEMO.agency));
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    const created = await client.post('/api/v1/challenges', {
      data: {
        title: `Bản đồ số vỉa hè cho người khuyết tật ${RUN}`,
        description: 'Cần khảo sát và số hóa độ dốc, bậc thềm của vỉa hè để người dùng xe lăn tìm lối đi phù hợp.',
        sectors: ['mobility'], deadline: today,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const c = await created.json();
    expect((await client.post(`/api/v1/challenges/${c.id}/publish`)).status()).toBe(200);
    const past = await client.patch(`/api/v1/challenges/${c.id}`, { data: { deadline: '2020-01-01', version: 2 } });
    expect(past.status()).toBe(400);
    expect((await past.json()).errors[0].pointer).toBe('/deadline');
    await client.dispose();

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await login(page, DEMO.expert, undefined, `/challenges/${c.id}`);
    await expect(page.getByTestId('challenge-deadline')).toBeVisible();
    await expect(page.getByTestId('interest-form')).toBeVisible();
    await expect(page.getByTestId('ask-form')).toBeVisible();

    // The same page a day later (the browser's clock moves; the server's deadline is the end of today in Hanoi).
    await page.clock.install({ time: new Date(Date.parse(c.closes_at) + 60_000) });
    await page.reload();
    await expect(page.getByTestId('deadline-closed')).toHaveText(dict['challenge.closedDeadline']);
    await expect(page.getByTestId('interest-form')).toHaveCount(0);
    await expect(page.getByTestId('ask-form')).toHaveCount(0);
    await ctx.close();
  });

  test('the page of a challenge carries its share preview', async () => {
    const res = await fetch(`${baseURL()}/challenges/${CHALLENGE}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const meta = (key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(html)?.[1];
    const challenge = await (await fetch(`${baseURL()}/api/v1/challenges/${CHALLENGE}`)).json();
    expect(meta('og:title')).toBe(challenge.title);
    expect(html).toContain(`<title>${challenge.title} · innonet</title>`);
    expect(meta('og:description')?.length).toBeGreaterThan(20);
    expect(meta('og:url')).toMatch(new RegExp(`^https?://[^/]+/challenges/${CHALLENGE}$`));
    expect(meta('twitter:card')).toBe('summary_large_image');
    const image = meta('og:image') ?? '';
    expect(image).toMatch(/^https?:\/\/.+\/og-image\.png$/);
    const img = await fetch(`${baseURL()}${new URL(image).pathname}`);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect((await img.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const member = await (await fetch(`${baseURL()}/members/st-0001`)).text();
    expect(member).toMatch(/<meta property="og:title" content="NútXanh Analytics">/);
    const unknown = await (await fetch(`${baseURL()}/challenges/no-such-challenge`)).text();
    expect(unknown).not.toContain('og:title');
  });
});
