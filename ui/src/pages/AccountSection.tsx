// Settings › Account: WorkFossa email, password (write-only: never shown, empty keeps the stored
// one), site address, demo data on/off, and "Test login". Engine errors show next to the field.

import { useEffect, useState } from 'preact/hooks';
import { getAccount, setAccount, testLogin } from '../api/client';
import type { Settings, SettingsUpdate } from '../api/types';
import { ErrorBanner, Field, invalid } from '../components/ui';
import { asApiError, useLoad } from '../lib/hooks';
import { fieldMessage } from '../lib/scheduleForm';
import { settingsField } from '../lib/settingsForm';

const STORE_TEXT = {
  keyring: 'the system keyring',
  file: 'a private file in the data folder',
  environment: 'an environment variable',
  none: 'nowhere yet',
} as const;

export function AccountSection({ settings, saveSettings }: { settings: Settings; saveSettings: (patch: Partial<SettingsUpdate>) => Promise<Settings> }) {
  const account = useLoad(() => getAccount(), []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [site, setSite] = useState('');
  const [demo, setDemo] = useState(settings.demo);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (account.data) {
      setEmail(account.data.email ?? '');
      setSite(account.data.site_url);
    }
  }, [account.data]);
  useEffect(() => setDemo(settings.demo), [settings.demo]);

  const info = account.data;
  const locked = info?.from_environment ?? false;
  const err = (field: string) => (error && error.field === field ? error.message : null);

  const fail = (e: unknown) => {
    const a = asApiError(e);
    const field = settingsField(a.field);
    setError({ field, message: fieldMessage(a.message, a.field) });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      if (!locked) {
        const updated = await setAccount({ email: email.trim(), password: password === '' ? null : password, site_url: site.trim() || null });
        setPassword('');
        account.reload();
        setSite(updated.site_url);
      }
      if (demo !== settings.demo) await saveSettings({ demo });
      setNote({ ok: true, text: 'Account saved.' });
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setBusy(true);
    setNote(null);
    try {
      await testLogin();
      setNote({ ok: true, text: 'Login works.' });
    } catch (failure) {
      setNote({ ok: false, text: asApiError(failure).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={save} noValidate aria-labelledby="acct-h" data-testid="account-form">
      <h2 id="acct-h">Account</h2>
      <ErrorBanner error={account.error} />
      {locked && <p class="banner tone-amber">The account comes from environment variables; change it there.</p>}
      <div class="grid2">
        <div>
          <Field id="a-email" label="WorkFossa email" error={err('email')}>
            <input id="a-email" type="email" autoComplete="username" value={email} disabled={locked}
              onInput={(e) => setEmail(e.currentTarget.value)} {...invalid('a-email', err('email'))} />
          </Field>
          <Field id="a-password" label="Password" error={err('password')}
            hint={info ? `Stored in ${STORE_TEXT[info.password_store] ?? info.password_store}. Leave empty to keep it.` : null}>
            <input id="a-password" type="password" autoComplete="new-password" value={password} disabled={locked}
              placeholder={info && info.password_store !== 'none' ? '•••••••• (unchanged)' : ''}
              onInput={(e) => setPassword(e.currentTarget.value)} {...invalid('a-password', err('password'))} />
          </Field>
        </div>
        <div>
          <Field id="a-site" label="Site address" error={err('site_url')} hint="https://app.workfossa.com unless told otherwise">
            <input id="a-site" type="url" value={site} disabled={locked}
              onInput={(e) => setSite(e.currentTarget.value)} {...invalid('a-site', err('site_url'))} />
          </Field>
          <label class="check">
            <input type="checkbox" checked={demo} onChange={(e) => setDemo(e.currentTarget.checked)} />
            Demo data (sync against built-in sample work orders, not WorkFossa)
          </label>
          {err('demo') && <p class="error">{err('demo')}</p>}
        </div>
      </div>
      {error && error.field !== null && !['email', 'password', 'site_url', 'demo'].includes(error.field) && <p class="error" role="alert">{error.message}</p>}
      {error && error.field === null && <p class="error" role="alert">{error.message}</p>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>Save account</button>
        <button type="button" onClick={test} disabled={busy}>Test login</button>
        {note && <span class={note.ok ? 'ok' : 'error'} role="status">{note.text}</span>}
      </div>
    </form>
  );
}
