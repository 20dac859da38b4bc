// JSON types of the engine's operations (docs/api.md "Types (JSON)"). The engine's types are its
// generated TypeScript bindings (src/bindings, ts-rs, kept current by scripts/check-bindings.sh),
// re-exported here; only the UI's own request shapes, which the engine reads as plain JSON, and
// a few narrower names are written here. Instants are RFC3339 UTC strings; dates `YYYY-MM-DD`.

import type { ChangeRecord as ChangeRecordBinding } from '../bindings/ChangeRecord';
import type { Dispenser } from '../bindings/Dispenser';
import type { EngineEvent } from '../bindings/EngineEvent';
import type { EmailSettings } from '../bindings/EmailSettings';
import type { NotificationSettings } from '../bindings/NotificationSettings';
import type { Settings as SettingsBinding } from '../bindings/Settings';
import type { ScheduleConfig } from '../bindings/ScheduleConfig';
import type { RunStatus } from '../bindings/RunStatus';
import type { Trigger } from '../bindings/Trigger';

export type { AccountInfo } from '../bindings/AccountInfo';
export type { DailyStat } from '../bindings/DailyStat';
export type { DemoLeft } from '../bindings/DemoLeft';
export type { Dispenser } from '../bindings/Dispenser';
export type { EmailSettings } from '../bindings/EmailSettings';
export type { EngineEvent } from '../bindings/EngineEvent';
export type { ErrorClass } from '../bindings/ErrorClass';
export type { JobType } from '../bindings/JobType';
export type { NotificationSettings } from '../bindings/NotificationSettings';
export type { NoticeKind as NotificationKind } from '../bindings/NoticeKind';
export type { PageReader } from '../bindings/PageReader';
export type { PasswordStore } from '../bindings/PasswordStore';
export type { Phase } from '../bindings/Phase';
export type { RunRecord } from '../bindings/RunRecord';
export type { RunStatus } from '../bindings/RunStatus';
export type { ScheduleConfig } from '../bindings/ScheduleConfig';
export type { ScheduleView } from '../bindings/ScheduleView';
export type { SmtpSecurity } from '../bindings/SmtpSecurity';
export type { State } from '../bindings/State';
export type { Status } from '../bindings/Status';
export type { Trigger } from '../bindings/Trigger';
export type { WorkOrderView } from '../bindings/WorkOrderView';
export type { Item as WorkOrderItem } from '../bindings/Item';
export type { Contact as WorkOrderContact } from '../bindings/Contact';

export type Instant = string;

/** A change's kind: the engine's binding types it as a string; docs/api.md names its values. */
export type ChangeKind = 'new' | 'changed' | 'removed';
export type ChangeRecord = Omit<ChangeRecordBinding, 'kind'> & { kind: ChangeKind };

/**
 * A dispenser as `get_dispensers` answers it: when its location's page was last read (RFC3339,
 * null when never), and `stale` when WorkFossa no longer finds the location (the last ones read).
 */
export type StoredDispenser = Dispenser & { read_at: string | null; stale: boolean };

/** The settings; `log_dir` is shown when the desktop app sends it. */
export type Settings = SettingsBinding & { log_dir?: string | null };

/** What `set_settings` is sent: the settings without the fields the engine only reports. */
export type EmailSettingsUpdate = Omit<EmailSettings, 'password_set'>;
export type NotificationSettingsUpdate = Omit<NotificationSettings, 'email'> & { email: EmailSettingsUpdate | null };
export type SettingsUpdate = Omit<SettingsBinding, 'page_reader_detected' | 'notifications'> & {
  notifications: NotificationSettingsUpdate;
};

export type ProgressEvent = Extract<EngineEvent, { type: 'progress' }>;

/** The body of `preview`. */
export interface PreviewRequest {
  config: ScheduleConfig | null;
  from: Instant | null;
  count: number;
}

/** The body of `pause`: until an instant, for some minutes, or (empty) until resumed. */
/** How long to pause; `until_tomorrow` is resolved by the engine (tomorrow's window opening in the schedule's zone). */
export type PauseRequest = { until: Instant } | { minutes: number } | { until_tomorrow: true } | Record<string, never>;

/** The body of `set_account`. */
export interface AccountUpdate {
  email: string;
  /** null keeps the stored password. */
  password: string | null;
  site_url: string | null;
}

/** `{"error": "one sentence", "field": "interval" | null}` */
export interface ErrorBody {
  error: string;
  field?: string | null;
}

/** The query of `get_history`. */
export interface HistoryQuery {
  limit?: number;
  offset?: number;
  status?: RunStatus | '';
  trigger?: Trigger | '';
  since?: Instant | null;
  until?: Instant | null;
}
