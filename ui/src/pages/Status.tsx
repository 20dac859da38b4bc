// Status page: the big state badge, countdown to the next run, data freshness, the running sync's
// progress, the last run's summary, and the Sync now / Read dispensers now / Pause / Resume
// actions. Live from events; the 1 s timer only redraws the countdown. The status is the
// work-order job's; reading the dispensers runs beside it (its runs are in History).

import { useState } from 'preact/hooks';
import { pause, resume, syncNow } from '../api/client';
import type { ApiError } from '../api/transport';
import type { RunRecord, Status } from '../api/types';
import { Badge, count, DemoMark } from '../components/ui';
import { runStatusTone, stateBadge } from '../lib/badge';
import { progressFraction, progressText } from '../lib/events';
import {
  formatClock, formatCountdown, formatDateTime, formatDuration, formatFreshness, formatWhen, secondsUntil,
  toLocalInput,
} from '../lib/format';
import { asApiError, useNow } from '../lib/hooks';
import { href } from '../lib/router';
import { useLive } from '../live';

export function StatusPage() {
  const { state, dispatch } = useLive();
  const now = useNow(1000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [until, setUntil] = useState(() => toLocalInput(Date.now() + 3 * 3600_000));
  const [dispensersRun, setDispensersRun] = useState<number | null>(null);
  const status = state.status;

  if (!status) {
    return <section aria-labelledby="status-h"><h1 id="status-h">Status</h1><p class="muted">Loading…</p></section>;
  }

  const act = async (action: () => Promise<Status | unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'state' in result) dispatch({ type: 'status', status: result as Status });
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const badge = stateBadge(status);
  const running = status.state === 'running' || status.running_run_id !== null;
  const seconds = secondsUntil(status.next_run, now);
  const untilIso = until ? new Date(until).toISOString() : '';

  return (
    <section aria-labelledby="status-h">
      <h1 id="status-h">Status</h1>
      <div class="panel">
        <div class="status-head">
          <span class={`state tone-${badge.tone}${badge.pulse ? ' pulse' : ''}`} data-state={status.state} role="status">
            <span class="dot" aria-hidden="true" />
            {badge.label}
          </span>
          {status.demo && <DemoMark />}
        </div>
        <p class="muted" data-testid="state-detail">{status.state === 'failed' ? '' : badge.detail}</p>
        {status.state === 'failed' && (
          <div class="failure" role="alert" data-testid="failure">
            <strong>The last sync failed.</strong> <span data-testid="failure-reason">{status.last_run?.error ?? badge.detail}</span>
            {status.last_run?.error_class === 'permanent' && (
              <p>Retrying will not help: check the account in <a href={href('settings')}>Settings</a>.</p>
            )}
            {status.consecutive_failures > 1 && <p class="small">{status.consecutive_failures} failures in a row.</p>}
          </div>
        )}
        <p data-testid="freshness">{formatFreshness(status.last_success_at, now)}</p>
      </div>

      {running && <ProgressPanel />}

      <div class="grid2">
        <div class="panel">
          <h2>Next sync</h2>
          {status.next_run && !status.paused && status.enabled ? (
            <>
              <div class="countdown" aria-live="off" data-testid="countdown">{formatCountdown(seconds)}</div>
              <p class="muted">at {formatWhen(status.next_run, now)}</p>
            </>
          ) : (
            <p class="muted">{status.paused ? badge.detail || 'Paused' : status.enabled ? 'No run scheduled' : 'The schedule is off'}</p>
          )}
          <div class="row" style={{ marginTop: '0.8rem' }}>
            <button class="primary" onClick={() => act(() => syncNow())} disabled={busy || running}>
              {running ? 'Syncing…' : 'Sync now'}
            </button>
            <button onClick={() => act(async () => setDispensersRun((await syncNow('dispensers')).run_id))} disabled={busy}
              title="Reads every station's dispensers from its WorkFossa location page">
              Read dispensers now
            </button>
            {status.paused && <button onClick={() => act(resume)} disabled={busy}>Resume</button>}
          </div>
          {dispensersRun !== null && (
            <p class="muted small" role="status" data-testid="dispensers-run">
              Reading the dispensers of every station: <a href={href('history', dispensersRun)}>run {dispensersRun}</a>.
            </p>
          )}
          {error && <p class="error" role="alert">{error.message}</p>}
        </div>
        <div class="panel">
          <h2>Pause</h2>
          <div class="row">
            <button onClick={() => act(() => pause({ minutes: 60 }))} disabled={busy}>Pause 1 h</button>
            <button onClick={() => act(() => pause({ until_tomorrow: true }))} disabled={busy}>Until tomorrow</button>
          </div>
          <div class="row" style={{ marginTop: '0.6rem', alignItems: 'flex-end' }}>
            <div class="field" style={{ marginBottom: 0 }}>
              <label for="pause-until">Pause until</label>
              <input id="pause-until" type="datetime-local" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
            </div>
            <button onClick={() => act(() => pause({ until: untilIso }))} disabled={busy || !untilIso}>Pause</button>
          </div>
          {status.paused_until && <p class="muted small">Paused until {formatDateTime(status.paused_until)}.</p>}
        </div>
      </div>

      <LastRun run={status.last_run} now={now} />
    </section>
  );
}

function ProgressPanel() {
  const { state } = useLive();
  const progress = state.progress;
  const fraction = progressFraction(progress);
  return (
    <div class="panel" data-testid="progress">
      <h2>Syncing</h2>
      <div
        class={`bar${fraction === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={progress?.pages_total ?? undefined}
        aria-valuenow={fraction === null ? undefined : progress?.pages_done}
      >
        <span style={fraction === null ? undefined : { width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <p class="muted" data-testid="progress-text">{progress ? progressText(progress) : 'Starting…'}</p>
    </div>
  );
}

function LastRun({ run, now }: { run: RunRecord | null; now: number }) {
  return (
    <div class="panel" data-testid="last-run">
      <h2>Last run</h2>
      {!run ? (
        <p class="muted">No sync has run yet.</p>
      ) : (
        <>
          <div class="row">
            <Badge tone={runStatusTone(run.status)}>{run.status}</Badge>
            <span>{run.trigger}</span>
            <span class="muted">started {formatWhen(run.started_at, now)}{run.finished_at ? `, finished ${formatClock(run.finished_at)}` : ''}</span>
            <span class="muted">· {formatDuration(run.duration_ms)}</span>
          </div>
          <p class="stats" style={{ marginTop: '0.5rem' }}>
            <span><b>{count(run.found)}</b> found</span>
            <span><b>{count(run.new)}</b> new</span>
            <span><b>{count(run.changed)}</b> changed</span>
            <span><b>{count(run.removed)}</b> removed</span>
            <span><b>{run.attempts}</b> {run.attempts === 1 ? 'attempt' : 'attempts'}</span>
            {run.missed > 0 && <span><b>{run.missed}</b> missed fires caught up</span>}
          </p>
          {run.error && <p class="error">{run.error}</p>}
          <p><a href={href('history', run.id)}>Details of run {run.id}</a></p>
        </>
      )}
    </div>
  );
}
