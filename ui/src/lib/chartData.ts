// Daily stats → chart series: x = the day (unix seconds, UTC midnight), y = success rate in %,
// average duration in seconds, or the count found; null where a day has no value. Several jobs'
// stats share one x axis (one series per job).

import type { DailyStat } from '../api/types';

export type ChartKind = 'success' | 'duration' | 'count';

/** Succeeded / (succeeded + failed) in %, null when nothing was attempted (skips don't count). */
export function successRate(s: DailyStat): number | null {
  const attempted = s.succeeded + s.failed;
  return attempted === 0 ? null : Math.round((1000 * s.succeeded) / attempted) / 10;
}

export function dayToSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** The `days` calendar days ending with `today` (`YYYY-MM-DD`), oldest first. */
export function dayRange(today: string, days: number): string[] {
  const end = dayToSeconds(today) * 1000;
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/**
 * One point per day of the period (so the axis always spans it), null for days without a stat.
 * Days of `stats` outside the period are kept too.
 */
export function chartSeries(stats: DailyStat[], kind: ChartKind, period?: { today: string; days: number }): { xs: number[]; ys: (number | null)[] } {
  const byDay = new Map(stats.map((s) => [s.day, s]));
  const days = new Set([...(period ? dayRange(period.today, period.days) : []), ...byDay.keys()]);
  const sorted = [...days].sort().map((day) => byDay.get(day) ?? { day, runs: 0, succeeded: 0, failed: 0, skipped: 0, avg_duration_ms: null, work_orders: null });
  const ys = sorted.map((s) => {
    switch (kind) {
      case 'success':
        return successRate(s);
      case 'duration':
        return s.avg_duration_ms === null ? null : s.avg_duration_ms / 1000;
      case 'count':
        return s.work_orders;
    }
  });
  return { xs: sorted.map((s) => dayToSeconds(s.day)), ys };
}

/** One x axis over every job's days, and one y series per job (in the order given). */
export function jobSeries(
  statsByJob: DailyStat[][],
  kind: ChartKind,
  period?: { today: string; days: number },
): { xs: number[]; ys: (number | null)[][] } {
  const days = new Set(statsByJob.flatMap((stats) => stats.map((s) => s.day)));
  const all = [...days].map((day) => ({ day, runs: 0, succeeded: 0, failed: 0, skipped: 0, avg_duration_ms: null, work_orders: null }));
  const { xs } = chartSeries(all, kind, period);
  const ys = statsByJob.map((stats) => {
    const series = chartSeries(stats, kind, period);
    const byX = new Map(series.xs.map((x, i) => [x, series.ys[i]]));
    return xs.map((x) => byX.get(x) ?? null);
  });
  return { xs, ys };
}
