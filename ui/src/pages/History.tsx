// History page: the runs of both jobs (work orders, dispensers) with filters (job, status,
// trigger, date range), paging, CSV export, the daily charts per job; `#/history/<id>` shows one
// run with its changes. `HistoryFilters` and `RunsTable` hold no state (tests render them).

import { useState } from 'preact/hooks';
import { getDailyStats, getHistory } from '../api/client';
import type { RunRecord, RunStatus, Trigger } from '../api/types';
import { Badge, count, ErrorBanner } from '../components/ui';
import { runStatusTone } from '../lib/badge';
import { downloadText, runsCsv } from '../lib/csv';
import { formatDateTime, formatDuration } from '../lib/format';
import {
  EMPTY_FILTER, exportQuery, fetchRuns, historyQuery, splitPage, withFilter, type HistoryFilter,
} from '../lib/historyQuery';
import { asApiError, useLoad } from '../lib/hooks';
import { jobLabel, JOBS, knownJob } from '../lib/jobs';
import { href } from '../lib/router';
import { useLive } from '../live';
import { Charts, type JobStats } from './Charts';
import { RunDetail } from './RunDetail';

const STATUSES: RunStatus[] = ['success', 'failed', 'running', 'interrupted', 'skipped'];
const TRIGGERS: Trigger[] = ['scheduled', 'manual', 'catch-up'];

let savedFilter: HistoryFilter = EMPTY_FILTER;
const STAT_DAYS = 30;

/** The runs the filter selects (one job's, or all jobs' merged). */
export const loadRuns = (filter: HistoryFilter, query = historyQuery(filter)) => fetchRuns(query, filter.job, getHistory);

/** Each job's daily stats, in the order of JOBS. */
export const loadJobStats = (days: number): Promise<JobStats[]> =>
  Promise.all(JOBS.map(async (j) => ({ ...j, stats: await getDailyStats(days, j.job) })));

export function HistoryPage({ runId }: { runId: number | null }) {
  if (runId !== null) return <RunDetail id={runId} />;
  return <HistoryList />;
}

function HistoryList() {
  const { state } = useLive();
  const [filter, setFilterState] = useState(savedFilter);
  const setFilter = (next: HistoryFilter) => {
    savedFilter = next;
    setFilterState(next);
  };
  const runs = useLoad(() => loadRuns(filter), [filter, state.dataVersion]);
  const stats = useLoad(() => loadJobStats(STAT_DAYS), [state.dataVersion]);
  const [exportError, setExportError] = useState<string | null>(null);
  const page = splitPage(runs.data ?? [], filter);

  const exportCsv = async () => {
    setExportError(null);
    try {
      downloadText('sync-history.csv', runsCsv(await loadRuns(filter, exportQuery(filter))));
    } catch (e) {
      setExportError(asApiError(e).message);
    }
  };

  return (
    <section aria-labelledby="hist-h">
      <h1 id="hist-h">History</h1>
      <HistoryFilters filter={filter} onChange={setFilter} onExport={exportCsv} />
      {exportError && <p class="error" role="alert">{exportError}</p>}
      <ErrorBanner error={runs.error} />
      <RunsTable runs={page.rows} loading={runs.loading && !runs.data} />
      <nav class="pager" aria-label="Pages of runs">
        <button onClick={() => setFilter({ ...filter, page: filter.page - 1 })} disabled={filter.page === 0}>← Newer</button>
        <span class="muted small">Page {filter.page + 1}</span>
        <button onClick={() => setFilter({ ...filter, page: filter.page + 1 })} disabled={!page.hasNext}>Older →</button>
      </nav>
      <div style={{ marginTop: '1rem' }}>
        <ErrorBanner error={stats.error} />
        {stats.data && <Charts series={stats.data} days={STAT_DAYS} />}
      </div>
    </section>
  );
}

/** The filters: job, status, trigger, date range; Clear; Export CSV. */
export function HistoryFilters({ filter, onChange, onExport }: { filter: HistoryFilter; onChange: (next: HistoryFilter) => void; onExport: () => void }) {
  const set = (change: Partial<Omit<HistoryFilter, 'page'>>) => onChange(withFilter(filter, change));
  return (
    <div class="toolbar" role="search" aria-label="Filter runs">
      <div class="field">
        <label for="h-job">Job</label>
        <select id="h-job" value={filter.job} onChange={(e) => set({ job: knownJob(e.currentTarget.value) ?? '' })}>
          <option value="">All</option>
          {JOBS.map((j) => <option value={j.job}>{j.label}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="h-status">Status</label>
        <select id="h-status" value={filter.status} onChange={(e) => set({ status: e.currentTarget.value as RunStatus | '' })}>
          <option value="">All</option>
          {STATUSES.map((s) => <option value={s}>{s}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="h-trigger">Trigger</label>
        <select id="h-trigger" value={filter.trigger} onChange={(e) => set({ trigger: e.currentTarget.value as Trigger | '' })}>
          <option value="">All</option>
          {TRIGGERS.map((t) => <option value={t}>{t}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="h-from">From</label>
        <input id="h-from" type="date" value={filter.from} onChange={(e) => set({ from: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for="h-to">To</label>
        <input id="h-to" type="date" value={filter.to} onChange={(e) => set({ to: e.currentTarget.value })} />
      </div>
      <button onClick={() => onChange(EMPTY_FILTER)}>Clear filters</button>
      <span class="spacer" />
      <button onClick={onExport}>Export CSV</button>
    </div>
  );
}

export function RunsTable({ runs, loading }: { runs: RunRecord[]; loading: boolean }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label="Runs table">
      <table class="cards nohead" data-testid="runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Job</th>
            <th scope="col">Started</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col">Found</th>
            <th scope="col">New</th>
            <th scope="col">Changed</th>
            <th scope="col">Removed</th>
            <th scope="col">Attempts</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr data-run={r.id} data-status={r.status} data-job={r.job_type}>
              <td data-label=""><a href={href('history', r.id)}>#{r.id}</a></td>
              <td data-label="Job" data-col="job" style={{ whiteSpace: 'nowrap' }}>{jobLabel(r.job_type)}</td>
              <td data-label="Started" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.started_at)}</td>
              <td data-label="Trigger">{r.trigger}{r.missed > 0 ? ` (+${r.missed})` : ''}</td>
              <td data-label="Status"><Badge tone={runStatusTone(r.status)}>{r.status}</Badge></td>
              <td data-label="Duration" class="num">{formatDuration(r.duration_ms)}</td>
              <td data-label="Found" class="num" data-col="found">{count(r.found)}</td>
              <td data-label="New" class="num" data-col="new">{count(r.new)}</td>
              <td data-label="Changed" class="num" data-col="changed">{count(r.changed)}</td>
              <td data-label="Removed" class="num" data-col="removed">{count(r.removed)}</td>
              <td data-label="Attempts" class="num">{r.attempts}</td>
              {r.error ? <td data-label="Error" class="small">{r.error}</td> : <td class="empty" />}
            </tr>
          ))}
          {runs.length === 0 && (
            <tr><td colSpan={12} data-label="" class="muted">{loading ? 'Loading…' : 'No runs match.'}</td></tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
