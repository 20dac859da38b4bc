// The browser scenarios of issue 5 §3, each `async (ctx) => {}` throwing on failure:
// schedule settings, Sync now → progress → history → work orders, injected markup stays text,
// the failure path. `ctx.api`/`ctx.sim` are null against the development mock (checks skipped).

import assert from 'node:assert/strict';
import { sleep, until } from './harness.mjs';

/** What the simulated site puts into some instructions (crates/sim/src/generator.rs). */
export const INJECTION_TEXT = '<img src=x onerror=alert(1)>';

async function previewTimes(page) {
  return page.$$eval('[data-testid=preview] li[data-at]', (items) => items.map((li) => li.getAttribute('data-at')));
}

const gaps = (times) => times.slice(1).map((t, i) => (Date.parse(t) - Date.parse(times[i])) / 1000);

export async function scheduleSettings(ctx) {
  const { page } = ctx;
  await page.goto(`${ctx.base}#/settings`);
  await page.waitForSelector('[data-testid=preview] li[data-at]', { timeout: 15000 });
  const before = await previewTimes(page);
  assert.equal(before.length, 5, 'the preview lists the next 5 runs');

  // All day, every day, every 2 h, in Tokyo: the preview follows while editing, before saving.
  if (await page.isChecked('#s-hours-on')) await page.uncheck('#s-hours-on');
  await page.getByRole('button', { name: 'Every day' }).click();
  await page.fill('#s-zone-filter', 'tokyo');
  await page.selectOption('#s-timezone', 'Asia/Tokyo');
  await page.fill('#s-interval', '2');
  const after = await until(async () => {
    const t = await previewTimes(page);
    const ok = t.length === 5 && gaps(t).every((g) => g === 7200) && (!ctx.api || t.every((x) => x.endsWith('+09:00')));
    return ok && t;
  }, 'the preview shows 5 runs 2 h apart in Tokyo time');
  assert.notDeepEqual(after, before, 'the preview changed with the edit');
  assert.equal(await page.textContent('[data-testid=tz-selected]'), 'Asia/Tokyo');

  await page.getByRole('button', { name: 'Save schedule' }).click();
  await page.waitForSelector('text=Schedule saved.', { timeout: 10000 });
  if (ctx.api) {
    const saved = await ctx.api('/api/scraping-schedules/work_orders');
    assert.deepEqual(
      [saved.interval_minutes, saved.timezone, saved.active_hours, saved.days],
      [120, 'Asia/Tokyo', null, 'all'],
      'the engine has the saved schedule',
    );
  }

  // The values persist across a reload.
  await page.reload();
  await page.waitForSelector('[data-testid=preview] li[data-at]', { timeout: 15000 });
  if (ctx.api) {
    assert.equal(await page.inputValue('#s-interval'), '2');
    assert.equal(await page.textContent('[data-testid=tz-selected]'), 'Asia/Tokyo');
    assert.equal(await page.isChecked('#s-hours-on'), false);
  }

  // An invalid value: the engine's error next to the field, nothing saved.
  await page.fill('#s-interval', '25');
  const error = await page.waitForSelector('[data-field-error="s-interval"]', { timeout: 10000 });
  const message = await error.textContent();
  assert.match(message, /30m|24h|between/i, `the interval error says what is allowed (got ${JSON.stringify(message)})`);
  assert.equal(await page.getAttribute('#s-interval', 'aria-invalid'), 'true');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await sleep(600);
  assert.ok(await page.$('[data-field-error="s-interval"]'), 'the error stays after Save');
  assert.equal(await page.$('text=Schedule saved.'), null, 'nothing was saved');
  await ctx.shot('settings-invalid');
  if (ctx.api) {
    const still = await ctx.api('/api/scraping-schedules/work_orders');
    assert.equal(still.interval_minutes, 120, 'the engine kept the last valid interval');
    await page.reload();
    await page.waitForSelector('#s-interval');
    await until(async () => (await page.inputValue('#s-interval')) === '2', 'the form shows the saved interval after a reload', 10000);
  }
  await page.reload();
  await page.waitForSelector('[data-testid=preview] li[data-at]', { timeout: 15000 });
  await ctx.shot('settings');
}

