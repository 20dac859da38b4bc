// Daily stats → chart series.
import { describe, expect, it } from 'vitest';
import { chartSeries, dayRange, dayToSeconds, jobSeries, successRate } from './chartData';
import type { DailyStat } from '../api/types';

const stat = (day: string, over: Partial<DailyStat> = {}): DailyStat => ({
  day, runs: 10, succeeded: 9, failed: 1, skipped: 0, avg_duration_ms: 1500, work_orders: 40, ...over,
});

describe('chart data', () => {
  it('computes the success rate of attempted runs only', () => {
    expect(successRate(stat('2026-03-01'))).toBe(90);
    expect(successRate(stat('2026-03-01', { succeeded: 2, failed: 1, skipped: 5 }))).toBe(66.7);
    expect(successRate(stat('2026-03-01', { runs: 3, succeeded: 0, failed: 0, skipped: 3 }))).toBeNull();
  });
  it('sorts by day and keeps gaps as null', () => {
    const stats = [stat('2026-03-02', { avg_duration_ms: null, work_orders: null }), stat('2026-03-01', { avg_duration_ms: 840 })];
    expect(chartSeries(stats, 'duration')).toEqual({ xs: [dayToSeconds('2026-03-01'), dayToSeconds('2026-03-02')], ys: [0.84, null] });
    expect(chartSeries(stats, 'count').ys).toEqual([40, null]);
    expect(chartSeries(stats, 'success').ys).toEqual([90, 90]);
    expect(dayToSeconds('1970-01-02')).toBe(86400);
  });
  it('spans the whole period, empty days as gaps', () => {
    expect(dayRange('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    const series = chartSeries([stat('2026-03-01')], 'count', { today: '2026-03-02', days: 3 });
    expect(series.xs).toEqual(['2026-02-28', '2026-03-01', '2026-03-02'].map(dayToSeconds));
    expect(series.ys).toEqual([null, 40, null]);
    expect(chartSeries([stat('2026-03-01')], 'success', { today: '2026-03-02', days: 3 }).ys).toEqual([null, 90, null]);
  });
  it('puts each job on the same days, gaps where a job has no stat', () => {
    const work = [stat('2026-03-01', { work_orders: 40 }), stat('2026-03-02', { work_orders: 41 })];
    const dispensers = [stat('2026-03-02', { work_orders: 55, succeeded: 1, failed: 1 })];
    const { xs, ys } = jobSeries([work, dispensers], 'count', { today: '2026-03-03', days: 3 });
    expect(xs).toEqual(['2026-03-01', '2026-03-02', '2026-03-03'].map(dayToSeconds));
    expect(ys).toEqual([[40, 41, null], [null, 55, null]]);
    expect(jobSeries([work, dispensers], 'success').ys).toEqual([[90, 90], [null, 50]]);
  });
});
