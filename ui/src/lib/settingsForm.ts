// The Settings page's notification form ↔ NotificationSettings, and the field an engine error
// names (`notifications.email.port` and `email.port` alike). Text only becomes numbers here; the
// engine checks ranges and addresses and answers 422 with the field.

import type {
  EmailSettingsUpdate,
  NotificationSettings,
  NotificationSettingsUpdate,
  Settings,
  SettingsUpdate,
  SmtpSecurity,
} from '../api/types';

export interface NotificationForm {
  desktop: boolean;
  newWorkOrders: boolean;
  /** Minutes, or '' for no repeat. */
  quiet: string;
  emailOn: boolean;
  host: string;
  port: string;
  security: SmtpSecurity;
  username: string;
  /** Write-only: '' keeps the stored SMTP password. */
  password: string;
  passwordSet: boolean;
  from: string;
  to: string;
  webhook: string;
}

export function notificationsToForm(n: NotificationSettings): NotificationForm {
  const e = n.email;
  return {
    desktop: n.desktop,
    newWorkOrders: n.new_work_orders,
    quiet: n.quiet_period_minutes === null ? '' : String(n.quiet_period_minutes),
    emailOn: e !== null,
    host: e?.host ?? '',
    port: e ? String(e.port) : '587',
    security: e?.security ?? 'starttls',
    username: e?.username ?? '',
    password: '',
    passwordSet: e?.password_set ?? false,
    from: e?.from ?? '',
    to: e?.to ?? '',
    webhook: n.webhook_url ?? '',
  };
}

function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** The settings the form describes, or the first text that is not a number. */
export function formToNotifications(form: NotificationForm): { value: NotificationSettingsUpdate } | { error: { field: string; message: string } } {
  let quiet: number | null = null;
  if (form.quiet.trim() !== '') {
    quiet = wholeNumber(form.quiet);
    if (quiet === null) return { error: { field: 'quiet_period_minutes', message: 'Enter whole minutes, or leave it empty for no repeat.' } };
  }
  let email: EmailSettingsUpdate | null = null;
  if (form.emailOn) {
    const port = wholeNumber(form.port);
    if (port === null) return { error: { field: 'email.port', message: 'Enter the SMTP port as a number (587 for STARTTLS, 465 for TLS).' } };
    email = {
      host: form.host.trim(),
      port,
      security: form.security,
      username: form.username.trim() || null,
      from: form.from.trim(),
      to: form.to.trim(),
    };
    if (form.password !== '') email.password = form.password;
  }
  return {
    value: {
      desktop: form.desktop,
      new_work_orders: form.newWorkOrders,
      quiet_period_minutes: quiet,
      email,
      webhook_url: form.webhook.trim() || null,
    },
  };
}

/** `notifications.email.port` → `email.port`; `settings.demo` → `demo`. */
export function settingsField(field: string | null | undefined): string | null {
  if (!field) return null;
  return field.replace(/^settings\./, '').replace(/^notifications\./, '');
}

/** The settings as read, with a change from a form applied. */
export type SettingsPatched = Omit<Settings, 'notifications'> & {
  notifications: NotificationSettings | NotificationSettingsUpdate;
};

/** What is sent back: the settings without the fields the engine only reports. */
export function settingsBody(settings: SettingsPatched): SettingsUpdate {
  const { log_dir: _ignored, page_reader_detected: _detected, ...rest } = settings;
  const email: (EmailSettingsUpdate & { password_set?: boolean }) | null = rest.notifications.email;
  if (email) {
    const { password_set: _set, ...emailRest } = email;
    return { ...rest, notifications: { ...rest.notifications, email: emailRest } };
  }
  return rest;
}