export async function syncAndBrowse(ctx) {
  const { page } = ctx;
  if (ctx.sim) await ctx.sim('/_sim/faults', { method: 'PUT', body: { latency_ms: 350 } });
  const lastId = ctx.api ? ((await ctx.api('/api/scraping-schedules/history/work_orders?limit=1'))[0]?.id ?? 0) : 0;
  await page.goto(`${ctx.base}#/status`);
  await page.waitForSelector('[data-state]');
  await page.getByRole('button', { name: 'Sync now' }).click();

  // The progress bar appears and moves, then the state returns to Active.
  const texts = new Set();
  const values = new Set();
  await until(async () => {
    const text = await page.$eval('[data-testid=progress-text]', (el) => el.textContent).catch(() => null);
    if (text) texts.add(text);
    const now = await page.$eval('[role=progressbar]', (el) => el.getAttribute('aria-valuenow')).catch(() => null);
    if (now !== null) values.add(now);
    const state = await page.getAttribute('[data-state]', 'data-state');
    return texts.size > 0 && state !== 'running' && !(await page.$('[data-testid=progress]'));
  }, 'the sync runs and finishes', 90000, 40);
  assert.ok(texts.size >= 2, `the progress text moved (saw ${JSON.stringify([...texts])})`);
  assert.equal(await page.getAttribute('[data-state]', 'data-state'), 'active', 'the state is Active after the sync');
  assert.match(await page.textContent('[data-testid=freshness]'), /work orders as of \d\d:\d\d · just now/);
  await ctx.shot('status');
  if (ctx.sim) await ctx.sim('/_sim/faults', { method: 'PUT', body: {} });

  // A history row with its counts: the work-order job's runs (after "Sync now" the dispenser
  // job reads the stations never read, and its run may still be going).
  await page.goto(`${ctx.base}#/history`);
  await page.waitForSelector('[data-testid=runs] tbody tr[data-run]', { timeout: 10000 });
  await page.selectOption('#h-job', 'work_orders');
  const row = await until(async () => {
    const first = await page.$('[data-testid=runs] tbody tr[data-run]');
    return first && Number(await first.getAttribute('data-run')) > lastId ? first : null;
  }, 'the work-order run is listed first', 10000);
  const runId = Number(await row.getAttribute('data-run'));
  assert.ok(runId > lastId, `a new run is listed (newest #${runId}, before #${lastId})`);
  // Looked up afresh each time: the list reloads when the dispenser run ends.
  const ofRun = `[data-testid=runs] tbody tr[data-run="${runId}"]`;
  assert.equal(await page.getAttribute(ofRun, 'data-status'), 'success');
  const cell = async (col) => (await page.textContent(`${ofRun} [data-col=${col}]`)).trim();
  const found = Number(await cell('found'));
  assert.ok(found > 0, `the run found work orders (${found})`);
  if (ctx.api) {
    const run = await ctx.api(`/api/runs/${runId}`);
    assert.deepEqual(
      [found, Number(await cell('new')), Number(await cell('changed')), Number(await cell('removed'))],
      [run.found, run.new, run.changed, run.removed],
      'the row shows the run record counts',
    );
  }
  await page.waitForSelector('[data-testid=charts] .uplot', { timeout: 10000 });
  await ctx.shot('history', { full: false });
  await row.$eval('a', (a) => a.click());
  await page.waitForSelector('[data-testid=run-detail] h1');
  await until(
    async () => (await page.$('[data-testid=run-detail] .change')) ?? (await page.$('text=This run changed nothing.')),
    'the run detail lists its changes', 10000,
  );
  await ctx.shot('run', { full: false });

  // The work-orders table shows the records; search narrows it; a detail opens.
  await page.goto(`${ctx.base}#/work-orders`);
  await page.waitForSelector('tbody tr[data-number]', { timeout: 10000 });
  const total = await page.$$eval('tbody tr[data-number]', (rows) => rows.length);
  if (ctx.api) {
    const listed = await ctx.api('/api/work-orders');
    assert.equal(total, listed.length, 'the table shows every current work order');
    assert.equal(total, found, 'as many as the run found');
  }
  await ctx.shot('work-orders', { full: false });
  const sortButton = page.getByRole('button', { name: 'Customer' });
  await sortButton.focus();
  await page.keyboard.press('Enter');
  await until(async () => (await page.getAttribute('th:has(button:text-is("Customer"))', 'aria-sort')) === 'ascending', 'the Customer column sorts from the keyboard', 5000);
  const third = await page.$$eval('tbody tr[data-number]', (rows) => rows[2].getAttribute('data-number'));
  await page.fill('#wo-search', third);
  await until(async () => (await page.$$('tbody tr[data-number]')).length === 1, `searching ${third} leaves one row`, 5000);
  const customer = await page.$eval('tbody tr[data-number] td[data-label=Customer]', (td) => td.textContent.trim());
  await page.fill('#wo-search', customer);
  const narrowed = await until(async () => {
    const n = (await page.$$('tbody tr[data-number]')).length;
    return n >= 1 && n < total && n;
  }, `searching "${customer}" narrows the table`, 5000);
  const customers = await page.$$eval('tbody tr[data-number] td[data-label=Customer]', (tds) => tds.map((td) => td.textContent));
  assert.ok(customers.every((c) => c.toLowerCase().includes(customer.toLowerCase())), `all ${narrowed} rows are ${customer}'s`);
  await page.click('tbody tr[data-number] a');
  await page.waitForSelector('[data-testid=wo-detail]');
  assert.ok((await page.textContent('[data-testid=instructions]')).trim().length > 0, 'the detail shows the instructions');
  const link = await page.getAttribute('a:has-text("Open in WorkFossa")', 'href');
  assert.match(link, /^https?:\/\/.+\/app\/work\/\d+\/$/, 'the WorkFossa link is the record URL');
  await ctx.shot('work-order');
  await page.goto(`${ctx.base}#/work-orders`);
  await page.fill('#wo-search', '');

  // The category filter keeps the rows listing the chosen category (when records have any).
  await page.waitForSelector('tbody tr[data-number]', { timeout: 10000 });
  const categories = await page.$$eval('#wo-category option', (options) => options.map((o) => o.value).filter(Boolean));
  if (categories.length > 0) {
    const category = categories[0];
    await page.selectOption('#wo-category', category);
    const kept = await until(async () => {
      const cells = await page.$$eval('tbody tr[data-number] td[data-label=Categories]', (tds) => tds.map((td) => td.textContent));
      return cells.length >= 1 && cells.every((c) => c.includes(category)) && cells.length;
    }, `the "${category}" filter keeps only its rows`, 5000);
    if (ctx.api) {
      const listed = await ctx.api(`/api/work-orders?category=${encodeURIComponent(category)}`);
      assert.equal(kept, listed.length, 'the filter shows what the API lists for the category');
    }
    await page.selectOption('#wo-category', '');
  }
}

