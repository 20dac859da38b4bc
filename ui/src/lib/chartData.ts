// Daily stats → chart series: x = the day (unix seconds, UTC midnight), y = success rate in %,
// average duration in seconds, or the work-order count; null where a day has no value.

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

export function chartSeries(stats: DailyStat[], kind: ChartKind): { xs: number[]; ys: (number | null)[] } {
  const sorted = [...stats].sort((a, b) => a.day.localeCompare(b.day));
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
