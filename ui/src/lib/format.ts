// Text formatting of times and durations: the countdown, "as of 07:58 · 2 h ago", run durations.
// Pure functions: the current time and the zone are arguments, so tests are deterministic.

export interface ZoneOptions {
  /** IANA zone for wall-clock output; the system's when absent. */
  timeZone?: string;
  locale?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Whole seconds from `nowMs` until `instant` (never negative); null without an instant. */
export function secondsUntil(instant: string | null, nowMs: number): number | null {
  if (!instant) return null;
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** `in 5 min`, `in 2 h 10 min`, `in 3 d` for a future instant. */
export function formatIn(instant: string, nowMs: number): string {
  const minutes = Math.max(0, Math.round((Date.parse(instant) - nowMs) / 60000));
  if (minutes < 60) return `in ${minutes} min`;
  const h = Math.floor(minutes / 60);
  if (h < 48) return `in ${h} h ${pad(minutes % 60)} min`;
  return `in ${Math.floor(h / 24)} d`;
}

/** `4:09`, `1:05:09`, `2 d 03 h`; `now` at zero. */
export function formatCountdown(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds <= 0) return 'now';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d} d ${pad(h)} h`;
  if (h > 0) return `${h}:${pad(m)}:${pad(s)}`;
  return `${m}:${pad(s)}`;
}

/** `just now`, `5 min ago`, `2 h ago`, `3 d ago` (future instants read as `just now`). */
export function formatAgo(instant: string, nowMs: number): string {
  const seconds = Math.floor((nowMs - Date.parse(instant)) / 1000);
  if (Number.isNaN(seconds) || seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

function parts(instant: string, opts: ZoneOptions): Record<string, string> {
  const format = new Intl.DateTimeFormat(opts.locale ?? 'en-GB', {
    timeZone: opts.timeZone,
    year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(instant))) out[p.type] = p.value;
  return out;
}

/** `07:58` in the zone. */
export function formatClock(instant: string, opts: ZoneOptions = {}): string {
  const p = parts(instant, opts);
  return `${p.hour}:${p.minute}`;
}

/** `2026-03-08` in the zone. */
export function formatDay(instant: string, opts: ZoneOptions = {}): string {
  const p = parts(instant, opts);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `2026-03-08 07:58` in the zone. */
export function formatDateTime(instant: string | null, opts: ZoneOptions = {}): string {
  if (!instant) return '—';
  return `${formatDay(instant, opts)} ${formatClock(instant, opts)}`;
}

/** `07:58` when the instant is on the same day as now (in the zone), else `Mon 2026-03-02 07:58`. */
export function formatWhen(instant: string, nowMs: number, opts: ZoneOptions = {}): string {
  const sameDay = formatDay(instant, opts) === formatDay(new Date(nowMs).toISOString(), opts);
  if (sameDay) return formatClock(instant, opts);
  const p = parts(instant, opts);
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "work orders as of 07:58 · 2 h ago", or what is known when nothing synced yet. */
export function formatFreshness(lastSuccessAt: string | null, nowMs: number, opts: ZoneOptions = {}): string {
  if (!lastSuccessAt) return 'no successful sync yet';
  return `work orders as of ${formatWhen(lastSuccessAt, nowMs, opts)} · ${formatAgo(lastSuccessAt, nowMs)}`;
}

/** `840 ms`, `1.2 s`, `1 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  if (h > 0) return `${h} h ${pad(m)} min`;
  return `${m} min ${pad(total % 60)} s`;
}

/**
 * A preview instant as the engine sends it (`2026-03-08T03:00:00-04:00`), shown in its own
 * offset: `Sun 2026-03-08 03:00 (UTC−04:00)`. The wall-clock part is read from the text, so it is
 * the schedule zone's time whatever the system's zone is.
 */
export function formatZoned(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, off] = m;
  const weekday = new Date(Date.UTC(+y, +mo - 1, +d)).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
  const offset = off === 'Z' ? 'UTC' : `UTC${off.replace('-', '−')}`;
  return `${weekday} ${y}-${mo}-${d} ${h}:${mi} (${offset})`;
}

/** `2026-03-08T14:30` for a datetime-local input, in the system zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
