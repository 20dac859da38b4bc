// Settings › Notifications: desktop notices, new-work-order notices, the failure quiet period,
// email (SMTP, password write-only) with "Send test email", and a webhook with "Send test".

import { useEffect, useState } from 'preact/hooks';
import { sendTestEmail, sendTestWebhook } from '../api/client';
import type { Settings, SettingsUpdate, SmtpSecurity } from '../api/types';
import { Field, invalid } from '../components/ui';
import { asApiError } from '../lib/hooks';
import { fieldMessage } from '../lib/scheduleForm';
import { formToNotifications, notificationsToForm, settingsField, type NotificationForm } from '../lib/settingsForm';

type Note = { ok: boolean; text: string } | null;

export function NotificationsSection({ settings, saveSettings }: { settings: Settings; saveSettings: (patch: Partial<SettingsUpdate>) => Promise<Settings> }) {
  const [form, setForm] = useState<NotificationForm>(() => notificationsToForm(settings.notifications));
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [emailNote, setEmailNote] = useState<Note>(null);
  const [hookNote, setHookNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setForm(notificationsToForm(settings.notifications)), [settings.notifications]);

  const change = (patch: Partial<NotificationForm>) => {
    setForm({ ...form, ...patch });
    setNote(null);
  };
  const err = (field: string) => (error && error.field === field ? error.message : null);
  const parsed = formToNotifications(form);
  const savedForm = JSON.stringify(formToNotifications(notificationsToForm(settings.notifications)));
  const dirty = JSON.stringify(parsed) !== savedForm;

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setBusy(true);
    try {
      await saveSettings({ notifications: parsed.value });
      setNote({ ok: true, text: 'Notifications saved.' });
    } catch (failure) {
      const a = asApiError(failure);
      setError({ field: settingsField(a.field), message: fieldMessage(a.message, a.field) });
    } finally {
      setBusy(false);
    }
  };

  const check = async (run: () => Promise<unknown>, set: (n: Note) => void, ok: string) => {
    set(null);
    try {
      await run();
      set({ ok: true, text: ok });
    } catch (failure) {
      set({ ok: false, text: asApiError(failure).message });
    }
  };

  const known = ['quiet_period_minutes', 'webhook_url', 'email.host', 'email.port', 'email.from', 'email.to', 'email.username', 'email.password'];
  return (
    <form class="panel" onSubmit={save} noValidate aria-labelledby="notes-h" data-testid="notifications-form">
      <h2 id="notes-h">Notifications</h2>
      <label class="check">
        <input type="checkbox" checked={form.desktop} onChange={(e) => change({ desktop: e.currentTarget.checked })} />
        Desktop notice when syncing fails and when it recovers
      </label>
      <label class="check">
        <input type="checkbox" checked={form.newWorkOrders} onChange={(e) => change({ newWorkOrders: e.currentTarget.checked })} />
        Desktop notice for new or changed work orders
      </label>
      <Field id="n-quiet" label="Repeat a failure notice after (minutes)" error={err('quiet_period_minutes')} hint="Empty: tell once until it recovers">
        <input id="n-quiet" type="text" inputMode="numeric" class="narrow" value={form.quiet}
          onInput={(e) => change({ quiet: e.currentTarget.value })} {...invalid('n-quiet', err('quiet_period_minutes'))} />
      </Field>

      <h3>Email</h3>
      <label class="check">
        <input type="checkbox" checked={form.emailOn} onChange={(e) => change({ emailOn: e.currentTarget.checked })} />
        Send failure and new-work-order notices by email
      </label>
      {form.emailOn && (
        <div class="grid2">
          <Field id="n-host" label="SMTP server" error={err('email.host')}>
            <input id="n-host" type="text" value={form.host} onInput={(e) => change({ host: e.currentTarget.value })} {...invalid('n-host', err('email.host'))} />
          </Field>
          <Field id="n-port" label="Port" error={err('email.port')}>
            <input id="n-port" type="text" inputMode="numeric" class="narrow" value={form.port} onInput={(e) => change({ port: e.currentTarget.value })} {...invalid('n-port', err('email.port'))} />
          </Field>
          <Field id="n-security" label="Security">
            <select id="n-security" value={form.security} onChange={(e) => change({ security: e.currentTarget.value as SmtpSecurity })}>
              <option value="starttls">STARTTLS</option>
              <option value="tls">TLS</option>
              <option value="none">None</option>
            </select>
          </Field>
          <Field id="n-user" label="Username" error={err('email.username')} hint="Empty when the server needs no login">
            <input id="n-user" type="text" autoComplete="off" value={form.username} onInput={(e) => change({ username: e.currentTarget.value })} />
          </Field>
          <Field id="n-pass" label="SMTP password" error={err('email.password')} hint={form.passwordSet ? 'A password is stored; leave empty to keep it.' : 'No password stored.'}>
            <input id="n-pass" type="password" autoComplete="new-password" value={form.password} onInput={(e) => change({ password: e.currentTarget.value })} />
          </Field>
          <Field id="n-from" label="From" error={err('email.from')}>
            <input id="n-from" type="email" value={form.from} onInput={(e) => change({ from: e.currentTarget.value })} {...invalid('n-from', err('email.from'))} />
          </Field>
          <Field id="n-to" label="To" error={err('email.to')}>
            <input id="n-to" type="email" value={form.to} onInput={(e) => change({ to: e.currentTarget.value })} {...invalid('n-to', err('email.to'))} />
          </Field>
        </div>
      )}
      <div class="row" style={{ marginBottom: '0.8rem' }}>
        <button type="button" onClick={() => check(sendTestEmail, setEmailNote, 'Test email sent.')} disabled={dirty || !settings.notifications.email}>Send test email</button>
        {emailNote && <span class={emailNote.ok ? 'ok' : 'error'} role="status">{emailNote.text}</span>}
      </div>

      <h3>Webhook</h3>
      <Field id="n-webhook" label="Webhook URL (Slack or Discord compatible)" error={err('webhook_url')}>
        <input id="n-webhook" type="url" value={form.webhook} placeholder="https://hooks.slack.com/services/…"
          onInput={(e) => change({ webhook: e.currentTarget.value })} {...invalid('n-webhook', err('webhook_url'))} />
      </Field>
      <div class="row" style={{ marginBottom: '0.8rem' }}>
        <button type="button" onClick={() => check(sendTestWebhook, setHookNote, 'Test message sent.')} disabled={dirty || !settings.notifications.webhook_url}>Send test</button>
        {hookNote && <span class={hookNote.ok ? 'ok' : 'error'} role="status">{hookNote.text}</span>}
      </div>
      {dirty && <p class="muted small">Save first: the tests use the saved settings.</p>}

      {error && (error.field === null || !known.includes(error.field)) && <p class="error" role="alert">{error.message}</p>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy || !dirty}>Save notifications</button>
        {note && <span class={note.ok ? 'ok' : 'error'} role="status">{note.text}</span>}
      </div>
    </form>
  );
}
