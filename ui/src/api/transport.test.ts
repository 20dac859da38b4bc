// The transport: Tauri IPC when the bridge is present, same-origin HTTP + SSE otherwise; errors
// become ApiError with the engine's sentence and field.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, chooseTransport, httpTransport, setTransport, toApiError, transport } from './transport';
import { getDailyStats, getDispensers, getHistory, getStatus, pause, previewSchedule, setSchedule, syncNow } from './client';
import { status } from '../test/fixtures';
import type { EngineEvent, ScheduleConfig } from './types';

const g = globalThis as Record<string, unknown>;

afterEach(() => {
  delete g.window;
  setTransport(null);
});

function fakeTauri(answer: (cmd: string, args: Record<string, unknown>) => unknown) {
  const calls: [string, Record<string, unknown>][] = [];
  const callbacks = new Map<number, (e: unknown) => void>();
  let next = 1;
  const internals = {
    invoke: vi.fn(async (cmd: string, args: Record<string, unknown>) => {
      calls.push([cmd, args]);
      return answer(cmd, args);
    }),
    transformCallback: (cb: (e: unknown) => void) => {
      callbacks.set(next, cb);
      return next++;
    },
  };
  const open = vi.fn();
  g.window = { __TAURI_INTERNALS__: internals, open };
  return { calls, callbacks, open };
}

function fakeFetch(status: number, body: unknown) {
  return vi.fn(async (_url: string, _init: RequestInit) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status }));
}

describe('choosing', () => {
  it('uses Tauri only when the IPC bridge is there', () => {
    expect(chooseTransport({ __TAURI_INTERNALS__: {} })).toBe('tauri');
    expect(chooseTransport({ location: {} })).toBe('http');
    expect(chooseTransport(undefined)).toBe('http');
  });
  it('picks the HTTP transport in a plain browser window', () => {
    g.window = { open: vi.fn() };
    expect(transport().kind).toBe('http');
  });
});

describe('tauri', () => {
  it('invokes the command named in docs/api.md with its arguments', async () => {
    const fake = fakeTauri((cmd) => (cmd === 'get_status' ? status({ state: 'paused' }) : { run_id: 12 }));
    expect(transport().kind).toBe('tauri');
    expect((await getStatus()).state).toBe('paused');
    expect(await syncNow()).toEqual({ run_id: 12 });
    const config: ScheduleConfig = { interval_minutes: 60, timezone: 'UTC', active_hours: null, days: 'all', jitter_seconds: 0, enabled: true };
    await setSchedule(config);
    await pause({ minutes: 60 });
    await pause({ until_tomorrow: true });
    await getHistory({ limit: 26, offset: 0, status: 'failed' });
    expect(fake.calls).toEqual([
      ['get_status', {}],
      ['sync_now', { id: 'work_orders' }],
      ['set_schedule', { id: 'work_orders', config }],
      ['pause', { minutes: 60 }],
      // The engine resolves "tomorrow" (the schedule window's opening in its zone).
      ['pause', { until_tomorrow: true }],
      ['get_history', { jobType: 'work_orders', limit: 26, offset: 0, status: 'failed', trigger: undefined, since: undefined, until: undefined }],
    ]);
  });
  it('asks the dispensers of a location, the dispensers job and its stats', async () => {
    const fake = fakeTauri(() => []);
    expect(await getDispensers(46769)).toEqual([]);
    await getDispensers();
    await syncNow('dispensers');
    await getDailyStats(30, 'dispensers');
    await getDailyStats(7);
    await getHistory({ limit: 5 }, 'dispensers');
    expect(fake.calls.slice(0, 5)).toEqual([
      ['get_dispensers', { location: 46769 }],
      ['get_dispensers', {}],
      ['sync_now', { id: 'dispensers' }],
      ['get_daily_stats', { days: 30, job: 'dispensers' }],
      ['get_daily_stats', { days: 7 }],
    ]);
    expect(fake.calls[5][0]).toBe('get_history');
    expect(fake.calls[5][1].jobType).toBe('dispensers');
  });
  it('turns a command error into an ApiError with its field', async () => {
    fakeTauri(() => Promise.reject({ error: 'interval: must be between 30m and 24h (got 25h)', field: 'interval' }));
    const error = await previewSchedule(null).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.field, error.message]).toEqual([422, 'interval', 'interval: must be between 30m and 24h (got 25h)']);
  });
  it('delivers engine-event payloads to subscribers', async () => {
    const fake = fakeTauri(() => 99);
    const seen: EngineEvent[] = [];
    const connected = vi.fn();
    transport().subscribe((e) => seen.push(e), connected);
    await vi.waitFor(() => expect(connected).toHaveBeenCalledWith(true));
    const [cmd, args] = fake.calls[0];
    expect(cmd).toBe('plugin:event|listen');
    expect(args.event).toBe('engine-event');
    fake.callbacks.get(args.handler as number)!({ payload: { type: 'run_started', run_id: 3, job_type: 'work_orders', trigger: 'manual' } });
    expect(seen).toEqual([{ type: 'run_started', run_id: 3, job_type: 'work_orders', trigger: 'manual' }]);
  });
  it('opens links with the opener plugin, falls back to window.open, refuses other schemes', async () => {
    const fake = fakeTauri((cmd) => (cmd === 'plugin:opener|open_url' ? Promise.reject('not allowed') : null));
    await transport().openUrl('https://app.workfossa.com/app/work/1/');
    expect(fake.calls[0]).toEqual(['plugin:opener|open_url', { url: 'https://app.workfossa.com/app/work/1/', with: undefined }]);
    expect(fake.open).toHaveBeenCalledWith('https://app.workfossa.com/app/work/1/', '_blank', 'noopener,noreferrer');
    await transport().openUrl('javascript:alert(1)');
    expect(fake.calls).toHaveLength(1);
  });
});

