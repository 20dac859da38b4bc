// DEVELOPMENT ONLY: an in-page engine with fixture data, for `npm run dev:mock` / `build:mock`
// (screenshots before the HTTP API exists). main.tsx loads it only in `--mode mock`, so production
// builds never contain it. Validation mimics the engine's messages closely enough to show errors.
// Both jobs are mocked: work orders every 2 h, dispensers daily, each with its own schedule, runs
// and daily stats; some stations' dispensers were never read, one location is gone (stale).

import { ApiError, buildUrl, type EventHandler, type Op, type Transport } from './transport';
import type {
  AccountInfo, ChangeRecord, DailyStat, EngineEvent, JobType, RunRecord, ScheduleConfig, ScheduleView, Settings, Status,
  StoredDispenser, WorkOrderView,
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

const MAKES = [['Gilbarco', 'Encore 700 S'], ['Wayne', 'Ovation 2'], ['Gilbarco', null]] as const;

/** The stored dispensers of a location: none for every fourth station (never read), stale for one. */
function makeDispensers(location: number): StoredDispenser[] {
  const i = location - 46700;
  if (i < 0 || i >= 24 || i % 4 === 3) return [];
  const readAt = iso(now() - (5 + (i % 20)) * HOUR);
  return Array.from({ length: 2 + (i % 3) }, (_, k) => {
    const [make, model] = MAKES[(i + k) % 3];
    const number = `${2 * k + 1}/${2 * k + 2}`;
    const grades = k === 2 ? ['Diesel'] : ['Regular', 'Plus', 'Premium'];
    return {
      location_id: location, number, title: `${number} - ${grades.join(', ')} - ${make}`, make, model,
      serial: `EN000${37196 + i * 10 + k}`, grades, stand_alone_code: k === 2 ? '0126' : null,
      nozzles_per_side: grades.length, meter_type: 'Electronic',
      fields: { 'Meter Type': 'Electronic', 'Number of Nozzles (per side)': String(grades.length) },
      read_at: readAt, stale: i === 6,
    };
  });
}

/** Work-order runs every 2 h and a daily dispensers run, newest first, ids in start order. */
function makeRuns(): RunRecord[] {
  const work = makeWorkOrderRuns();
  const dispensers: RunRecord[] = Array.from({ length: 6 }, (_, d) => {
    const started = now() - d * 24 * HOUR - 5 * HOUR;
    const ms = 20_000 + ((d * 3301) % 9000);
    const failed = d === 3;
    return {
      id: 0, job_type: 'dispensers', trigger: d === 1 ? 'manual' : 'scheduled', status: failed ? 'failed' : 'success',
      started_at: iso(started), finished_at: iso(started + ms), duration_ms: ms, attempts: failed ? 3 : 1, missed: 0,
      found: failed ? null : 54 + (d % 2), new: failed ? null : d === 5 ? 54 : 0, changed: failed ? null : d % 2, removed: failed ? null : 0,
      error_class: failed ? 'transient' : null, error: failed ? 'WorkFossa answered 503 three times; will retry at the next run.' : null,
    };
  });
  const all = [...work, ...dispensers].sort((a, b) => a.started_at.localeCompare(b.started_at));
  all.forEach((r, i) => (r.id = i + 1));
  return all.reverse();
}

function makeWorkOrderRuns(): RunRecord[] {
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

function makeStats(job: JobType): DailyStat[] {
  return Array.from({ length: 30 }, (_, k) => {
    const day = new Date(now() - (29 - k) * 24 * HOUR).toISOString().slice(0, 10);
    if (job === 'dispensers') {
      const failed = k % 10 === 4 ? 1 : 0;
      return { day, runs: 1, succeeded: 1 - failed, failed, skipped: 0, avg_duration_ms: 21_000 + ((k * 977) % 8000), work_orders: failed ? null : 52 + (k % 4) };
    }
    const failed = k % 6 === 2 ? 2 : k % 9 === 0 ? 1 : 0;
    return { day, runs: 11, succeeded: 11 - failed, failed, skipped: 0, avg_duration_ms: 1500 + ((k * 211) % 1400), work_orders: 18 + Math.round(6 * Math.sin(k / 4)) };
  });
}

/** All jobs' stats of a day together: the counts summed, the durations weighted by runs. */
function combineStats(a: DailyStat[], b: DailyStat[]): DailyStat[] {
  return a.map((s, i) => {
    const t = b[i];
    const runs = s.runs + t.runs;
    const avg = runs ? Math.round(((s.avg_duration_ms ?? 0) * s.runs + (t.avg_duration_ms ?? 0) * t.runs) / runs) : null;
    return { ...s, runs, succeeded: s.succeeded + t.succeeded, failed: s.failed + t.failed, skipped: s.skipped + t.skipped, avg_duration_ms: avg };
  });
}

export function mockTransport(): Transport {
  const orders = makeOrders();
  const runs = makeRuns();
  const stats: Record<JobType, DailyStat[]> = { work_orders: makeStats('work_orders'), dispensers: makeStats('dispensers') };
  const listeners = new Set<EventHandler>();
  const schedules: Record<JobType, ScheduleConfig> = {
    work_orders: { interval_minutes: 60, timezone: 'America/New_York', active_hours: '07:00-19:00', days: 'mon,tue,wed,thu,fri', jitter_seconds: 30, enabled: true },
    // The engine's default: every 24 h at the active window's opening.
    dispensers: { interval_minutes: 1440, timezone: 'America/New_York', active_hours: '07:00-19:00', days: 'mon,tue,wed,thu,fri', jitter_seconds: 30, enabled: true },
  };
  const jobOf = (value: unknown): JobType => {
    if (value === undefined || value === null || value === 'work_orders') return 'work_orders';
    if (value === 'dispensers') return 'dispensers';
    throw new ApiError(404, `No schedule ${String(value)}: use work_orders or dispensers.`);
  };
  const nextOpening = () => {
    const t = new Date(now() + 24 * HOUR);
    t.setUTCHours(11, 0, 0, 0);
    return iso(t.getTime());
  };
  const view = (job: JobType): ScheduleView => {
    const c = schedules[job];
    const [start, end] = (c.active_hours ?? '').split('-');
    const whole = c.active_hours && start.endsWith(':00') && end.endsWith(':00');
    return {
      job_type: job, ...c, next_due: job === 'work_orders' ? status.next_run : c.enabled ? nextOpening() : null,
      paused: status.paused, paused_until: status.paused_until, interval_hours: c.interval_minutes / 60,
      active_hours_range: whole ? { start: Number(start.slice(0, 2)), end: Number(end.slice(0, 2)) } : null,
    };
  };
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
  let readingDispensers: number | null = null;
  /** A manual run of `job`; the status (the tray's) follows only the work-order job. */
  const sync = (job: JobType) => {
    const id = Math.max(...runs.map((r) => r.id)) + 1;
    const started = now();
    const work = job === 'work_orders';
    emit({ type: 'run_started', run_id: id, job_type: job, trigger: 'manual' });
    if (work) setStatus({ state: 'running', running_run_id: id });
    else readingDispensers = id;
    for (let p = 0; p <= 4; p++) {
      setTimeout(() => emit({ type: 'progress', run_id: id, job_type: job, phase: p === 0 ? 'logging_in' : p === 4 ? 'saving' : 'fetching', pages_done: Math.min(p, 3), pages_total: p ? 3 : null, rows: Math.min(p, 3) * 8 }), p * 700);
    }
    setTimeout(() => {
      const template = runs.find((r) => r.job_type === job && r.status === 'success') ?? runs[0];
      const run: RunRecord = { ...template, id, job_type: job, trigger: 'manual', status: 'success', started_at: iso(started), finished_at: iso(now()), duration_ms: now() - started, found: work ? 24 : 55, new: work ? 1 : 0, changed: 0, removed: 0, error: null, error_class: null, attempts: 1, missed: 0 };
      runs.unshift(run);
      emit({ type: 'run_finished', run });
      if (work) setStatus({ state: 'active', running_run_id: null, last_run: run, last_success_at: run.finished_at });
      else readingDispensers = null;
    }, 3600);
    return { run_id: id };
  };
  const handlers: Record<string, (op: Op) => unknown> = {
    get_status: () => status,
    get_schedules: () => [view('work_orders'), view('dispensers')],
    get_schedule: (op) => view(jobOf(op.args?.id)),
    set_schedule: (op) => { const job = jobOf(op.args?.id); const c = op.body as ScheduleConfig; validate(c); schedules[job] = c; return view(job); },
    preview_schedule: (op) => { const b = op.body as { config: ScheduleConfig | null; count: number }; const c = b.config ?? schedules.work_orders; validate(c); return preview(c, b.count); },
    sync_now: (op) => {
      const job = jobOf(op.args?.id);
      if (job === 'work_orders') return status.running_run_id ? { run_id: status.running_run_id } : sync(job);
      return readingDispensers ? { run_id: readingDispensers } : sync(job);
    },
    pause: (op) => { const b = op.body as { until?: string; minutes?: number; until_tomorrow?: boolean }; return setStatus({ state: 'paused', paused: true, paused_until: b.until ?? (b.minutes ? iso(now() + b.minutes * 60_000) : b.until_tomorrow ? iso(now() + 86_400_000) : null) }); },
    resume: () => setStatus({ state: 'active', paused: false, paused_until: null }),
    get_history: (op) => {
      const q = op.query ?? {};
      const job = op.args?.jobType ? jobOf(op.args.jobType) : null;
      const list = runs.filter((r) => (!job || r.job_type === job) && (!q.status || r.status === q.status) && (!q.trigger || r.trigger === q.trigger)
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
    get_daily_stats: (op) => {
      const days = Number(op.args?.days ?? 30);
      const all = op.args?.job ? stats[jobOf(op.args.job)] : combineStats(stats.work_orders, stats.dispensers);
      return all.slice(-days);
    },
    get_dispensers: (op) => {
      const location = op.args?.location;
      if (location === undefined) return orders.flatMap((o) => (o.location.id === null ? [] : makeDispensers(o.location.id)));
      if (typeof location !== 'number' || !Number.isInteger(location)) throw new ApiError(422, 'Invalid value for location: must be a location id', 'location');
      return makeDispensers(location);
    },
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
