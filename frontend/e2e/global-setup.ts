// Starts the real server for the browser tests: bin/innonet (or INNONET_E2E_BIN) serving the embedded web app
// with the demo data, on 127.0.0.1 at the port playwright.config.ts chose, with a fresh temporary data dir.
// The returned function stops it (SIGTERM, then SIGKILL) and removes the data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMailServer } from './mail';

const here = dirname(fileURLToPath(import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const base = process.env.INNONET_E2E_BASE_URL;
  if (!base) throw new Error('INNONET_E2E_BASE_URL is not set: run through playwright.config.ts');
  const chromium = process.env.INNONET_E2E_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`no Chromium at ${chromium}: apt-get install -y chromium (or set INNONET_E2E_CHROMIUM)`);
  }
  const bin = resolve(process.env.INNONET_E2E_BIN || join(here, '..', '..', 'bin', 'innonet'));
  if (!existsSync(bin)) throw new Error(`no server binary at ${bin}: run \`make web build\` first`);

  const addr = new URL(base).host;
  const data = mkdtempSync(join(tmpdir(), 'innonet-e2e-'));
  const logDir = join(here, 'results');
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, 'server.log');
  const log = createWriteStream(logPath);
  // Mail goes to the test SMTP receiver; the specs read it from INNONET_E2E_MAIL_DIR (see mail.ts).
  const mailDir = join(data, 'mail');
  const mail = await startMailServer(mailDir);
  process.env.INNONET_E2E_MAIL_DIR = mailDir;
  const child = spawn(bin, ['serve', '--addr', addr, '--data', data, '--demo', '--log-level', 'warn',
    '--smtp-addr', mail.addr, '--smtp-tls', 'none', '--base-url', base], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, INNONET_SMTP_ADDR: '' },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const teardown = async () => {
    await stop(child);
    await mail.stop();
    log.end();
    rmSync(data, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while ((await status(`${base}/readyz`)) !== 200) {
      if (exited) throw new Error(`the server exited before it was ready (exit ${child.exitCode}); see ${logPath}`);
      if (Date.now() > deadline) throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000}s; see ${logPath}`);
      await sleep(200);
    }
    // A binary built before `make web` serves a placeholder page instead of the app.
    const html = await (await fetch(`${base}/`, { signal: AbortSignal.timeout(5_000) })).text();
    if (!/<script[^>]+src="\/assets\//.test(html)) {
      throw new Error(`${bin} has no web app embedded: run \`make web build\` (or \`make e2e\`)`);
    }
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
