// Settings › Schedule: enabled, interval, active hours, days, a searchable time-zone picker and
// jitter, with a live preview of the next 5 runs (the engine's preview operation, debounced) and
// the engine's validation shown next to the field. Nothing is saved until the engine accepts it.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getSchedule, previewSchedule, setSchedule } from '../api/client';
import type { ScheduleConfig } from '../api/types';
import { ErrorBanner, FieldError, invalid } from '../components/ui';
import { formatIn, formatZoned } from '../lib/format';
import { asApiError, useDebounced, useLoad } from '../lib/hooks';
import {
  configToForm, DAY_LABELS, fieldMessage, filterZones, formToConfig, scheduleField, systemTimezone,
  type FieldError as FormError, type ScheduleForm,
} from '../lib/scheduleForm';

const ZONES: readonly string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

function engineError(error: unknown): FormError {
  const e = asApiError(error);
  return { field: scheduleField(e.field), message: fieldMessage(e.message, e.field) };
}

export function ScheduleSection() {
  const loaded = useLoad(() => getSchedule(), []);
  const [form, setForm] = useState<ScheduleForm | null>(null);
  const [saved, setSaved] = useState<ScheduleConfig | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [preview, setPreview] = useState<string[] | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [zoneFilter, setZoneFilter] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    if (loaded.data && !form) {
      const { job_type: _j, next_due: _n, paused: _p, paused_until: _u, ...config } = loaded.data;
      setForm(configToForm(config));
      setSaved(config);
    }
  }, [loaded.data]);

  const settled = useDebounced(form, 300);
  useEffect(() => {
    if (!settled) return;
    const parsed = formToConfig(settled);
    const mine = ++seq.current;
    if ('error' in parsed) {
      setError(parsed.error);
      setPreview(null);
      return;
    }
    previewSchedule(parsed.config, 5).then(
      (times) => {
        if (mine !== seq.current) return;
        setPreview(times);
        setError(null);
      },
      (e) => {
        if (mine !== seq.current) return;
        setPreview(null);
        setError(engineError(e));
      },
    );
  }, [settled]);

  const zones = useMemo(() => filterZones(ZONES, zoneFilter, form?.timezone ?? ''), [zoneFilter, form?.timezone]);

  if (!form) {
    return <div class="panel"><h2>Schedule</h2><ErrorBanner error={loaded.error} />{!loaded.error && <p class="muted">Loading…</p>}</div>;
  }

  const change = (patch: Partial<ScheduleForm>) => {
    setForm({ ...form, ...patch });
    setNote('');
  };
  const parsed = formToConfig(form);
  const dirty = !saved || !('config' in parsed) || JSON.stringify(parsed.config) !== JSON.stringify(saved);
  const err = (field: FormError['field']) => (error && error.field === field ? error.message : null);

  const save = async (e: Event) => {
    e.preventDefault();
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setSaving(true);
    setNote('');
    try {
      const view = await setSchedule(parsed.config);
      const { job_type: _j, next_due: _n, paused: _p, paused_until: _u, ...config } = view;
      setSaved(config);
      setForm(configToForm(config));
      setError(null);
      setNote('Schedule saved.');
    } catch (failure) {
      setError(engineError(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="panel" onSubmit={save} noValidate aria-labelledby="sched-h" data-testid="schedule-form">
      <h2 id="sched-h">Schedule</h2>
      <label class="check">
        <input type="checkbox" id="s-enabled" checked={form.enabled} onChange={(e) => change({ enabled: e.currentTarget.checked })} />
        Sync on a schedule
      </label>
      <div class="grid2">
        <div>
          <div class="field">
            <label for="s-interval">Every (hours)</label>
            <input id="s-interval" name="interval" type="text" inputMode="decimal" value={form.intervalHours} class="narrow"
              onInput={(e) => change({ intervalHours: e.currentTarget.value })} {...invalid('s-interval', err('interval'))} />
            <span class="hint">0.5 to 24 hours</span>
            <FieldError id="s-interval" error={err('interval')} />
          </div>
          <label class="check">
            <input type="checkbox" id="s-hours-on" checked={form.activeHoursOn} onChange={(e) => change({ activeHoursOn: e.currentTarget.checked })} />
            Only during active hours
          </label>
          <div class="row" style={{ marginBottom: '0.3rem' }}>
            <div class="field" style={{ marginBottom: 0 }}>
              <label for="s-start">From</label>
              <input id="s-start" type="time" value={form.start} disabled={!form.activeHoursOn}
                onInput={(e) => change({ start: e.currentTarget.value })} {...invalid('s-hours', err('active_hours'))} />
            </div>
            <div class="field" style={{ marginBottom: 0 }}>
              <label for="s-end">To</label>
              <input id="s-end" type="time" value={form.end} disabled={!form.activeHoursOn}
                onInput={(e) => change({ end: e.currentTarget.value })} {...invalid('s-hours', err('active_hours'))} />
            </div>
          </div>
          <p class="hint muted small">An end before the start means overnight (22:00 to 06:00).</p>
          <FieldError id="s-hours" error={err('active_hours')} />
          <fieldset style={{ marginTop: '0.6rem' }} aria-describedby={err('days') ? 's-days-error' : undefined}>
            <legend>Days</legend>
            <div class="days">
              {DAY_LABELS.map((label, i) => (
                <label>
                  <input type="checkbox" name={`day-${i}`} checked={form.days[i]}
                    onChange={(e) => change({ days: form.days.map((d, j) => (j === i ? e.currentTarget.checked : d)) })} />
                  {label}
                </label>
              ))}
            </div>
            <div class="row small" style={{ marginTop: '0.3rem' }}>
              <button type="button" class="link" onClick={() => change({ days: [true, true, true, true, true, false, false] })}>Weekdays</button>
              <button type="button" class="link" onClick={() => change({ days: Array(7).fill(true) })}>Every day</button>
            </div>
            <FieldError id="s-days" error={err('days')} />
          </fieldset>
        </div>
        <div>
          <div class="field">
            <label for="s-zone-filter">Time zone</label>
            <input id="s-zone-filter" type="search" placeholder="Search zones, e.g. new york" value={zoneFilter}
              onInput={(e) => setZoneFilter(e.currentTarget.value)} aria-controls="s-timezone" />
            <select id="s-timezone" aria-label="Time zone" size={5} value={form.timezone}
              onChange={(e) => change({ timezone: e.currentTarget.value })} {...invalid('s-timezone', err('timezone'))}>
              {zones.map((z) => <option value={z}>{z}</option>)}
            </select>
            <span class="hint">
              Selected: <strong data-testid="tz-selected">{form.timezone}</strong>
              {form.timezone !== systemTimezone() && (
                <> · <button type="button" class="link" onClick={() => change({ timezone: systemTimezone() })}>use this computer’s ({systemTimezone()})</button></>
              )}
            </span>
            <FieldError id="s-timezone" error={err('timezone')} />
          </div>
          <div class="field">
            <label for="s-jitter">Jitter (seconds)</label>
            <input id="s-jitter" name="jitter" type="text" inputMode="numeric" value={form.jitterSeconds} class="narrow"
              onInput={(e) => change({ jitterSeconds: e.currentTarget.value })} {...invalid('s-jitter', err('jitter'))} />
            <span class="hint">A random delay of up to this much, 0 to 600 s</span>
            <FieldError id="s-jitter" error={err('jitter')} />
          </div>
        </div>
      </div>
      {error && error.field === null && <p class="error" role="alert">{error.message}</p>}
      <div class="panel" style={{ background: 'var(--bg)' }} aria-live="polite" data-testid="preview">
        <h3 style={{ marginTop: 0 }}>Next 5 runs{dirty ? ' (with these changes)' : ''}</h3>
        {preview === null ? (
          <p class="muted">{error ? 'Fix the highlighted value to see the next runs.' : 'Working…'}</p>
        ) : preview.length === 0 ? (
          <p class="muted">No runs: the schedule is off.</p>
        ) : (
          <ol style={{ margin: 0, paddingLeft: '1.4rem' }}>
            {preview.map((t) => (
              <li data-at={t}><span class="preview-time">{formatZoned(t)}</span> <span class="muted small">({formatIn(t, Date.now())})</span></li>
            ))}
          </ol>
        )}
      </div>
      <div class="row">
        <button type="submit" class="primary" disabled={saving || !dirty}>Save schedule</button>
        {dirty && <span class="muted small">Unsaved changes</span>}
        {note && <span class="ok" role="status">{note}</span>}
      </div>
    </form>
  );
}
