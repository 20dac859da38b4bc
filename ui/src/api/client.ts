// Typed engine operations (docs/api.md), one function each, over the transport. Each names its
// operation in the engine's catalogue (operations.ts, generated from it: the HTTP route and the
// Tauri command) and gives the route's parameters, query, body and the desktop command's arguments.

import { OPERATIONS, type OperationName } from './operations';
import { transport, type QueryValue } from './transport';
import type {
  AccountInfo,
  AccountUpdate,
  DemoLeft,
  ChangeRecord,
  DailyStat,
  HistoryQuery,
  Instant,
  JobType,
  PauseRequest,
  PreviewRequest,
  RunRecord,
  ScheduleConfig,
  ScheduleView,
  Settings,
  SettingsUpdate,
  Status,
  StoredDispenser,
  WorkOrderView,
} from './types';

export const JOB: JobType = 'work_orders';

const enc = encodeURIComponent;

interface CallOptions {
  /** Values of the route's `{name}` parts. */
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Tauri command arguments (camelCase, as Tauri maps Rust parameter names). */
  args?: Record<string, unknown>;
}

/** Calls the catalogue's operation `name` over the window's transport. */
function call<T>(name: OperationName, options: CallOptions = {}): Promise<T> {
  const declared = OPERATIONS[name];
  let path: string = declared.path ?? '';
  for (const [key, value] of Object.entries(options.params ?? {})) {
    path = path.replace(`{${key}}`, enc(String(value)));
  }
  const { query, body, args } = options;
  return transport().call<T>({ command: declared.command, method: declared.method ?? 'GET', path, query, body, args });
}

export const getStatus = () => call<Status>('get_status');

export const getSchedules = () => call<ScheduleView[]>('get_schedules');

export const getSchedule = (id: JobType = JOB) =>
  call<ScheduleView>('get_schedule', { params: { id }, args: { id } });

export const setSchedule = (config: ScheduleConfig, id: JobType = JOB) =>
  call<ScheduleView>('set_schedule', { params: { id }, body: config, args: { id, config } });

/** Starts a sync now (or joins the running one). */
export const syncNow = (id: JobType = JOB) =>
  call<{ run_id: number }>('sync_now', { params: { id }, args: { id } });

/** The runs of one job, newest first. */
export const getHistory = (query: HistoryQuery = {}, jobType: JobType = JOB) => {
  const q = {
    limit: query.limit, offset: query.offset, status: query.status || undefined,
    trigger: query.trigger || undefined, since: query.since ?? undefined, until: query.until ?? undefined,
  };
  return call<RunRecord[]>('get_history', { params: { job_type: jobType }, query: q, args: { jobType, ...q } });
};

export const getRun = (id: number) => call<RunRecord>('get_run', { params: { id }, args: { id } });

/** The next fires of a config (null = the saved one), with zone offsets. */
export const previewSchedule = (config: ScheduleConfig | null, count = 5, from: Instant | null = null) => {
  const request: PreviewRequest = { config, from, count };
  return call<string[]>('preview_schedule', { body: request, args: { ...request } });
};

export const pause = (request: PauseRequest) =>
  call<Status>('pause', { body: request, args: { ...request } });

export const resume = () => call<Status>('resume');

/** The work orders; `category` keeps those with that category (its whole name, any case). */
export const getWorkOrders = (options: { search?: string; category?: string; includeRemoved?: boolean } = {}) => {
  const query = {
    search: options.search, category: options.category, include_removed: options.includeRemoved ? true : undefined,
  };
  return call<WorkOrderView[]>('get_work_orders', {
    query,
    args: { search: options.search ?? null, category: options.category ?? null, includeRemoved: options.includeRemoved ?? false },
  });
};

/** The stored dispensers of a location (`[]` when its page was never read); all without one. */
export const getDispensers = (location?: number) =>
  call<StoredDispenser[]>('get_dispensers', {
    query: location === undefined ? undefined : { location },
    args: location === undefined ? {} : { location },
  });

export const getChanges = (options: { run?: number; since?: Instant } = {}) =>
  call<ChangeRecord[]>('get_changes', {
    query: { run: options.run, since: options.since },
    args: { run: options.run ?? null, since: options.since ?? null },
  });

/** One row per day; `job` keeps that job's runs (all jobs together without it). */
export const getDailyStats = (days = 30, job?: JobType) =>
  call<DailyStat[]>('get_daily_stats', {
    query: job === undefined ? { days } : { days, job },
    args: job === undefined ? { days } : { days, job },
  });

export const getSettings = () => call<Settings>('get_settings');

export const setSettings = (settings: SettingsUpdate) =>
  call<Settings>('set_settings', { body: settings, args: { settings } });

export const getAccount = () => call<AccountInfo>('get_account');

export const setAccount = (update: AccountUpdate) =>
  call<AccountInfo>('set_account', {
    body: update,
    args: { email: update.email, password: update.password, siteUrl: update.site_url },
  });

export const testLogin = () => call<{ ok: boolean }>('test_login');

export const sendTestEmail = () => call<{ ok: boolean }>('send_test_email');

export const sendTestWebhook = () => call<{ ok: boolean }>('send_test_webhook');

/** Leaves the demo: the simulated site's data is removed and the app waits for an account. */
export const leaveDemo = () => call<DemoLeft>('leave_demo');

/** Desktop app only (`app_info`): version and data folder; null in a browser. */
export const getAppInfo = async (): Promise<{ version: string; data_dir: string; demo: boolean } | null> =>
  transport().kind === 'tauri'
    ? call<{ version: string; data_dir: string; demo: boolean }>('app_info')
    : null;
