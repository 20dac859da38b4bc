// Typed engine operations (docs/api.md), one function each, over the transport. Each names its
// HTTP route and its Tauri command with the arguments the desktop shell's commands take.

import { transport, type Op } from './transport';
import type {
  AccountInfo,
  AccountUpdate,
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
  Status,
  WorkOrderView,
} from './types';

export const JOB: JobType = 'work_orders';

function call<T>(op: Op): Promise<T> {
  return transport().call<T>(op);
}

const enc = encodeURIComponent;

export const getStatus = () =>
  call<Status>({ command: 'get_status', method: 'GET', path: '/api/status' });

export const getSchedules = () =>
  call<ScheduleView[]>({ command: 'get_schedules', method: 'GET', path: '/api/scraping-schedules/' });

export const getSchedule = (id: JobType = JOB) =>
  call<ScheduleView>({
    command: 'get_schedule', method: 'GET', path: `/api/scraping-schedules/${enc(id)}`, args: { id },
  });

export const setSchedule = (config: ScheduleConfig, id: JobType = JOB) =>
  call<ScheduleView>({
    command: 'set_schedule', method: 'PUT', path: `/api/scraping-schedules/${enc(id)}`,
    body: config, args: { id, config },
  });

/** Starts a sync now (or joins the running one). */
export const syncNow = (id: JobType = JOB) =>
  call<{ run_id: number }>({
    command: 'sync_now', method: 'POST', path: `/api/scraping-schedules/${enc(id)}/trigger`, args: { id },
  });

/** The runs, newest first. */
export const getHistory = (query: HistoryQuery = {}, jobType: JobType = JOB) => {
  const q = {
    limit: query.limit, offset: query.offset, status: query.status || undefined,
    trigger: query.trigger || undefined, since: query.since ?? undefined, until: query.until ?? undefined,
  };
  return call<RunRecord[]>({
    command: 'get_history', method: 'GET', path: `/api/scraping-schedules/history/${enc(jobType)}`,
    query: q, args: { jobType, ...q },
  });
};

export const getRun = (id: number) =>
  call<RunRecord>({ command: 'get_run', method: 'GET', path: `/api/runs/${id}`, args: { id } });

/** The next fires of a config (null = the saved one), with zone offsets. */
export const previewSchedule = (config: ScheduleConfig | null, count = 5, from: Instant | null = null) => {
  const request: PreviewRequest = { config, from, count };
  return call<string[]>({
    command: 'preview_schedule', method: 'POST', path: '/api/schedule/preview', body: request, args: { ...request },
  });
};

export const pause = (request: PauseRequest) =>
  call<Status>({ command: 'pause', method: 'POST', path: '/api/pause', body: request, args: { ...request } });

export const resume = () =>
  call<Status>({ command: 'resume', method: 'POST', path: '/api/resume' });

/** The work orders; `category` keeps those with that category (its whole name, any case). */
export const getWorkOrders = (options: { search?: string; category?: string; includeRemoved?: boolean } = {}) => {
  const query = {
    search: options.search, category: options.category, include_removed: options.includeRemoved ? true : undefined,
  };
  return call<WorkOrderView[]>({
    command: 'get_work_orders', method: 'GET', path: '/api/work-orders', query,
    args: { search: options.search ?? null, category: options.category ?? null, includeRemoved: options.includeRemoved ?? false },
  });
};

export const getChanges = (options: { run?: number; since?: Instant } = {}) =>
  call<ChangeRecord[]>({
    command: 'get_changes', method: 'GET', path: '/api/changes', query: { run: options.run, since: options.since },
    args: { run: options.run ?? null, since: options.since ?? null },
  });

export const getDailyStats = (days = 30) =>
  call<DailyStat[]>({ command: 'get_daily_stats', method: 'GET', path: '/api/stats/daily', query: { days }, args: { days } });

export const getSettings = () =>
  call<Settings>({ command: 'get_settings', method: 'GET', path: '/api/settings' });

export const setSettings = (settings: Settings) =>
  call<Settings>({ command: 'set_settings', method: 'PUT', path: '/api/settings', body: settings, args: { settings } });

export const getAccount = () =>
  call<AccountInfo>({ command: 'get_account', method: 'GET', path: '/api/account' });

export const setAccount = (update: AccountUpdate) =>
  call<AccountInfo>({
    command: 'set_account', method: 'PUT', path: '/api/account', body: update,
    args: { email: update.email, password: update.password, siteUrl: update.site_url },
  });

export const testLogin = () =>
  call<{ ok: boolean }>({ command: 'test_login', method: 'POST', path: '/api/account/test' });

export const sendTestEmail = () =>
  call<{ ok: boolean }>({ command: 'send_test_email', method: 'POST', path: '/api/notifications/test-email' });

export const sendTestWebhook = () =>
  call<{ ok: boolean }>({ command: 'send_test_webhook', method: 'POST', path: '/api/notifications/test-webhook' });

/** Desktop app only (`app_info`): version and data folder; null in a browser. */
export const getAppInfo = async (): Promise<{ version: string; data_dir: string; demo: boolean } | null> =>
  transport().kind === 'tauri'
    ? call<{ version: string; data_dir: string; demo: boolean }>({ command: 'app_info', method: 'GET', path: '/api/app-info' })
    : null;