export async function injectionIsText(ctx) {
  const { page } = ctx;
  await page.goto(`${ctx.base}#/work-orders`);
  await page.waitForSelector('tbody tr[data-number]', { timeout: 10000 });
  await page.fill('#wo-search', 'onerror');
  await until(async () => (await page.$$('tbody tr[data-number]')).length >= 1, 'a work order holds the injected markup', 5000);
  await page.click('tbody tr[data-number] a');
  await page.waitForSelector('[data-testid=instructions]');
  const text = await page.textContent('[data-testid=instructions]');
  assert.ok(text.includes(INJECTION_TEXT), `the markup is shown as text: ${JSON.stringify(text)}`);
  const html = await page.$eval('[data-testid=instructions]', (el) => el.innerHTML);
  assert.ok(html.includes('&lt;img'), 'the markup is escaped in the DOM');
  assert.equal((await page.$$('img')).length, 0, 'no <img> element exists anywhere');
  await sleep(300);
  assert.deepEqual(ctx.dialogs, [], 'no alert ran');
  assert.equal(await page.evaluate(() => window.__fossaInjected ?? 0), 0, 'no injected handler ran');
  await ctx.shot('work-order-injection');
  await page.goto(`${ctx.base}#/work-orders`);
  await page.fill('#wo-search', '');
}

export async function failurePath(ctx) {
  const { page } = ctx;
  if (!ctx.sim) return 'skipped: needs the simulated site';
  const before = await ctx.api('/api/status');
  assert.notEqual(before.state, 'failed', 'the status is not Failed before the password is rejected');
  const lastId = before.last_run?.id ?? 0;
  await ctx.sim('/_sim/faults', { method: 'PUT', body: { reject_credentials: true } });
  try {
    await page.goto(`${ctx.base}#/status`);
    await page.waitForSelector('[data-state]');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForSelector('[data-state=failed]', { timeout: 90000 });
    const status = await ctx.api('/api/status');
    assert.ok(status.last_run.id > lastId, 'a new run failed');
    const reason = await page.textContent('[data-testid=failure-reason]');
    assert.match(reason, /email or password|credential/i, `the reason names the password: ${JSON.stringify(reason)}`);
    assert.equal(status.state, 'failed');
    assert.equal(reason.trim(), status.last_run.error, 'the sentence is the engine’s');
    await ctx.shot('status-failed');

    // The history filter by status shows the failed run with its sentence.
    await page.goto(`${ctx.base}#/history`);
    await page.waitForSelector('[data-testid=runs] tbody tr[data-run]');
    await page.selectOption('#h-status', 'failed');
    await until(async () => {
      const statuses = await page.$$eval('[data-testid=runs] tbody tr[data-run]', (rows) => rows.map((r) => r.getAttribute('data-status')));
      return statuses.length >= 1 && statuses.every((x) => x === 'failed');
    }, 'filtering by status lists only failed runs', 10000);
    assert.ok((await page.textContent('[data-testid=runs] tbody tr[data-run]')).includes(status.last_run.error));
    await page.selectOption('#h-status', '');
  } finally {
    await ctx.sim('/_sim/faults', { method: 'PUT', body: {} });
  }
}

export const SCENARIOS = [
  ['settings: schedule preview, persistence, invalid value', scheduleSettings],
  ['sync now: progress, history row, work orders, search, detail', syncAndBrowse],
  ['scraped markup renders as text and runs nothing', injectionIsText],
  ['failure path: rejected password turns the status Failed', failurePath],
];

/** Every page fits a 360 px wide window without sideways scrolling. */
export async function narrowScreens(ctx) {
  const { page } = ctx;
  await page.setViewportSize({ width: 360, height: 780 });
  try {
    for (const route of ['status', 'work-orders', 'history', 'settings']) {
      await page.goto(`${ctx.base}#/${route}`);
      await page.waitForSelector('main h1');
      await sleep(500);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `#/${route} is ${width} px wide at a 360 px window`);
    }
    await page.goto(`${ctx.base}#/work-orders`);
    await page.waitForSelector('main h1');
    await sleep(300);
    await ctx.shot('work-orders-360', { full: false });
  } finally {
    await page.setViewportSize({ width: 1200, height: 900 });
  }
}

SCENARIOS.push(['360 px: every page fits without sideways scrolling', narrowScreens]);
