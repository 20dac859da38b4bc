// Settings page: Account, the schedules (work orders, dispensers), Notifications, the page reader,
// Startup (launch at login) and the log folder.
// Each change is sent whole to the engine, which validates it; a rejected change saves nothing.

import { useEffect, useState } from 'preact/hooks';
import { getAppInfo, getSettings, setSettings } from '../api/client';
import type { Settings, SettingsUpdate } from '../api/types';
import { ErrorBanner } from '../components/ui';
import { asApiError, useLoad } from '../lib/hooks';
import { settingsBody } from '../lib/settingsForm';
import { AccountSection } from './AccountSection';
import { NotificationsSection } from './NotificationsSection';
import { PageReaderSection } from './PageReaderSection';
import { ScheduleSection } from './ScheduleSection';

export function SettingsPage() {
  const loaded = useLoad(() => getSettings(), []);
  const [settings, setLocal] = useState<Settings | null>(null);
  useEffect(() => {
    if (loaded.data) setLocal(loaded.data);
  }, [loaded.data]);

  /** Applies `patch` to the engine's current settings (not a stale copy) and saves them. */
  const saveSettings = async (patch: Partial<SettingsUpdate>): Promise<Settings> => {
    const fresh = await getSettings();
    const saved = await setSettings(settingsBody({ ...fresh, ...patch }));
    setLocal({ ...saved, log_dir: saved.log_dir ?? fresh.log_dir });
    return saved;
  };

  return (
    <section aria-labelledby="set-h">
      <h1 id="set-h">Settings</h1>
      <ErrorBanner error={loaded.error} />
      {settings && <AccountSection settings={settings} saveSettings={saveSettings} />}
      <ScheduleSection />
      {settings && <NotificationsSection settings={settings} saveSettings={saveSettings} />}
      {settings && <PageReaderSection settings={settings} saveSettings={saveSettings} />}
      {settings && <StartupSection settings={settings} saveSettings={saveSettings} />}
    </section>
  );
}

function StartupSection({ settings, saveSettings }: { settings: Settings; saveSettings: (patch: Partial<SettingsUpdate>) => Promise<Settings> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const app = useLoad(() => getAppInfo(), []);
  // The engine keeps its daily logs in <data dir>/logs (README, "Where data lives").
  const logDir = settings.log_dir ?? (app.data ? `${app.data.data_dir.replace(/\/$/, '')}/logs` : null);
  const toggle = async (on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await saveSettings({ launch_at_login: on });
    } catch (e) {
      setError(asApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="panel" aria-labelledby="start-h">
      <h2 id="start-h">Startup and logs</h2>
      <label class="check">
        <input type="checkbox" checked={settings.launch_at_login} disabled={busy} onChange={(e) => toggle(e.currentTarget.checked)} />
        Start Fossa Sync when I log in
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <p>
        Log folder:{' '}
        {logDir ? <code data-testid="log-dir">{logDir}</code> : <span class="muted"><code>logs/</code> in the data folder (<code>--data-dir</code>, <code>$FOSSA_SYNC_DATA_DIR</code>, else <code>~/.local/share/com.fossasync.app</code>)</span>}
      </p>
    </div>
  );
}
