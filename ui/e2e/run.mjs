#!/usr/bin/env node
// Browser tests of the web UI (issue 5 §3): builds the UI and `fossa-sync`, starts the simulated
// site and `fossa-sync daemon --http` on free loopback ports with a temp data dir, signs in with
// the daemon's login link, and drives Debian's /usr/bin/chromium (playwright-core, no browser
// download) through the scenarios in scenarios.mjs. Screenshots: target/artifacts/ui-<page>.png.
//
//   node ui/e2e/run.mjs              the real daemon and sim (what CI runs)
//   node ui/e2e/run.mjs --mock       the development mock build instead (no Rust needed)
//   node ui/e2e/run.mjs --no-build   reuse ui/dist and target/debug/fossa-sync
// Env: FOSSA_SYNC_BIN (a built binary), CHROMIUM (default /usr/bin/chromium), E2E_VERBOSE=1,
// E2E_KEEP=1 (keep the temp data dir), E2E_ONLY=<text> (only scenarios whose name holds it). Last line: "N passed, N failed".

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort, run, start, stopAll, waitForHttp } from './harness.mjs';
import { SCENARIOS } from './scenarios.mjs';

const UI = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(UI, '..');
const ARTIFACTS = join(REPO, 'target', 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MOCK = process.argv.includes('--mock');
const NO_BUILD = process.argv.includes('--no-build');
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let passed = 0;
let failed = 0;
let skipped = 0;
const log = (...a) => console.log(...a);

async function must(step, promise) {
  const result = await promise;
  if (result.code !== 0) {
    throw new Error(`${step} failed (exit ${result.code}):\n${(result.stderr || result.stdout).trim().split('\n').slice(-25).join('\n')}`);
  }
  return result;
}

async function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0 && CHROMIUM === '/usr/bin/chromium') {
    log('== chromium is missing: apt-get install -y chromium');
    await must('apt-get update', run('apt-get', ['update', '-q']));
    await must('apt-get install chromium', run('apt-get', ['install', '-y', '-q', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }));
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
}

async function buildUi(script) {
  if (!existsSync(join(UI, 'node_modules'))) await must('npm ci', run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: UI }));
  if (NO_BUILD && existsSync(join(UI, script === 'build' ? 'dist' : 'dist-mock', 'index.html'))) return;
  log(`== npm run ${script}`);
  await must(`npm run ${script}`, run('npm', ['run', script], { cwd: UI }));
}

async function fossaBinary() {
  if (process.env.FOSSA_SYNC_BIN) return process.env.FOSSA_SYNC_BIN;
  const debug = join(REPO, 'target', 'debug', 'fossa-sync');
  if (!(NO_BUILD && existsSync(debug))) {
    log('== cargo build -p fossa-sync');
    await must('cargo build -p fossa-sync', run('cargo', ['build', '-p', 'fossa-sync'], { cwd: REPO, echo: !!process.env.E2E_VERBOSE }));
  }
  return debug;
}

