// Settings › Schedule: one schedule per job (work orders, dispensers), each on its own tab, each
// edited and saved with its job as the id, with a live preview of its next 5 runs (the engine's
// preview operation, debounced). Nothing is saved until the engine accepts it.
// `ScheduleTabs` and `saveSchedule` hold no state, so tests use them without a DOM.

import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getSchedules, previewSchedule, setSchedule } from '../api/client';
import type { ApiError } from '../api/transport';
import type { JobType, ScheduleConfig, ScheduleView } from '../api/types';
import { ErrorBanner } from '../components/ui';
import { asApiError, useDebounced, useLoad } from '../lib/hooks';
import {
  configToForm, fieldMessage, filterZones, formToConfig, scheduleField, viewConfig,
  type FieldError as FormError, type ScheduleForm,
} from '../lib/scheduleForm';
import { SCHEDULE_PANELS, ScheduleFormView, type SchedulePanel } from './ScheduleForm';

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

/** Saves `form` as the schedule of `job`: the engine's view, or the error to show. */
export async function saveSchedule(job: JobType, form: ScheduleForm): Promise<{ view: ScheduleView } | { error: FormError }> {
  const parsed = formToConfig(form);
  if ('error' in parsed) return parsed;
  try {
    return { view: await setSchedule(parsed.config, job) };
  } catch (failure) {
    return { error: engineError(failure) };
  }
}

/** Each job's panel with its schedule (null when the engine has none for it). */
export function schedulePanels(views: ScheduleView[]): { panel: SchedulePanel; view: ScheduleView | null }[] {
  return SCHEDULE_PANELS.map((panel) => ({ panel, view: views.find((v) => v.job_type === panel.job) ?? null }));
}

/** The tabs of the jobs' schedules; every editor stays mounted (unsaved edits survive a switch). */
export function ScheduleTabs(props: {
  views: ScheduleView[] | null;
  error: ApiError | null;
  selected: JobType;
  onSelect: (job: JobType) => void;
  editor: (panel: SchedulePanel, view: ScheduleView) => ComponentChildren;
}) {
  const panels = schedulePanels(props.views ?? []);
  return (
    <div class="panel" aria-labelledby="sched-h" data-testid="schedules">
      <h2 id="sched-h">Schedule</h2>
      <ErrorBanner error={props.error} />
      {!props.views ? (
        !props.error && <p class="muted">Loading…</p>
      ) : (
        <>
          <div class="row" role="tablist" aria-labelledby="sched-h" style={{ marginBottom: '0.6rem' }}>
            {panels.map(({ panel }) => (
              <button type="button" role="tab" id={`${panel.prefix}-tab`} aria-controls={`${panel.prefix}-panel`}
                aria-selected={props.selected === panel.job} class={props.selected === panel.job ? 'primary' : undefined}
                onClick={() => props.onSelect(panel.job)}>
                {panel.title}
              </button>
            ))}
          </div>
          {panels.map(({ panel, view }) => (
            <div role="tabpanel" id={`${panel.prefix}-panel`} aria-labelledby={`${panel.prefix}-tab`}
              hidden={props.selected !== panel.job} data-testid={`schedule-panel${panel.suffix}`}>
              {view ? props.editor(panel, view) : <p class="muted">The engine has no {panel.title.toLowerCase()} schedule.</p>}
            </div>
          ))}
        </>
      )}
    </div>
  );
}

export function ScheduleSection() {
  const loaded = useLoad(() => getSchedules(), []);
  const [selected, setSelected] = useState<JobType>('work_orders');
  return (
    <ScheduleTabs views={loaded.data} error={loaded.error} selected={selected} onSelect={setSelected}
      editor={(panel, view) => <ScheduleEditor key={panel.job} panel={panel} initial={view} />} />
  );
}

/** One job's form state: what is typed, what is saved, the preview of the typed values. */
function ScheduleEditor({ panel, initial }: { panel: SchedulePanel; initial: ScheduleView }) {
  const [form, setForm] = useState<ScheduleForm>(() => configToForm(viewConfig(initial)));
  const [saved, setSaved] = useState<ScheduleConfig>(() => viewConfig(initial));
  const [nextDue, setNextDue] = useState(initial.next_due);
  const [error, setError] = useState<FormError | null>(null);
  const [preview, setPreview] = useState<string[] | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [zoneFilter, setZoneFilter] = useState('');
  const seq = useRef(0);

  const settled = useDebounced(form, 300);
  useEffect(() => {
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

  const zones = useMemo(() => filterZones(ZONES, zoneFilter, form.timezone), [zoneFilter, form.timezone]);
  const parsed = formToConfig(form);
  const dirty = !('config' in parsed) || JSON.stringify(parsed.config) !== JSON.stringify(saved);

  const save = async () => {
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setSaving(true);
    setNote('');
    const result = await saveSchedule(panel.job, form);
    setSaving(false);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    const config = viewConfig(result.view);
    setSaved(config);
    setForm(configToForm(config));
    setNextDue(result.view.next_due);
    setError(null);
    setNote(panel.job === 'work_orders' ? 'Schedule saved.' : `${panel.title} schedule saved.`);
  };

  return (
    <ScheduleFormView panel={panel} form={form} nextDue={nextDue} error={error} preview={preview} note={note}
      saving={saving} dirty={dirty} zones={zones} zoneFilter={zoneFilter}
      onChange={(patch) => { setForm({ ...form, ...patch }); setNote(''); }}
      onZoneFilter={setZoneFilter} onSave={save} />
  );
}
