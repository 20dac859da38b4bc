// DEVELOPMENT ONLY: an in-page engine with fixture data, for `npm run dev:mock` / `build:mock`
// (screenshots before the HTTP API exists). main.tsx loads it only in `--mode mock`, so production
// builds never contain it. Validation mimics the engine's messages closely enough to show errors.

import { ApiError, buildUrl, type EventHandler, type Op, type Transport } from './transport';
import type {
  AccountInfo, ChangeRecord, DailyStat, EngineEvent, RunRecord, ScheduleConfig, Settings, Status, WorkOrderView,
} from './types';

const HOUR = 3_600_000;
const now = () => Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

const CUSTOMERS = ['7-Eleven Stores, Inc', 'Wawa, Inc', 'Circle K Stores', 'Speedway LLC', 'RaceTrac'];
const STREETS = ['802 East Palm Boulevard', '1200 N Dale Mabry Hwy', '4501 W Kennedy Blvd', '88 Bayshore Dr', '3003 E Fowler Ave'];
const STATUSES = ['Work Created', 'Scheduled', 'In Progress', 'Quality Approved'];
const CATEGORIES = [['Meter Calibration'], ['Meter Calibration', 'Repair'], [], ['Inspection']];
const CONTACTS = ['Dana Whitfield', 'Luis Ortega', 'Priya Natarajan'];

function makeOrders(): WorkOrderView[] {
  return Array.from({ length: 24 }, (_, i) => {
    const number = 129600 + i * 7;
    const base = 'https://app.workfossa.com';
    return {
      id: `W-${number}`, number, url: `${base}/app/work/${number}/`, status: STATUSES[i % 4],
      reason: i % 3 ? 'AccuMeasure' : 'Repair', project: i % 5 === 0 ? 'Spring calibration' : null,
      po_number: i % 4 === 1 ? `C0000${20100 + i}` : null,
      categories: CATEGORIES[i % 4],
      contact: i % 6 === 2 ? null : { name: CONTACTS[i % 3], lines: [CUSTOMERS[i % 5], `7-E0${10 + i}`, 'Net 30'] },
      created_by: 'Jordan Reyes', created_at: `2026-02-${String(1 + (i % 27)).padStart(2, '0')}T09:41:00`,
      customer: { name: CUSTOMERS[i % 5], url: `${base}/app/customers/${11800 + (i % 5)}/` },
      location: { id: 46700 + i, store_number: `#${38400 + i * 3}`, site_name: CUSTOMERS[i % 5].split(/[ ,]/)[0], url: `${base}/app/customers/locations/${46700 + i}/` },
      address: { street: STREETS[i % 5], intersection: i % 4 === 0 ? 'E US 64 & 43rd St.' : null, city_state_zip: 'Tampa FL 33603', county: 'Hillsborough County' },
      items: [
        { group: 'Meter Calibration', quantity: 2 + (i % 6), description: 'All Dispensers', code: '2861' },
        ...(i % 3 === 0 ? [{ group: 'Parts', quantity: 1, description: 'Open Neck Prover', code: '3146' }] : []),
      ],
      visits: { completed: 0, total: 1 + (i % 2) },
      next_visit: i % 6 === 5 ? null : { id: 131600 + i, date: `2026-03-${String(9 + (i % 20)).padStart(2, '0')}`, window: i % 2 ? 'anytime' : '8:00am - 12:00pm', url: `${base}/app/work/${number}/visits/${131600 + i}/` },
      due_date: `2026-03-${String(12 + (i % 17)).padStart(2, '0')}`,
      instructions: i === 8
        ? 'Office note: <img src=x onerror=alert(1)> (literal text, do not render).'
        : 'Calibrate all meters.\nCall the store manager on arrival.\n  Gate code 4521.',
      removed_at: i === 23 ? iso(now() - 30 * HOUR) : null,
      badge: i === 0 || i === 1 ? 'new' : i === 4 ? 'changed' : null,
    };
  });
}

function makeRuns(): RunRecord[] {
  return Array.from({ length: 60 }, (_, k) => {
    const i = 60 - k;
    const started = now() - k * 2 * HOUR - 40 * 60_000;
    const failed = k % 11 === 3;
    const ms = 1400 + ((k * 397) % 2600);
    return {
      id: i, job_type: 'work_orders', trigger: k % 7 === 0 ? 'manual' : k % 13 === 5 ? 'catch-up' : 'scheduled',
      status: failed ? 'failed' : k === 9 ? 'skipped' : 'success', started_at: iso(started), finished_at: iso(started + ms),
      duration_ms: ms, attempts: failed ? 3 : 1, missed: k % 13 === 5 ? 2 : 0,
      found: failed ? null : 22 + (k % 3), new: failed ? null : k % 4 === 0 ? 2 : 0, changed: failed ? null : k % 5 === 0 ? 1 : 0,
      removed: failed ? null : k % 9 === 0 ? 1 : 0, error_class: failed ? 'transient' : null,
      error: failed ? 'WorkFossa answered 503 three times; will retry at the next run.' : null,
    };
  });
}