/** The real stack: sim + account + daemon --http; returns what the scenarios need. */
async function startReal() {
  const bin = await fossaBinary();
  const help = await run(bin, ['daemon', '--help']);
  if (!help.stdout.includes('--http')) throw new Error('`fossa-sync daemon` has no --http option yet (the HTTP API is not wired in)');
  const dataDir = mkdtempSync(join(tmpdir(), 'fossa-e2e-'));
  const env = { ...process.env, FOSSA_SYNC_NO_KEYRING: '1', FOSSA_SYNC_DATA_DIR: dataDir, FOSSA_SYNC_UI_DIR: join(UI, 'dist') };
  const [simPort, apiPort] = [await freePort(), await freePort()];
  const simBase = `http://127.0.0.1:${simPort}`;
  const sim = start('sim', bin, ['sim', '--listen', `127.0.0.1:${simPort}`, '--orders', '250'], { env });
  await waitForHttp(`${simBase}/login`, sim);
  log(`== sim at ${simBase}/ (250 work orders)`);
  await must('account set', run(bin, ['--data-dir', dataDir, 'account', 'set', '--email', 'tech@example.com', '--password-stdin', '--site', `${simBase}/`], { env, input: 'demo-password\n' }));
  let printedLogin = null;
  const daemon = start('daemon', bin, ['--data-dir', dataDir, 'daemon', '--http', `127.0.0.1:${apiPort}`], {
    env,
    onLine: (line) => {
      const m = /https?:\/\/127\.0\.0\.1:\d+\/login\?token=[A-Za-z0-9._~%-]+/.exec(line);
      if (m) printedLogin = m[0];
    },
  });
  const base = `http://127.0.0.1:${apiPort}/`;
  await waitForHttp(base, daemon);
  log(`== daemon --http at ${base} (data dir ${dataDir})`);
  let token = (await run(bin, ['--data-dir', dataDir, 'api', 'token'], { env })).stdout.trim().split('\n').pop() ?? '';
  if (!/^[A-Za-z0-9._~-]{16,}$/.test(token) && existsSync(join(dataDir, 'api-token'))) token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  if (!/^[A-Za-z0-9._~-]{16,}$/.test(token) && printedLogin) token = new URL(printedLogin).searchParams.get('token');
  if (!token) throw new Error('no API token: neither `fossa-sync api token`, <data dir>/api-token nor a printed login URL');
  const json = async (url, init = {}, headers = {}) => {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { ...headers, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    base,
    loginUrl: `${base}login?token=${encodeURIComponent(token)}`,
    api: (path, init) => json(`${base}${path.replace(/^\//, '')}`, init, { Authorization: `Bearer ${token}` }),
    sim: (path, init) => json(`${simBase}${path}`, init),
    daemon,
    cleanup: () => (process.env.E2E_KEEP ? log(`(kept ${dataDir})`) : rmSync(dataDir, { recursive: true, force: true })),
  };
}

/** The development mock build behind `vite preview`. */
async function startMock() {
  await buildUi('build:mock');
  const port = await freePort();
  const preview = start('preview', process.execPath, [join(UI, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--outDir', 'dist-mock', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: UI });
  const base = `http://127.0.0.1:${port}/`;
  await waitForHttp(base, preview);
  return { base, loginUrl: base, api: null, sim: null, daemon: preview, cleanup: () => {} };
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const file of readdirSync(ARTIFACTS)) if (/^ui-.*\.png$/.test(file)) rmSync(join(ARTIFACTS, file));
  let stack = null;
  let browser = null;
  try {
    await ensureChromium();
    if (!MOCK) await buildUi('build');
    stack = MOCK ? await startMock() : await startReal();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => log(`  page error: ${e.message}`));
    await context.addInitScript(() => {
      window.__fossaInjected = 0;
      window.alert = () => {
        window.__fossaInjected += 1;
      };
    });
    const ctx = {
      page, base: stack.base, api: stack.api, sim: stack.sim, dialogs,
      shot: (name, { full = true } = {}) => page.screenshot({ path: join(ARTIFACTS, `ui-${name}.png`), fullPage: full }),
    };

    // Sign in with the login link: it sets the session cookie and lands on the UI.
    await page.goto(stack.loginUrl);
    await page.waitForSelector('[data-state]', { timeout: 20000 });
    if (!MOCK) {
      const cookie = (await context.cookies()).find((c) => c.name === 'fossa_session');
      if (!cookie || !cookie.httpOnly || cookie.sameSite !== 'Strict') throw new Error(`the login link set no HttpOnly SameSite=Strict fossa_session cookie: ${JSON.stringify(cookie)}`);
    }

    const only = process.env.E2E_ONLY;
    for (const [name, scenario] of SCENARIOS) {
      if (only && !name.includes(only)) continue;
      const started = Date.now();
      try {
        const note = await scenario(ctx);
        if (typeof note === 'string' && note.startsWith('skipped')) skipped += 1;
        else passed += 1;
        log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${note ? ` — ${note}` : ''}`);
      } catch (error) {
        failed += 1;
        log(`FAIL ${name}: ${error.message}`);
        const slug = name.split(':')[0].replace(/[^a-z0-9]+/gi, '-').toLowerCase();
        await page.screenshot({ path: join(ARTIFACTS, `ui-fail-${slug}.png`), fullPage: true }).catch(() => {});
        if (stack.daemon) log(`  last ${stack.daemon.name} lines:\n    ${stack.daemon.lines.slice(-15).join('\n    ')}`);
      }
    }
    log(`screenshots in ${ARTIFACTS}`);
  } catch (error) {
    failed += 1;
    log(`FAIL setup: ${error.message}`);
  } finally {
    await browser?.close().catch(() => {});
    await stopAll();
    stack?.cleanup();
  }
  log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

await main();
