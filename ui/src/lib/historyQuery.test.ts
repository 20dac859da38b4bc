// History filters → query and query string; paging by asking one row more.
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, exportQuery, historyPath, historyQuery, localDayStart, splitPage, withFilter } from './historyQuery';

describe('history query', () => {
  it('asks for one page plus one row, nothing else by default', () => {
    expect(historyPath(EMPTY_FILTER)).toBe('/api/scraping-schedules/history/work_orders?limit=26&offset=0');
  });
  it('asks the chosen job\'s history', () => {
    expect(EMPTY_FILTER.job).toBe('');
    expect(historyPath({ ...EMPTY_FILTER, job: 'dispensers' })).toBe('/api/scraping-schedules/history/dispensers?limit=26&offset=0');
  });
  it('turns filters and the page into the query', () => {
    const f = { ...EMPTY_FILTER, status: 'failed' as const, trigger: 'catch-up' as const, page: 2, pageSize: 10 };
    expect(historyPath(f)).toBe('/api/scraping-schedules/history/work_orders?limit=11&offset=20&status=failed&trigger=catch-up');
  });
  it('reads the date range as whole local days, the end inclusive', () => {
    const q = historyQuery({ ...EMPTY_FILTER, from: '2026-03-01', to: '2026-03-07' });
    expect(q.since).toBe(new Date(2026, 2, 1).toISOString());
    expect(q.until).toBe(new Date(2026, 2, 8).toISOString());
    expect(localDayStart('')).toBeNull();
    expect(localDayStart('03/01/2026')).toBeNull();
    expect(localDayStart('2026-02-28', 1)).toBe(new Date(2026, 2, 1).toISOString());
  });
  it('exports every matching run from the start', () => {
    expect(exportQuery({ ...EMPTY_FILTER, page: 3, status: 'success' })).toMatchObject({ limit: 10000, offset: 0, status: 'success' });
  });
  it('splits the extra row off as "there is a next page"', () => {
    const f = { ...EMPTY_FILTER, pageSize: 2 };
    expect(splitPage([1, 2, 3], f)).toEqual({ rows: [1, 2], hasNext: true });
    expect(splitPage([1, 2], f)).toEqual({ rows: [1, 2], hasNext: false });
  });
  it('goes back to the first page when a filter changes', () => {
    expect(withFilter({ ...EMPTY_FILTER, page: 4 }, { status: 'failed' })).toMatchObject({ page: 0, status: 'failed' });
  });
});
