// The Settings page's schedule form ↔ the engine's ScheduleConfig. The form only turns text into
// numbers; ranges and rules are the engine's (its 422 `{error, field}` is shown next to the field).

import type { ScheduleConfig, ScheduleView } from '../api/types';

export const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const DAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export type ScheduleField = 'enabled' | 'interval' | 'timezone' | 'active_hours' | 'days' | 'jitter';

export interface ScheduleForm {
  enabled: boolean;
  /** Hours between syncs as typed: `1`, `0.5`, `1,5`. */
  intervalHours: string;
  activeHoursOn: boolean;
  start: string;
  end: string;
  /** Monday first. */
  days: boolean[];
  timezone: string;
  jitterSeconds: string;
}

export interface FieldError {
  field: ScheduleField | null;
  message: string;
}

/** `90` → `1.5`; at most 4 decimals, no trailing zeros. */
export function minutesToHours(minutes: number): string {
  return String(Number((minutes / 60).toFixed(4)));
}

/** Parses the engine's day text (`all`, `mon,wed`, `mon-fri`, `weekdays`) into seven flags. */
export function parseDays(text: string): boolean[] {
  const flags = DAY_NAMES.map(() => false);
  const index = (word: string) => DAY_NAMES.indexOf(word.slice(0, 3) as (typeof DAY_NAMES)[number]);
  for (const item of text.toLowerCase().split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item === 'all' || item === 'daily' || item === 'every') flags.fill(true);
    else if (item === 'weekdays') [0, 1, 2, 3, 4].forEach((i) => (flags[i] = true));
    else if (item === 'weekends' || item === 'weekend') [5, 6].forEach((i) => (flags[i] = true));
    else if (item.includes('-')) {
      const [a, b] = item.split('-').map((s) => index(s.trim()));
      if (a < 0 || b < 0) continue;
      for (let i = a; ; i = (i + 1) % 7) {
        flags[i] = true;
        if (i === b) break;
      }
    } else if (index(item) >= 0) flags[index(item)] = true;
  }
  return flags;
}

/** Seven flags → `all`, `mon,wed,fri`, or `` (no day: the engine says what is wrong). */
export function formatDays(flags: boolean[]): string {
  if (flags.length === 7 && flags.every(Boolean)) return 'all';
  return DAY_NAMES.filter((_, i) => flags[i]).join(',');
}

/** The system's IANA zone (the default of a new schedule). */
export function systemTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The configuration part of a schedule view (what `set_schedule` takes and gives back). */
export function viewConfig(view: ScheduleView): ScheduleConfig {
  const { interval_minutes, timezone, active_hours, days, jitter_seconds, enabled } = view;
  return { interval_minutes, timezone, active_hours, days, jitter_seconds, enabled };
}

export function configToForm(config: ScheduleConfig): ScheduleForm {
  const [start, end] = (config.active_hours ?? '08:00-18:00').split('-');
  return {
    enabled: config.enabled,
    intervalHours: minutesToHours(config.interval_minutes),
    activeHoursOn: config.active_hours !== null,
    start: start ?? '08:00',
    end: end ?? '18:00',
    days: parseDays(config.days),
    timezone: config.timezone || systemTimezone(),
    jitterSeconds: String(config.jitter_seconds),
  };
}

function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** The config the form describes, or the first text that is not a number. */
export function formToConfig(form: ScheduleForm): { config: ScheduleConfig } | { error: FieldError } {
  const hours = parseNumber(form.intervalHours);
  if (hours === null) {
    return { error: { field: 'interval', message: 'Enter the interval in hours, e.g. 1 or 0.5.' } };
  }
  const jitter = parseNumber(form.jitterSeconds);
  if (jitter === null || !Number.isInteger(jitter)) {
    return { error: { field: 'jitter', message: 'Enter the jitter as a whole number of seconds.' } };
  }
  return {
    config: {
      interval_minutes: Math.round(hours * 60),
      timezone: form.timezone.trim(),
      active_hours: form.activeHoursOn ? `${form.start}-${form.end}` : null,
      days: formatDays(form.days),
      jitter_seconds: jitter,
      enabled: form.enabled,
    },
  };
}

/**
 * The form field an engine error names: the JSON key (`interval_minutes`, `jitter_seconds`, ...,
 * `config.interval_minutes` from a preview), or the engine's short name (`interval`, `jitter`).
 */
export function scheduleField(field: string | null | undefined): ScheduleField | null {
  const key = field?.replace(/^config\./, '');
  switch (key) {
    case 'interval':
    case 'interval_minutes':
      return 'interval';
    case 'jitter':
    case 'jitter_seconds':
      return 'jitter';
    case 'timezone':
    case 'active_hours':
    case 'days':
    case 'enabled':
      return key;
    default:
      return null;
  }
}

/**
 * The engine's sentence without its field prefix (`"interval: "`, `"Invalid value for email.to: "`),
 * capitalised, for a message shown next to that field.
 */
export function fieldMessage(message: string, field: string | null | undefined): string {
  let text = message;
  if (field) {
    for (const prefix of [`${field}: `, `Invalid value for ${field}: `]) {
      if (text.startsWith(prefix)) text = text.slice(prefix.length);
    }
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Zones matching a filter (case-insensitive, `_` as space), the current one always first. */
export function filterZones(zones: readonly string[], filter: string, current: string, max = 200): string[] {
  const words = filter.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter(Boolean);
  const hits = zones.filter((z) => {
    const name = z.toLowerCase().replace(/_/g, ' ');
    return words.every((w) => name.includes(w));
  });
  const list = hits.slice(0, max);
  if (current && !list.includes(current)) list.unshift(current);
  return list;
}
