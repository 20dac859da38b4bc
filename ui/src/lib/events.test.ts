// The event reducer: status, run start/progress/finish, notifications, reconnects.
import { describe, expect, it } from 'vitest';
import { INITIAL, progressFraction, progressText, reduce, type LiveState } from './events';
import { run, status } from '../test/fixtures';
import type { EngineEvent, ProgressEvent } from '../api/types';

const ev = (s: LiveState, event: EngineEvent) => reduce(s, { type: 'event', event });
const progress = (over: Partial<ProgressEvent>): ProgressEvent => ({
  type: 'progress', run_id: 8, job_type: 'work_orders', phase: 'fetching', pages_done: 1, pages_total: 3, rows: 25, ...over,
});

describe('a sync seen through events', () => {
  it('goes running → progress → finished and bumps the data version once', () => {
    let s = reduce(INITIAL, { type: 'status', status: status() });
    s = ev(s, { type: 'run_started', run_id: 8, job_type: 'work_orders', trigger: 'manual' });
    expect(s.status?.state).toBe('running');
    expect(s.status?.running_run_id).toBe(8);
    expect(s.progress).toMatchObject({ run_id: 8, phase: 'logging_in', pages_done: 0, rows: 0 });
    s = ev(s, progress({ pages_done: 2, rows: 50 }));
    expect(progressFraction(s.progress)).toBeCloseTo(2 / 3);
    const finished = run({ id: 8, trigger: 'manual', finished_at: '2026-03-08T15:00:00Z', found: 57 });
    s = ev(s, { type: 'run_finished', run: finished });
    expect(s.progress).toBeNull();
    expect(s.lastFinished).toEqual(finished);
    expect(s.status?.last_run).toEqual(finished);
    expect(s.status?.last_success_at).toBe('2026-03-08T15:00:00Z');
    expect(s.dataVersion).toBe(1);
    s = ev(s, { type: 'status_changed', status: status({ state: 'active', last_run: finished }) });
    expect(s.status?.state).toBe('active');
    expect(s.dataVersion).toBe(1);
  });
  it('leaves the work-order status alone while the dispensers are read, reloading lists after', () => {
    const before = reduce(INITIAL, { type: 'status', status: status() });
    let s = ev(before, { type: 'run_started', run_id: 20, job_type: 'dispensers', trigger: 'manual' });
    s = ev(s, progress({ run_id: 20, job_type: 'dispensers' }));
    expect([s.status, s.progress]).toEqual([before.status, null]);
    s = ev(s, { type: 'run_finished', run: run({ id: 20, job_type: 'dispensers', finished_at: '2026-03-08T16:00:00Z' }) });
    expect(s.status).toEqual(before.status);
    expect(s.lastFinished).toBeNull();
    expect(s.dataVersion).toBe(1);
    s = ev(s, { type: 'status_changed', status: status({ job_type: 'dispensers', state: 'running', running_run_id: 21 }) });
    expect(s.status).toEqual(before.status);
  });
  it('keeps the last success time when a run fails', () => {
    let s = reduce(INITIAL, { type: 'status', status: status({ last_success_at: '2026-03-08T12:00:02Z' }) });
    s = ev(s, { type: 'run_finished', run: run({ id: 9, status: 'failed', error: 'Login rejected.' }) });
    expect(s.status?.last_success_at).toBe('2026-03-08T12:00:02Z');
    expect(s.status?.last_run?.error).toBe('Login rejected.');
  });
  it('ignores late progress of an older run', () => {
    let s = ev(INITIAL, progress({ run_id: 9, pages_done: 1 }));
    s = ev(s, progress({ run_id: 8, pages_done: 3 }));
    expect(s.progress?.run_id).toBe(9);
  });
  it('clears progress when a status says nothing runs, starts it when one does', () => {
    let s = ev(INITIAL, progress({}));
    s = ev(s, { type: 'status_changed', status: status({ state: 'failed' }) });
    expect(s.progress).toBeNull();
    s = ev(s, { type: 'status_changed', status: status({ state: 'running', running_run_id: 11 }) });
    expect(s.progress).toMatchObject({ run_id: 11, pages_done: 0 });
    s = ev(s, progress({ run_id: 11, pages_done: 2 }));
    s = reduce(s, { type: 'status', status: status({ state: 'running', running_run_id: 11 }) });
    expect(s.progress?.pages_done).toBe(2);
  });
});

describe('notifications and connection', () => {
  it('keeps the last four notices and dismisses by id', () => {
    let s = INITIAL;
    for (let i = 0; i < 6; i++) s = ev(s, { type: 'notification', title: `t${i}`, body: 'b', kind: 'info' });
    expect(s.notices.map((n) => n.title)).toEqual(['t2', 't3', 't4', 't5']);
    s = reduce(s, { type: 'dismiss', id: s.notices[0].id });
    expect(s.notices.map((n) => n.title)).toEqual(['t3', 't4', 't5']);
  });
  it('reloads lists after a reconnect', () => {
    let s = reduce(INITIAL, { type: 'connection', connected: true });
    expect([s.connected, s.dataVersion]).toEqual([true, 1]);
    s = reduce(s, { type: 'connection', connected: true });
    expect(s.dataVersion).toBe(1);
    s = reduce(s, { type: 'connection', connected: false });
    expect([s.connected, s.dataVersion]).toEqual([false, 1]);
  });
  it('ignores unknown events', () => {
    const s = ev(INITIAL, { type: 'weather' } as unknown as EngineEvent);
    expect(s).toBe(INITIAL);
  });
});

describe('progress text', () => {
  it('describes the phase, the pages and the rows', () => {
    expect(progressText(progress({ pages_done: 2, pages_total: 10, rows: 50 }))).toBe('Fetching page 2 of 10 · 50 rows');
    expect(progressText(progress({ phase: 'logging_in', pages_done: 0, pages_total: null, rows: 0 }))).toBe('Logging in · 0 rows');
    expect(progressText(progress({ phase: 'starting_browser', pages_done: 0, pages_total: null, rows: 0 }))).toBe('Starting the browser · 0 rows');
    expect(progressText(progress({ phase: 'saving', pages_done: 3, pages_total: null, rows: 1 }))).toBe('Saving 3 pages · 1 row');
    expect(progressFraction(progress({ pages_total: null }))).toBeNull();
    expect(progressFraction(progress({ pages_done: 5, pages_total: 4 }))).toBe(1);
  });
});
