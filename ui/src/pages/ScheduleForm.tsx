// Settings › Schedule › one job's form: enabled, interval, active hours, days, a searchable
// time-zone picker and jitter, when the job is next due, the next 5 runs with these values, and
// the engine's validation next to the field. Holds no state (ScheduleSection's editor does), so
// tests render it without a DOM. Ids are prefixed per job (`s-` for work orders) so both forms
// can be on the page.

import type { JobType } from '../api/types';
import { FieldError, invalid } from '../components/ui';
import { formatDateTime, formatIn, formatZoned } from '../lib/format';
import { DAY_LABELS, systemTimezone, type FieldError as FormError, type ScheduleForm } from '../lib/scheduleForm';

/** How one job's schedule is shown: its title and the prefix of its element ids and test ids. */
export interface SchedulePanel {
  job: JobType;
  title: string;
  /** Element ids: `${prefix}-interval`, ... */
  prefix: string;
  /** Test ids: `preview${suffix}`, ... */
  suffix: string;
  /** The Save button's text. */
  save: string;
}

export const SCHEDULE_PANELS: readonly SchedulePanel[] = [
  { job: 'work_orders', title: 'Work orders', prefix: 's', suffix: '', save: 'Save schedule' },
  { job: 'dispensers', title: 'Dispensers', prefix: 'd', suffix: '-dispensers', save: 'Save dispensers schedule' },
];

export interface ScheduleFormProps {
  panel: SchedulePanel;
  form: ScheduleForm;
  /** The engine's next fire of the saved schedule; null when none. */
  nextDue: string | null;
  error: FormError | null;
  preview: string[] | null;
  note: string;
  saving: boolean;
  dirty: boolean;
  zones: string[];
  zoneFilter: string;
  onChange: (patch: Partial<ScheduleForm>) => void;
  onZoneFilter: (text: string) => void;
  onSave: () => void;
}

export function ScheduleFormView(props: ScheduleFormProps) {
  const { panel, form, error } = props;
  const id = (name: string) => `${panel.prefix}-${name}`;
  const err = (field: FormError['field']) => (error && error.field === field ? error.message : null);
  const change = props.onChange;
  const what = panel.job === 'work_orders' ? 'Sync on a schedule' : `Read ${panel.title.toLowerCase()} on a schedule`;
  return (
    <form onSubmit={(e) => { e.preventDefault(); props.onSave(); }} noValidate aria-labelledby={id('h')}
      data-testid={`schedule-form${panel.suffix}`} data-job={panel.job}>
      <h3 id={id('h')}>{panel.title}</h3>
      <p class="muted small" data-testid={`next-due${panel.suffix}`}>
        Next due: {props.nextDue ? formatDateTime(props.nextDue) : form.enabled ? 'not scheduled' : 'the schedule is off'}
      </p>
      <label class="check">
        <input type="checkbox" id={id('enabled')} checked={form.enabled} onChange={(e) => change({ enabled: e.currentTarget.checked })} />
        {what}
      </label>
      <div class="grid2">
        <div>
          <div class="field">
            <label for={id('interval')}>Every (hours)</label>
            <input id={id('interval')} name="interval" type="text" inputMode="decimal" value={form.intervalHours} class="narrow"
              onInput={(e) => change({ intervalHours: e.currentTarget.value })} {...invalid(id('interval'), err('interval'))} />
            <span class="hint">0.5 to 24 hours</span>
            <FieldError id={id('interval')} error={err('interval')} />
          </div>
          <label class="check">
            <input type="checkbox" id={id('hours-on')} checked={form.activeHoursOn} onChange={(e) => change({ activeHoursOn: e.currentTarget.checked })} />
            Only during active hours
          </label>
          <div class="row" style={{ marginBottom: '0.3rem' }}>
            <div class="field" style={{ marginBottom: 0 }}>
              <label for={id('start')}>From</label>
              <input id={id('start')} type="time" value={form.start} disabled={!form.activeHoursOn}
                onInput={(e) => change({ start: e.currentTarget.value })} {...invalid(id('hours'), err('active_hours'))} />
            </div>
            <div class="field" style={{ marginBottom: 0 }}>
              <label for={id('end')}>To</label>
              <input id={id('end')} type="time" value={form.end} disabled={!form.activeHoursOn}
                onInput={(e) => change({ end: e.currentTarget.value })} {...invalid(id('hours'), err('active_hours'))} />
            </div>
          </div>
          <p class="hint muted small">An end before the start means overnight (22:00 to 06:00).</p>
          <FieldError id={id('hours')} error={err('active_hours')} />
          <fieldset style={{ marginTop: '0.6rem' }} aria-describedby={err('days') ? id('days-error') : undefined}>
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
            <FieldError id={id('days')} error={err('days')} />
          </fieldset>
        </div>
        <div>
          <div class="field">
            <label for={id('zone-filter')}>Time zone</label>
            <input id={id('zone-filter')} type="search" placeholder="Search zones, e.g. new york" value={props.zoneFilter}
              onInput={(e) => props.onZoneFilter(e.currentTarget.value)} aria-controls={id('timezone')} />
            <select id={id('timezone')} aria-label="Time zone" size={5} value={form.timezone}
              onChange={(e) => change({ timezone: e.currentTarget.value })} {...invalid(id('timezone'), err('timezone'))}>
              {props.zones.map((z) => <option value={z}>{z}</option>)}
            </select>
            <span class="hint">
              Selected: <strong data-testid={`tz-selected${panel.suffix}`}>{form.timezone}</strong>
              {form.timezone !== systemTimezone() && (
                <> · <button type="button" class="link" onClick={() => change({ timezone: systemTimezone() })}>use this computer’s ({systemTimezone()})</button></>
              )}
            </span>
            <FieldError id={id('timezone')} error={err('timezone')} />
          </div>
          <div class="field">
            <label for={id('jitter')}>Jitter (seconds)</label>
            <input id={id('jitter')} name="jitter" type="text" inputMode="numeric" value={form.jitterSeconds} class="narrow"
              onInput={(e) => change({ jitterSeconds: e.currentTarget.value })} {...invalid(id('jitter'), err('jitter'))} />
            <span class="hint">A random delay of up to this much, 0 to 600 s</span>
            <FieldError id={id('jitter')} error={err('jitter')} />
          </div>
        </div>
      </div>
      {error && error.field === null && <p class="error" role="alert">{error.message}</p>}
      <div class="panel" style={{ background: 'var(--bg)' }} aria-live="polite" data-testid={`preview${panel.suffix}`}>
        <h4 style={{ marginTop: 0 }}>Next 5 runs{props.dirty ? ' (with these changes)' : ''}</h4>
        {props.preview === null ? (
          <p class="muted">{error ? 'Fix the highlighted value to see the next runs.' : 'Working…'}</p>
        ) : props.preview.length === 0 ? (
          <p class="muted">No runs: the schedule is off.</p>
        ) : (
          <ol style={{ margin: 0, paddingLeft: '1.4rem' }}>
            {props.preview.map((t) => (
              <li data-at={t}><span class="preview-time">{formatZoned(t)}</span> <span class="muted small">({formatIn(t, Date.now())})</span></li>
            ))}
          </ol>
        )}
      </div>
      <div class="row">
        <button type="submit" class="primary" disabled={props.saving || !props.dirty}>{panel.save}</button>
        {props.dirty && <span class="muted small">Unsaved changes</span>}
        {props.note && <span class="ok" role="status">{props.note}</span>}
      </div>
    </form>
  );
}