describe('http', () => {
  it('fetches same-origin routes with the cookie and a JSON body', async () => {
    const fetch = fakeFetch(200, status());
    setTransport(httpTransport({ fetch }));
    await getStatus();
    await previewSchedule(null, 5);
    await getHistory({ limit: 26, offset: 25, trigger: 'manual', since: '2026-03-01T05:00:00.000Z' });
    expect(fetch.mock.calls.map(([url, init]) => [url, init?.method, init?.credentials, init?.body])).toEqual([
      ['/api/status', 'GET', 'same-origin', undefined],
      ['/api/schedule/preview', 'POST', 'same-origin', '{"config":null,"from":null,"count":5}'],
      ['/api/scraping-schedules/history/work_orders?limit=26&offset=25&trigger=manual&since=2026-03-01T05%3A00%3A00.000Z', 'GET', 'same-origin', undefined],
    ]);
  });
  it('routes the dispensers and the per-job operations', async () => {
    const fetch = fakeFetch(200, []);
    setTransport(httpTransport({ fetch }));
    await getDispensers(46769);
    await getDispensers();
    await syncNow('dispensers');
    await getDailyStats(30, 'dispensers');
    await getDailyStats(30);
    await getHistory({ limit: 5 }, 'dispensers');
    expect(fetch.mock.calls.map(([url, init]) => [url, init?.method])).toEqual([
      ['/api/dispensers?location=46769', 'GET'],
      ['/api/dispensers', 'GET'],
      ['/api/scraping-schedules/dispensers/trigger', 'POST'],
      ['/api/stats/daily?days=30&job=dispensers', 'GET'],
      ['/api/stats/daily?days=30', 'GET'],
      ['/api/scraping-schedules/history/dispensers?limit=5', 'GET'],
    ]);
  });
  it('reads 422 {error, field} into an ApiError', async () => {
    setTransport(httpTransport({ fetch: fakeFetch(422, { error: 'days: must include at least one day', field: 'days' }) }));
    const error = await getStatus().catch((e) => e);
    expect([error.status, error.field, error.message]).toEqual([422, 'days', 'days: must include at least one day']);
  });
  it('explains 401 and an unreachable daemon', async () => {
    setTransport(httpTransport({ fetch: fakeFetch(401, { error: 'missing token' }) }));
    expect((await getStatus().catch((e) => e)).message).toMatch(/login link/);
    setTransport(httpTransport({ fetch: vi.fn(() => Promise.reject(new TypeError('fetch failed'))) }));
    const down = await getStatus().catch((e) => e);
    expect([down.status, down.message]).toEqual([0, 'Cannot reach the Fossa Sync engine. Is the daemon running?']);
  });
  it('accepts 202 and 204 answers', async () => {
    setTransport(httpTransport({ fetch: fakeFetch(202, { run_id: 5 }) }));
    expect(await syncNow()).toEqual({ run_id: 5 });
    setTransport(httpTransport({ fetch: fakeFetch(204, undefined) }));
    expect(await getStatus()).toBeUndefined();
  });
  it('streams /api/events and skips lines that are not JSON', () => {
    const sources: FakeSource[] = [];
    class FakeSource {
      onopen: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onmessage: ((m: { data: string }) => void) | null = null;
      closed = false;
      constructor(readonly url: string, readonly init: unknown) { sources.push(this); }
      close() { this.closed = true; }
    }
    const seen: EngineEvent[] = [];
    const conn: boolean[] = [];
    const stop = httpTransport({ fetch: fakeFetch(200, {}), EventSource: FakeSource as unknown as typeof EventSource })
      .subscribe((e) => seen.push(e), (c) => conn.push(c));
    const s = sources[0];
    expect([s.url, s.init]).toEqual(['/api/events', { withCredentials: true }]);
    s.onopen!();
    s.onmessage!({ data: '{"type":"run_finished","run":{"id":4}}' });
    s.onmessage!({ data: 'ping' });
    s.onerror!();
    stop();
    expect(seen).toEqual([{ type: 'run_finished', run: { id: 4 } }]);
    expect(conn).toEqual([true, false]);
    expect(s.closed).toBe(true);
  });
  it('opens only http(s) links, in a new tab without opener', async () => {
    const open = vi.fn();
    const t = httpTransport({ fetch: fakeFetch(200, {}), open });
    await t.openUrl('https://app.workfossa.com/app/work/1/');
    await t.openUrl('javascript:alert(1)');
    await t.openUrl('data:text/html,<script>1</script>');
    expect(open.mock.calls).toEqual([['https://app.workfossa.com/app/work/1/']]);
  });
});

describe('helpers', () => {
  it('builds query strings without empty values', () => {
    expect(buildUrl('/api/x', { a: 1, b: '', c: null, d: undefined, e: true, f: 'a b' })).toBe('/api/x?a=1&e=true&f=a+b');
    expect(buildUrl('/api/x')).toBe('/api/x');
  });
  it('reads every error shape', () => {
    expect(toApiError(500, 'boom').message).toBe('boom');
    expect(toApiError(400, { error: 'bad json', field: null }).field).toBeNull();
    expect(toApiError(404, {}).message).toBe('The engine answered 404.');
  });
});
