// History: the job filter (All, Work orders, Dispensers) reaches the history operation as its
// job type (all jobs = each job's runs merged newest first, paged), each run row names its job,
// and the charts' stats are asked per job.
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport } from '../api/transport';
import type { RunRecord } from '../api/types';
import { EMPTY_FILTER, type HistoryFilter } from '../lib/historyQuery';
import { run } from '../test/fixtures';
import { recordingTransport } from '../test/recording';
import { byTestId, expand, findAll, textOf } from '../test/vnode';
import { jobSummary, StatsTable } from './Charts';
import { HistoryFilters, loadJobStats, loadRuns, RunsTable } from './History';

afterEach(() => setTransport(null));

const RUNS: RunRecord[] = [
  run({ id: 5, job_type: 'dispensers', started_at: '2026-03-08T11:00:00Z' }),
  run({ id: 4, job_type: 'work_orders', started_at: '2026-03-08T10:00:00Z' }),
  run({ id: 3, job_type: 'dispensers', started_at: '2026-03-07T11:00:00Z' }),
  run({ id: 2, job_type: 'work_orders', started_at: '2026-03-07T10:00:00Z' }),
  run({ id: 1, job_type: 'work_orders', started_at: '2026-03-07T08:00:00Z' }),
];

/** An engine that answers each job's runs from RUNS, honouring offset and limit. */
function engine() {
  return recordingTransport((op) => {
    const job = op.args?.jobType;
    const offset = Number(op.query?.offset ?? 0);
    return RUNS.filter((r) => r.job_type === job).slice(offset, offset + Number(op.query?.limit ?? 50));
  });
}

describe('history: job filter', () => {
  it('offers All, Work orders and Dispensers, and a choice goes back to the first page', () => {
    const changes: HistoryFilter[] = [];
    const page = expand(<HistoryFilters filter={{ ...EMPTY_FILTER, page: 3 }} onChange={(f) => changes.push(f)} onExport={() => {}} />);
    const select = findAll(page, (e) => e.props.id === 'h-job')[0];
    expect(select.props.value).toBe('');
    expect(findAll([select], (e) => e.tag === 'option').map((o) => [o.props.value, textOf([o])]))
      .toEqual([['', 'All'], ['work_orders', 'Work orders'], ['dispensers', 'Dispensers']]);
    (select.props.onChange as (e: unknown) => void)({ currentTarget: { value: 'dispensers' } });
    (select.props.onChange as (e: unknown) => void)({ currentTarget: { value: 'nonsense' } });
    expect(changes.map((f) => [f.job, f.page])).toEqual([['dispensers', 0], ['', 0]]);
  });
  it('asks the history of the chosen job as jobType', async () => {
    const ops = engine();
    const runs = await loadRuns({ ...EMPTY_FILTER, job: 'dispensers', status: 'success' });
    expect(ops.map((op) => [op.command, op.path, op.args?.jobType, op.query?.status])).toEqual([
      ['get_history', '/api/scraping-schedules/history/dispensers', 'dispensers', 'success'],
    ]);
    expect(runs.map((r) => r.id)).toEqual([5, 3]);
  });
  it('shows all jobs merged newest first, a page at a time', async () => {
    const ops = engine();
    const first = await loadRuns({ ...EMPTY_FILTER, pageSize: 2 });
    expect(ops.map((op) => op.args?.jobType).sort()).toEqual(['dispensers', 'work_orders']);
    // One row more than the page tells the page there is a next one.
    expect(first.map((r) => r.id)).toEqual([5, 4, 3]);
    ops.length = 0;
    const second = await loadRuns({ ...EMPTY_FILTER, pageSize: 2, page: 1 });
    expect(ops.map((op) => [op.query?.offset, op.query?.limit])).toEqual([[0, 5], [0, 5]]);
    expect(second.map((r) => r.id)).toEqual([3, 2, 1]);
  });
  it('names the job of each run', () => {
    const page = expand(<RunsTable runs={RUNS.slice(0, 2)} loading={false} />);
    const rows = findAll([byTestId(page, 'runs')], (e) => e.tag === 'tr' && e.props['data-run'] !== undefined);
    expect(rows.map((r) => [r.props['data-run'], textOf(findAll([r], (e) => e.props['data-col'] === 'job'))]))
      .toEqual([[5, 'Dispensers'], [4, 'Work orders']]);
  });
});

describe('history: stats per job', () => {
  it('asks the daily stats of each job', async () => {
    const ops = recordingTransport((op) => [{ day: '2026-03-08', runs: op.args?.job === 'dispensers' ? 1 : 12, succeeded: 1, failed: 0, skipped: 0, avg_duration_ms: 900, work_orders: 40 }]);
    const series = await loadJobStats(30);
    expect(ops.map((op) => [op.path, op.query, op.args])).toEqual([
      ['/api/stats/daily', { days: 30, job: 'work_orders' }, { days: 30, job: 'work_orders' }],
      ['/api/stats/daily', { days: 30, job: 'dispensers' }, { days: 30, job: 'dispensers' }],
    ]);
    expect(series.map((s) => [s.job, s.label, s.stats[0].runs])).toEqual([['work_orders', 'Work orders', 12], ['dispensers', 'Dispensers', 1]]);
    expect(series.map(jobSummary)).toEqual(['Work orders: 12 runs, 8% succeeded', 'Dispensers: 1 run, 100% succeeded']);
    expect(jobSummary({ job: 'dispensers', label: 'Dispensers', stats: [] })).toBe('Dispensers: no runs in this period');
    const table = expand(<StatsTable series={series} />);
    expect(findAll(table, (e) => e.tag === 'tr' && e.props['data-job'] !== undefined).map((r) => r.props['data-job']))
      .toEqual(['work_orders', 'dispensers']);
  });
});
