// A minimal SMTP receiver for the browser tests. global-setup starts it and points the server at it
// (--smtp-addr, --smtp-tls none); each message is written as JSON to the directory in INNONET_E2E_MAIL_DIR,
// where waitForMail() finds it. It speaks just enough SMTP for innonet's sender: EHLO/HELO, MAIL, RCPT, DATA,
// RSET, NOOP, QUIT; no TLS, no auth.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';

/** One received email, as written to the mail directory. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link of the plain-text part, in order. */
  links: string[];
  received: number;
}

/** Decodes RFC 2047 encoded words (=?utf-8?q?…?= and =?utf-8?b?…?=) of a header. */
export function decodeHeader(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([qQbB])\?([^?]*)\?=/g, (_, _cs: string, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

/** Decodes a quoted-printable body to UTF-8. */
export function decodeQP(s: string): string {
  const bytes = s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Splits a raw message into its headers (unfolded, lower-case names) and body. */
function split(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

/** The text and HTML parts of a message (multipart/alternative or single part), decoded. */
export function parseMessage(raw: string): { subject: string; text: string; html: string } {
  const { headers, body } = split(raw);
  const subject = decodeHeader(headers['subject'] ?? '');
  const parts: { type: string; body: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const decode = (h: Record<string, string>, b: string) => (/quoted-printable/i.test(h['content-transfer-encoding'] ?? '') ? decodeQP(b) : /base64/i.test(h['content-transfer-encoding'] ?? '') ? Buffer.from(b, 'base64').toString('utf8') : b);
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const p = split(chunk.replace(/^\r\n/, ''));
      parts.push({ type: p.headers['content-type'] ?? '', body: decode(p.headers, p.body) });
    }
  } else {
    parts.push({ type: headers['content-type'] ?? 'text/plain', body: decode(headers, body) });
  }
  return {
    subject,
    text: parts.find((p) => /text\/plain/i.test(p.type))?.body ?? '',
    html: parts.find((p) => /text\/html/i.test(p.type))?.body ?? '',
  };
}

/** Starts the receiver on 127.0.0.1 (a free port) writing to dir; resolves with its address and a stop function. */
export function startMailServer(dir: string): Promise<{ addr: string; stop: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let seq = 0;
  const server: Server = createServer((sock: Socket) => {
    let buf = '';
    let rcpt: string[] = [];
    let data: string[] | null = null;
    const reply = (line: string) => sock.write(`${line}\r\n`);
    reply('220 innonet-e2e ESMTP');
    sock.on('error', () => sock.destroy());
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      let nl: number;
      while ((nl = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        if (data) {
          if (line === '.') {
            const raw = Buffer.from(data.join('\r\n'), 'latin1').toString('utf8');
            const msg = parseMessage(raw);
            const mail: Mail = { to: rcpt, ...msg, links: msg.text.match(/https?:\/\/\S+/g) ?? [], received: Date.now() };
            writeFileSync(join(dir, `${Date.now()}-${String(++seq).padStart(5, '0')}.json`), JSON.stringify(mail, null, 1));
            data = null;
            rcpt = [];
            reply('250 OK: queued');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') sock.write('250-innonet-e2e\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'RSET') {
          rcpt = [];
          reply('250 OK');
        } else if (verb === 'RCPT') {
          rcpt.push((/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase());
          reply('250 OK');
        } else if (verb === 'DATA') {
          data = [];
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          sock.end();
        } else reply('502 Command not implemented');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      if (!a || typeof a !== 'object') return reject(new Error('no address'));
      resolve({ addr: `127.0.0.1:${a.port}`, stop: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** The mails received so far, oldest first. */
export function mails(dir = process.env.INNONET_E2E_MAIL_DIR ?? ''): Mail[] {
  if (!dir) throw new Error('INNONET_E2E_MAIL_DIR is not set: run through playwright.config.ts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Mail);
}

/**
 * Waits for a mail to `to` whose subject matches, received after `since` (ms since the epoch), and returns
 * it with its links.
 */
export async function waitForMail(to: string, subject: RegExp, opts: { since?: number; timeoutMs?: number } = {}): Promise<Mail> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  const want = to.toLowerCase();
  for (;;) {
    const found = mails()
      .filter((m) => m.to.includes(want) && subject.test(m.subject) && m.received >= (opts.since ?? 0))
      .pop();
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = mails().map((m) => `${m.to.join(',')}: ${m.subject}`);
      throw new Error(`no mail to ${to} matching ${subject} within the timeout; received:\n${seen.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first link of a mail that opens the path (for example "/claim"), relative to the site. */
export function linkTo(mail: Mail, path: string): string {
  const link = mail.links.find((l) => new URL(l).pathname === path);
  if (!link) throw new Error(`no ${path} link in the mail "${mail.subject}": ${mail.links.join(' ')}`);
  const u = new URL(link);
  return u.pathname + u.search;
}
