// JSON types of the engine's operations, mirroring docs/api.md ("Types (JSON)") field for field.
// Instants (`Instant`) are RFC3339 UTC strings; dates are ISO `YYYY-MM-DD`.

export type Instant = string;

export type State = 'active' | 'running' | 'paused' | 'failed';
export type JobType = 'work_orders';
export type Trigger = 'scheduled' | 'manual' | 'catch-up';
export type RunStatus = 'running' | 'success' | 'failed' | 'interrupted' | 'skipped';
export type ErrorClass = 'transient' | 'permanent' | 'offline';

export interface RunRecord {
  id: number;
  job_type: JobType;
  trigger: Trigger;
  status: RunStatus;
  started_at: Instant;
  finished_at: Instant | null;
  duration_ms: number | null;
  attempts: number;
  missed: number;
  found: number | null;
  new: number | null;
  changed: number | null;
  removed: number | null;
  error_class: ErrorClass | null;
  error: string | null;
}

export interface Status {
  state: State;
  job_type: JobType;
  enabled: boolean;
  /** Minutes between syncs inside the active hours (the schedule's interval). */
  interval_minutes: number;
  next_run: Instant | null;
  countdown_seconds: number | null;
  paused: boolean;
  paused_until: Instant | null;
  consecutive_failures: number;
  last_run: RunRecord | null;
  last_success_at: Instant | null;
  running_run_id: number | null;
  demo: boolean;
}

export interface ScheduleConfig {
  interval_minutes: number;
  timezone: string;
  /** `"08:00-18:00"`, or null for all day. */
  active_hours: string | null;
  /** `"mon,tue,wed,thu,fri"` or `"all"`. */
  days: string;
  jitter_seconds: number;
  enabled: boolean;
}

export interface ScheduleView extends ScheduleConfig {
  job_type: JobType;
  next_due: Instant | null;
  paused: boolean;
  paused_until: Instant | null;
}

export interface PreviewRequest {
  config: ScheduleConfig | null;
  from: Instant | null;
  count: number;
}

export type PauseRequest = { until: Instant } | { minutes: number } | Record<string, never>;

export interface WorkOrderItem {
  group: string | null;
  quantity: number | null;
  description: string | null;
  code: string | null;
}

/** The row's contact block: the contact's name, then its other lines (company, account, terms). */
export interface WorkOrderContact {
  name: string;
  lines: string[];
}

export interface WorkOrderView {
  id: string;
  number: number;
  url: string;
  status: string;
  reason: string | null;
  project: string | null;
  /** `C000020103`, when the row shows a PO number. */
  po_number: string | null;
  /** Category names in the row's order; `[]` when none. */
  categories: string[];
  contact: WorkOrderContact | null;
  created_by: string | null;
  created_at: string | null;
  customer: { name: string | null; url: string | null };
  location: {
    id: number | null;
    store_number: string | null;
    site_name: string | null;
    url: string | null;
  };
  address: {
    street: string | null;
    intersection: string | null;
    city_state_zip: string | null;
    county: string | null;
  };
  items: WorkOrderItem[];
  visits: { completed: number; total: number };
  next_visit: { id: number | null; date: string | null; window: string | null; url: string | null } | null;
  due_date: string | null;
  instructions: string | null;
  removed_at: Instant | null;
  badge: 'new' | 'changed' | null;
}

export type ChangeKind = 'new' | 'changed' | 'removed';

export interface ChangeRecord {
  run_id: number;
  run_started_at: Instant;
  number: number;
  kind: ChangeKind;
  field: string | null;
  old_value: unknown;
  new_value: unknown;
}

export interface DailyStat {
  day: string;
  runs: number;
  succeeded: number;
  failed: number;
  skipped: number;
  avg_duration_ms: number | null;
  work_orders: number | null;
}

export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export interface EmailSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password_set?: boolean;
  /** Only sent to change the SMTP password; never returned. */
  password?: string | null;
  from: string;
  to: string;
}

export interface NotificationSettings {
  desktop: boolean;
  new_work_orders: boolean;
  quiet_period_minutes: number | null;
  email: EmailSettings | null;
  webhook_url: string | null;
}

/** How WorkFossa's pages are read: plain HTTP, a headless Chromium, or `auto` (HTTP, switching to
 * the browser when the site needs one). */
export type PageReader = 'auto' | 'http' | 'browser';

export interface Settings {
  site_url: string;
  demo: boolean;
  fetch_concurrency: number;
  page_reader: PageReader;
  /** Report-only: what `auto` found the site needs, null until it has checked. */
  page_reader_detected?: PageReader | null;
  launch_at_login: boolean;
  notifications: NotificationSettings;
  /** Not in the contract yet: shown when the engine sends it. */
  log_dir?: string | null;
}

export type PasswordStore = 'keyring' | 'file' | 'environment' | 'none';

export interface AccountInfo {
  site_url: string;
  email: string | null;
  password_store: PasswordStore;
  from_environment: boolean;
}

export interface AccountUpdate {
  email: string;
  /** null keeps the stored password. */
  password: string | null;
  site_url: string | null;
}

export type Phase = 'starting_browser' | 'logging_in' | 'fetching' | 'saving';

export interface ProgressEvent {
  type: 'progress';
  run_id: number;
  job_type: JobType;
  phase: Phase;
  pages_done: number;
  pages_total: number | null;
  rows: number;
}

export type NotificationKind = 'failure' | 'recovery' | 'new_work_orders' | 'info';

export type EngineEvent =
  | { type: 'status_changed'; status: Status }
  | { type: 'run_started'; run_id: number; job_type: JobType; trigger: Trigger }
  | ProgressEvent
  | { type: 'run_finished'; run: RunRecord }
  | { type: 'notification'; title: string; body: string; kind: NotificationKind };

/** `{"error": "one sentence", "field": "interval" | null}` */
export interface ErrorBody {
  error: string;
  field?: string | null;
}

export interface HistoryQuery {
  limit?: number;
  offset?: number;
  status?: RunStatus | '';
  trigger?: Trigger | '';
  since?: Instant | null;
  until?: Instant | null;
}