function makeStats(): DailyStat[] {
  return Array.from({ length: 30 }, (_, k) => {
    const day = new Date(now() - (29 - k) * 24 * HOUR).toISOString().slice(0, 10);
    const failed = k % 6 === 2 ? 2 : k % 9 === 0 ? 1 : 0;
    return { day, runs: 11, succeeded: 11 - failed, failed, skipped: 0, avg_duration_ms: 1500 + ((k * 211) % 1400), work_orders: 18 + Math.round(6 * Math.sin(k / 4)) };
  });
}

export function mockTransport(): Transport {
  const orders = makeOrders();
  const runs = makeRuns();
  const stats = makeStats();
  const listeners = new Set<EventHandler>();
  let schedule: ScheduleConfig = { interval_minutes: 60, timezone: 'America/New_York', active_hours: '07:00-19:00', days: 'mon,tue,wed,thu,fri', jitter_seconds: 30, enabled: true };
  let settings: Settings = {
    site_url: 'https://app.workfossa.com', demo: true, fetch_concurrency: 4, page_reader: 'auto', page_reader_detected: 'http', launch_at_login: true,
    notifications: { desktop: true, new_work_orders: true, quiet_period_minutes: 120, email: null, webhook_url: null },
    log_dir: '/home/tech/.local/share/fossa-sync/logs',
  };
  let account: AccountInfo = { site_url: settings.site_url, email: 'tech@example.com', password_store: 'keyring', from_environment: false };
  let status: Status = {
    state: 'active', job_type: 'work_orders', enabled: true, next_run: iso(now() + 23 * 60_000 + 17_000), countdown_seconds: 1397,
    paused: false, paused_until: null, consecutive_failures: 0, last_run: runs[0], last_success_at: runs[0].finished_at, running_run_id: null, demo: true, interval_minutes: 60,
  };
  const emit = (e: EngineEvent) => listeners.forEach((l) => l(e));
  const setStatus = (s: Partial<Status>) => {
    status = { ...status, ...s };
    emit({ type: 'status_changed', status });
    return status;
  };
  const validate = (c: ScheduleConfig) => {
    if (!(c.interval_minutes >= 30 && c.interval_minutes <= 1440)) throw new ApiError(422, `interval: must be between 30m and 24h (got ${c.interval_minutes}m)`, 'interval');
    if (!c.timezone) throw new ApiError(422, 'timezone: unknown time zone ""', 'timezone');
    if (c.active_hours && c.active_hours.split('-')[0] === c.active_hours.split('-')[1]) throw new ApiError(422, `active_hours: start and end must differ (got ${c.active_hours}); use off for all day`, 'active_hours');
    if (!c.days) throw new ApiError(422, 'days: must include at least one day (e.g. mon-fri or all)', 'days');
    if (c.jitter_seconds > 600 || c.jitter_seconds < 0) throw new ApiError(422, `jitter: must be between 0s and 10m (got ${c.jitter_seconds}s)`, 'jitter');
  };
  const preview = (c: ScheduleConfig, count: number) => {
    const out: string[] = [];
    let t = Math.ceil(now() / (c.interval_minutes * 60_000)) * c.interval_minutes * 60_000;
    while (out.length < count) {
      out.push(new Date(t).toISOString().replace('.000Z', '+00:00'));
      t += c.interval_minutes * 60_000;
    }
    return out;
  };
  const sync = () => {
    const id = runs[0].id + 1;
    const started = now();
    emit({ type: 'run_started', run_id: id, job_type: 'work_orders', trigger: 'manual' });
    setStatus({ state: 'running', running_run_id: id });
    for (let p = 0; p <= 4; p++) {
      setTimeout(() => emit({ type: 'progress', run_id: id, job_type: 'work_orders', phase: p === 0 ? 'logging_in' : p === 4 ? 'saving' : 'fetching', pages_done: Math.min(p, 3), pages_total: p ? 3 : null, rows: Math.min(p, 3) * 8 }), p * 700);
    }
    setTimeout(() => {
      const run: RunRecord = { ...runs[1], id, trigger: 'manual', status: 'success', started_at: iso(started), finished_at: iso(now()), duration_ms: now() - started, found: 24, new: 1, changed: 0, removed: 0, error: null, error_class: null };
      runs.unshift(run);
      emit({ type: 'run_finished', run });
      setStatus({ state: 'active', running_run_id: null, last_run: run, last_success_at: run.finished_at });
    }, 3600);
    return { run_id: id };
  };
  const handlers: Record<string, (op: Op) => unknown> = {
    get_status: () => status,
    get_schedule: () => ({ job_type: 'work_orders', ...schedule, next_due: status.next_run, paused: status.paused, paused_until: status.paused_until }),
    set_schedule: (op) => { const c = op.body as ScheduleConfig; validate(c); schedule = c; return handlers.get_schedule(op); },
    preview_schedule: (op) => { const b = op.body as { config: ScheduleConfig | null; count: number }; const c = b.config ?? schedule; validate(c); return preview(c, b.count); },
    sync_now: () => (status.running_run_id ? { run_id: status.running_run_id } : sync()),
    pause: (op) => { const b = op.body as { until?: string; minutes?: number; until_tomorrow?: boolean }; return setStatus({ state: 'paused', paused: true, paused_until: b.until ?? (b.minutes ? iso(now() + b.minutes * 60_000) : b.until_tomorrow ? iso(now() + 86_400_000) : null) }); },
    resume: () => setStatus({ state: 'active', paused: false, paused_until: null }),
    get_history: (op) => {
      const q = op.query ?? {};
      const list = runs.filter((r) => (!q.status || r.status === q.status) && (!q.trigger || r.trigger === q.trigger)
        && (!q.since || r.started_at >= String(q.since)) && (!q.until || r.started_at < String(q.until)));
      const offset = Number(q.offset ?? 0);
      return list.slice(offset, offset + Number(q.limit ?? 50));
    },
    get_run: (op) => runs.find((r) => r.id === op.args?.id) ?? Promise.reject(new ApiError(404, `No run with id ${op.args?.id}.`)),
    get_changes: (op): ChangeRecord[] => {
      const run = runs.find((r) => r.id === op.args?.run);
      if (!run || !run.new) return [];
      return [
        { run_id: run.id, run_started_at: run.started_at, number: orders[0].number, kind: 'new', field: null, old_value: null, new_value: null },
        { run_id: run.id, run_started_at: run.started_at, number: orders[4].number, kind: 'changed', field: 'next_visit.date', old_value: '2026-03-10', new_value: '2026-03-12' },
        { run_id: run.id, run_started_at: run.started_at, number: orders[4].number, kind: 'changed', field: 'instructions', old_value: 'Call ahead.', new_value: 'Call ahead.\n<b>Gate</b> code 4521.' },
        { run_id: run.id, run_started_at: run.started_at, number: 129000, kind: 'removed', field: null, old_value: null, new_value: null },
      ];
    },
    get_work_orders: (op) => {
      const category = typeof op.args?.category === 'string' ? op.args.category.toLowerCase() : null;
      return orders.filter((o) => (op.args?.includeRemoved || !o.removed_at)
        && (!category || o.categories.some((c) => c.toLowerCase() === category)));
    },
    get_daily_stats: () => stats,
    get_settings: () => settings,
    set_settings: (op) => {
      const s = op.body as Settings;
      const q = s.notifications.quiet_period_minutes;
      if (q !== null && !(q >= 1 && q <= 10080)) throw new ApiError(422, 'Invalid value for quiet_period_minutes: must be between 1 minute and 7 days, or empty for no repeat', 'quiet_period_minutes');
      if (s.notifications.webhook_url && !/^https?:\/\//.test(s.notifications.webhook_url)) throw new ApiError(422, 'Invalid value for webhook_url: the webhook address must start with https://', 'webhook_url');
      if (!['auto', 'http', 'browser'].includes(s.page_reader)) throw new ApiError(422, 'Invalid value for page_reader: use auto, http or browser', 'page_reader');
      // As the engine: a changed page reader forgets what `auto` detected.
      const detected = s.page_reader === settings.page_reader ? settings.page_reader_detected ?? null : null;
      settings = { ...s, page_reader_detected: detected, log_dir: settings.log_dir };
      return settings;
    },
    get_account: () => account,
    set_account: (op) => { const u = op.body as { email: string; site_url: string | null }; account = { ...account, email: u.email, site_url: u.site_url ?? account.site_url }; return account; },
    test_login: () => ({ ok: true }),
    send_test_email: () => Promise.reject(new ApiError(422, 'No email settings saved yet.')),
    send_test_webhook: () => Promise.reject(new ApiError(422, 'No webhook address saved yet.')),
  };
  return {
    kind: 'mock',
    async call<T>(op: Op): Promise<T> {
      await new Promise((r) => setTimeout(r, 60));
      const handler = op.command ? handlers[op.command] : undefined;
      if (!handler) throw new ApiError(404, `mock: ${op.method} ${buildUrl(op.path, op.query)} is not mocked`);
      return (await handler(op)) as T;
    },
    subscribe(onEvent, onConnection) {
      listeners.add(onEvent);
      setTimeout(() => onConnection?.(true), 0);
      return () => listeners.delete(onEvent);
    },
    async openUrl(url) {
      window.open(url, '_blank', 'noopener,noreferrer');
    },
  };
}
