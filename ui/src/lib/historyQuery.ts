// The History page's filters (job, status, trigger, date range in local days, page) → the history
// operation's query (limit/offset/status/trigger/since/until) and its query string, and the runs
// of one job or of all jobs (the operation answers one job: all = each job's, merged).

import type { HistoryQuery, JobType, RunRecord, RunStatus, Trigger } from '../api/types';
import { buildUrl } from '../api/transport';
import { JOBS } from './jobs';

export interface HistoryFilter {
  /** The job whose runs are shown; '' = all jobs. */
  job: JobType | '';
  status: RunStatus | '';
  trigger: Trigger | '';
  /** First local day shown, `YYYY-MM-DD`, or ''. */
  from: string;
  /** Last local day shown (inclusive), `YYYY-MM-DD`, or ''. */
  to: string;
  /** 0-based page. */
  page: number;
  pageSize: number;
}

export const EMPTY_FILTER: HistoryFilter = { job: '', status: '', trigger: '', from: '', to: '', page: 0, pageSize: 25 };

/** Local midnight starting `day` (+ `addDays`), as an RFC3339 UTC instant; null for ''. */
export function localDayStart(day: string, addDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays).toISOString();
}

/**
 * The query of one page. It asks for one row more than a page: when it comes back, there is a
 * next page (the history operation returns no total).
 */
export function historyQuery(filter: HistoryFilter): HistoryQuery {
  return {
    limit: filter.pageSize + 1,
    offset: filter.page * filter.pageSize,
    status: filter.status,
    trigger: filter.trigger,
    since: localDayStart(filter.from),
    until: localDayStart(filter.to, 1),
  };
}

/** The same query for a CSV export of every matching run. */
export function exportQuery(filter: HistoryFilter, max = 10000): HistoryQuery {
  return { ...historyQuery(filter), limit: max, offset: 0 };
}

/** `/api/scraping-schedules/history/work_orders?limit=26&offset=0&status=failed...` */
export function historyPath(filter: HistoryFilter, jobType: string = filter.job || 'work_orders'): string {
  const q = historyQuery(filter);
  return buildUrl(`/api/scraping-schedules/history/${jobType}`, {
    limit: q.limit, offset: q.offset, status: q.status, trigger: q.trigger, since: q.since, until: q.until,
  });
}

/** A page of rows and whether another page follows. */
export function splitPage<T>(rows: T[], filter: HistoryFilter): { rows: T[]; hasNext: boolean } {
  return { rows: rows.slice(0, filter.pageSize), hasNext: rows.length > filter.pageSize };
}

/** Changing any filter goes back to the first page. */
export function withFilter(filter: HistoryFilter, change: Partial<Omit<HistoryFilter, 'page'>>): HistoryFilter {
  return { ...filter, ...change, page: 0 };
}

/** Newest first: by start, then by id. */
function newestFirst(a: RunRecord, b: RunRecord): number {
  return b.started_at.localeCompare(a.started_at) || b.id - a.id;
}

/**
 * The runs `query` selects, of `job` or (`''`) of every job: each job's first offset + limit runs
 * merged newest first, then the page cut out, so paging works across jobs.
 */
export async function fetchRuns(
  query: HistoryQuery,
  job: JobType | '',
  get: (query: HistoryQuery, jobType: JobType) => Promise<RunRecord[]>,
): Promise<RunRecord[]> {
  if (job) return get(query, job);
  const offset = query.offset ?? 0;
  const limit = query.limit;
  const each = { ...query, offset: 0, limit: limit === undefined ? undefined : offset + limit };
  const lists = await Promise.all(JOBS.map((j) => get(each, j.job)));
  const merged = lists.flat().sort(newestFirst);
  return merged.slice(offset, limit === undefined ? undefined : offset + limit);
}
