// The development mock answers the dispensers job as the engine does: stored dispensers per
// location, a schedule per job, history and daily stats filtered by job.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDailyStats, getDispensers, getHistory, getSchedules, setSchedule, syncNow } from './client';
import { mockTransport } from './mock';
import { setTransport } from './transport';

beforeEach(() => setTransport(mockTransport()));
afterEach(() => setTransport(null));

describe('mock transport', () => {
  it('answers two schedules and saves each by its id', async () => {
    const views = await getSchedules();
    expect(views.map((v) => [v.job_type, v.interval_minutes])).toEqual([['work_orders', 60], ['dispensers', 1440]]);
    const { job_type: _j, next_due: _n, paused: _p, paused_until: _u, interval_hours: _h, active_hours_range: _r, ...config } = views[1];
    const saved = await setSchedule({ ...config, interval_minutes: 720 }, 'dispensers');
    expect([saved.job_type, saved.interval_minutes]).toEqual(['dispensers', 720]);
    expect((await getSchedules()).map((v) => v.interval_minutes)).toEqual([60, 720]);
  });
  it('answers stored dispensers per location: read, never read, stale', async () => {
    const read = await getDispensers(46700);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((d) => d.location_id === 46700 && d.read_at !== null && !d.stale)).toBe(true);
    expect(await getDispensers(46703)).toEqual([]);
    expect((await getDispensers(46706)).every((d) => d.stale)).toBe(true);
  });
  it('filters history and daily stats by job', async () => {
    const dispensers = await getHistory({ limit: 100 }, 'dispensers');
    expect(dispensers.length).toBeGreaterThan(0);
    expect(dispensers.every((r) => r.job_type === 'dispensers')).toBe(true);
    expect((await getHistory({ limit: 100 }, 'work_orders')).every((r) => r.job_type === 'work_orders')).toBe(true);
    const [all, work, disp] = await Promise.all([getDailyStats(30), getDailyStats(30, 'work_orders'), getDailyStats(30, 'dispensers')]);
    expect(all[0].runs).toBe(work[0].runs + disp[0].runs);
  });
  it('reads dispensers alone on sync_now dispensers', async () => {
    const { run_id } = await syncNow('dispensers');
    expect(run_id).toBeGreaterThan(0);
    expect(await syncNow('dispensers')).toEqual({ run_id });
  });
});
