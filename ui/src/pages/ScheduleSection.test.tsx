// Settings › Schedule: both jobs' schedules, each titled and on its own tab with its own ids, next
// due and preview; a form saved with its job as the id (the dispensers one as `dispensers`), the
// engine's refusal shown next to the field.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, setTransport } from '../api/transport';
import type { ScheduleView } from '../api/types';
import { formatDateTime } from '../lib/format';
import { configToForm, viewConfig } from '../lib/scheduleForm';
import { schedule } from '../test/fixtures';
import { recordingTransport as recording } from '../test/recording';
import { byTestId, expand, findAll, textOf, type Element } from '../test/vnode';
import { ScheduleFormView, type SchedulePanel } from './ScheduleForm';
import { saveSchedule, schedulePanels, ScheduleTabs } from './ScheduleSection';

afterEach(() => setTransport(null));

const VIEWS = [schedule('work_orders'), schedule('dispensers')];

/** The section as the page renders it, each editor being the real form with its saved values. */
function render(views: ScheduleView[] | null, selected: 'work_orders' | 'dispensers', onSave: (p: SchedulePanel) => void = () => {}) {
  const editor = (panel: SchedulePanel, view: ScheduleView) => (
    <ScheduleFormView panel={panel} form={configToForm(viewConfig(view))} nextDue={view.next_due} error={null}
      preview={[`2026-03-09T0${panel.prefix === 's' ? 8 : 7}:00:00-04:00`]} note="" saving={false} dirty zones={[view.timezone]}
      zoneFilter="" onChange={() => {}} onZoneFilter={() => {}} onSave={() => onSave(panel)} />
  );
  return expand(<ScheduleTabs views={views} error={null} selected={selected} onSelect={() => {}} editor={editor} />);
}

const input = (page: ReturnType<typeof expand>, id: string) => findAll(page, (e) => e.props.id === id)[0] as Element;

describe('settings: schedules', () => {
  it('shows both schedules, titled, each with its own values, next due and preview', () => {
    const page = render([schedule('dispensers'), schedule('work_orders', { interval_minutes: 90 })], 'work_orders');
    expect(findAll(page, (e) => e.props.role === 'tab').map((t) => [textOf([t]), t.props['aria-selected']]))
      .toEqual([['Work orders', true], ['Dispensers', false]]);
    const work = byTestId(page, 'schedule-form');
    const disp = byTestId(page, 'schedule-form-dispensers');
    expect(textOf(findAll([work], (e) => e.tag === 'h3'))).toBe('Work orders');
    expect(textOf(findAll([disp], (e) => e.tag === 'h3'))).toBe('Dispensers');
    expect(input(page, 's-interval').props.value).toBe('1.5');
    expect(input(page, 'd-interval').props.value).toBe('24');
    expect(textOf([byTestId(page, 'next-due')])).toBe(`Next due: ${formatDateTime('2026-03-08T13:00:00Z')}`);
    expect(textOf([byTestId(page, 'next-due-dispensers')])).toBe(`Next due: ${formatDateTime('2026-03-09T12:00:00Z')}`);
    expect(findAll([byTestId(page, 'preview')], (e) => e.tag === 'li').map((li) => li.props['data-at'])).toEqual(['2026-03-09T08:00:00-04:00']);
    expect(findAll([byTestId(page, 'preview-dispensers')], (e) => e.tag === 'li').map((li) => li.props['data-at'])).toEqual(['2026-03-09T07:00:00-04:00']);
    // Only the selected tab's form is shown; both stay on the page.
    expect(byTestId(page, 'schedule-panel').props.hidden).toBe(false);
    expect(byTestId(page, 'schedule-panel-dispensers').props.hidden).toBe(true);
    // Ids never clash between the two forms.
    const ids = findAll(page, (e) => typeof e.props.id === 'string').map((e) => e.props.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The Save buttons say which schedule they save.
    expect(findAll(page, (e) => e.props.type === 'submit').map((b) => textOf([b]))).toEqual(['Save schedule', 'Save dispensers schedule']);
  });
  it('lists the panels in job order and says when the engine has no schedule for a job', () => {
    expect(schedulePanels([schedule('dispensers'), schedule('work_orders')]).map((p) => [p.panel.title, p.view?.job_type]))
      .toEqual([['Work orders', 'work_orders'], ['Dispensers', 'dispensers']]);
    const page = render([schedule('work_orders')], 'dispensers');
    expect(textOf([byTestId(page, 'schedule-panel-dispensers')])).toBe('The engine has no dispensers schedule.');
    expect(byTestId(page, 'schedule-panel-dispensers').props.hidden).toBe(false);
  });
  it('submits the dispensers form as the dispensers schedule', async () => {
    const saved: string[] = [];
    const page = render(VIEWS, 'dispensers', (p) => saved.push(p.job));
    let prevented = false;
    (byTestId(page, 'schedule-form-dispensers').props.onSubmit as (e: unknown) => void)({ preventDefault: () => { prevented = true; } });
    expect([saved, prevented]).toEqual([['dispensers'], true]);
  });
  it('saves the dispensers schedule with the id dispensers', async () => {
    const ops = recording((op) => ({ ...schedule('dispensers'), ...(op.body as object), next_due: '2026-03-10T11:00:00Z' }));
    const form = { ...configToForm(viewConfig(schedule('dispensers'))), intervalHours: '12' };
    const result = await saveSchedule('dispensers', form);
    expect(ops).toHaveLength(1);
    expect([ops[0].command, ops[0].method, ops[0].path]).toEqual(['set_schedule', 'PUT', '/api/scraping-schedules/dispensers']);
    const config = { ...viewConfig(schedule('dispensers')), interval_minutes: 720 };
    expect(ops[0].body).toEqual(config);
    expect(ops[0].args).toEqual({ id: 'dispensers', config });
    expect(result).toMatchObject({ view: { job_type: 'dispensers', interval_minutes: 720, next_due: '2026-03-10T11:00:00Z' } });
  });
  it('keeps saving the work orders as before, and shows the engine refusal at its field', async () => {
    const ops = recording(() => Promise.reject(new ApiError(422, 'interval: must be between 30m and 24h (got 25h)', 'interval')));
    const result = await saveSchedule('work_orders', { ...configToForm(viewConfig(schedule('work_orders'))), intervalHours: '25' });
    expect([ops[0].path, ops[0].args?.id]).toEqual(['/api/scraping-schedules/work_orders', 'work_orders']);
    expect(result).toEqual({ error: { field: 'interval', message: 'Must be between 30m and 24h (got 25h)' } });
    // Text that is no number is refused before asking the engine.
    expect(await saveSchedule('dispensers', { ...configToForm(viewConfig(schedule('dispensers'))), intervalHours: 'daily' }))
      .toMatchObject({ error: { field: 'interval' } });
    expect(ops).toHaveLength(1);
  });
});
