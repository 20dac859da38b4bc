// Notification form ↔ settings; engine field names; the body sent back.
import { describe, expect, it } from 'vitest';
import { formToNotifications, notificationsToForm, settingsBody, settingsField } from './settingsForm';
import type { NotificationSettings, Settings } from '../api/types';

const withEmail: NotificationSettings = {
  desktop: true, new_work_orders: false, quiet_period_minutes: 120,
  email: { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'tech', password_set: true, from: 'fossa@example.com', to: 'tech@example.com' },
  webhook_url: 'https://hooks.example.com/x',
};

describe('notification form', () => {
  it('round-trips without touching the stored SMTP password', () => {
    const form = notificationsToForm(withEmail);
    expect(form.password).toBe('');
    expect(form.passwordSet).toBe(true);
    const out = formToNotifications(form);
    const { password_set: _s, ...email } = withEmail.email!;
    expect(out).toEqual({ value: { ...withEmail, email } });
    expect('value' in out && out.value.email && 'password' in out.value.email).toBe(false);
  });
  it('sends a new SMTP password only when one is typed', () => {
    const out = formToNotifications({ ...notificationsToForm(withEmail), password: 's3cret' });
    expect('value' in out && out.value.email?.password).toBe('s3cret');
  });
  it('turns empty texts into nulls', () => {
    const form = { ...notificationsToForm(withEmail), quiet: ' ', webhook: '', emailOn: false, username: '' };
    expect(formToNotifications(form)).toEqual({ value: { desktop: true, new_work_orders: false, quiet_period_minutes: null, email: null, webhook_url: null } });
  });
  it('starts a new email block with the STARTTLS port', () => {
    const form = notificationsToForm({ ...withEmail, email: null });
    expect([form.emailOn, form.port, form.security]).toEqual([false, '587', 'starttls']);
  });
  it('names the field of text that is not a number; ranges are the engine’s', () => {
    const form = notificationsToForm(withEmail);
    expect(formToNotifications({ ...form, quiet: 'often' })).toMatchObject({ error: { field: 'quiet_period_minutes' } });
    expect(formToNotifications({ ...form, port: '58x' })).toMatchObject({ error: { field: 'email.port' } });
    expect(formToNotifications({ ...form, quiet: '999999' })).toMatchObject({ value: { quiet_period_minutes: 999999 } });
  });
});

describe('settings fields and body', () => {
  it('normalises engine field paths', () => {
    expect(settingsField('notifications.email.port')).toBe('email.port');
    expect(settingsField('webhook_url')).toBe('webhook_url');
    expect(settingsField(null)).toBeNull();
  });
  it('drops report-only fields', () => {
    const s: Settings = { site_url: 'https://app.workfossa.com', demo: false, fetch_concurrency: 4, page_reader: 'auto', page_reader_detected: 'browser', launch_at_login: false, notifications: withEmail, log_dir: '/x' };
    const body = settingsBody(s);
    expect('log_dir' in body).toBe(false);
    expect('page_reader_detected' in body).toBe(false);
    expect(body.page_reader).toBe('auto');
    expect(body.notifications.email && 'password_set' in body.notifications.email).toBe(false);
    expect(body.notifications.email?.host).toBe('smtp.example.com');
  });
});
