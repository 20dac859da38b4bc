// Schedule form ↔ ScheduleConfig: round trips, day sets, number parsing, engine field names.
import { describe, expect, it } from 'vitest';
import {
  configToForm, fieldMessage, filterZones, formatDays, formToConfig, minutesToHours, parseDays, scheduleField,
} from './scheduleForm';
import type { ScheduleConfig } from '../api/types';

const config: ScheduleConfig = {
  interval_minutes: 90, timezone: 'America/New_York', active_hours: '07:30-17:00',
  days: 'mon,tue,wed,thu,fri', jitter_seconds: 30, enabled: true,
};

describe('config → form → config', () => {
  it('round-trips a config exactly', () => {
    const form = configToForm(config);
    expect(form.intervalHours).toBe('1.5');
    expect([form.start, form.end, form.activeHoursOn]).toEqual(['07:30', '17:00', true]);
    expect(form.days).toEqual([true, true, true, true, true, false, false]);
    expect(formToConfig(form)).toEqual({ config });
  });
  it('turns active hours off into null and keeps the last window for when it is switched on', () => {
    const form = configToForm({ ...config, active_hours: null });
    expect(form.activeHoursOn).toBe(false);
    expect([form.start, form.end]).toEqual(['08:00', '18:00']);
    const out = formToConfig(form);
    expect('config' in out && out.config.active_hours).toBeNull();
  });
  it('reads hours with a decimal point or comma', () => {
    const form = configToForm(config);
    expect(formToConfig({ ...form, intervalHours: '0,5' })).toMatchObject({ config: { interval_minutes: 30 } });
    expect(formToConfig({ ...form, intervalHours: ' 24 ' })).toMatchObject({ config: { interval_minutes: 1440 } });
    expect(minutesToHours(45)).toBe('0.75');
    expect(minutesToHours(50)).toBe('0.8333');
    expect(formToConfig({ ...form, intervalHours: minutesToHours(50) })).toMatchObject({ config: { interval_minutes: 50 } });
  });
  it('leaves ranges to the engine: 25 h and 0.1 h are sent as they are', () => {
    const form = configToForm(config);
    expect(formToConfig({ ...form, intervalHours: '25' })).toMatchObject({ config: { interval_minutes: 1500 } });
    expect(formToConfig({ ...form, intervalHours: '0.1' })).toMatchObject({ config: { interval_minutes: 6 } });
    expect(formToConfig({ ...form, jitterSeconds: '9999' })).toMatchObject({ config: { jitter_seconds: 9999 } });
  });
  it('refuses text that is not a number, naming the field', () => {
    const form = configToForm(config);
    expect(formToConfig({ ...form, intervalHours: 'soon' })).toMatchObject({ error: { field: 'interval' } });
    expect(formToConfig({ ...form, intervalHours: '' })).toMatchObject({ error: { field: 'interval' } });
    expect(formToConfig({ ...form, jitterSeconds: '1.5' })).toMatchObject({ error: { field: 'jitter' } });
  });
});

describe('days', () => {
  it('parses the engine forms', () => {
    expect(parseDays('all').every(Boolean)).toBe(true);
    expect(parseDays('mon,wed,fri')).toEqual([true, false, true, false, true, false, false]);
    expect(parseDays('fri-mon')).toEqual([true, false, false, false, true, true, true]);
    expect(parseDays('weekends')).toEqual([false, false, false, false, false, true, true]);
    expect(parseDays('none').some(Boolean)).toBe(false);
  });
  it('formats all, a list, or nothing', () => {
    expect(formatDays(Array(7).fill(true))).toBe('all');
    expect(formatDays([false, true, false, false, false, false, true])).toBe('tue,sun');
    expect(formatDays(Array(7).fill(false))).toBe('');
  });
});

describe('engine errors and zones', () => {
  it('maps engine field names to form fields', () => {
    expect(scheduleField('interval')).toBe('interval');
    expect(scheduleField('interval_minutes')).toBe('interval');
    expect(scheduleField('jitter_seconds')).toBe('jitter');
    expect(scheduleField('config.interval_minutes')).toBe('interval');
    expect(scheduleField('config.days')).toBe('days');
    expect(scheduleField('active_hours')).toBe('active_hours');
    expect(scheduleField(null)).toBeNull();
    expect(scheduleField('weather')).toBeNull();
  });
  it('strips the field prefix of an engine sentence', () => {
    expect(fieldMessage('interval: must be between 30m and 24h (got 25h)', 'interval')).toBe('Must be between 30m and 24h (got 25h)');
    expect(fieldMessage('Invalid value for interval_minutes: must be between 30m and 24h (got 10m)', 'interval_minutes'))
      .toBe('Must be between 30m and 24h (got 10m)');
    expect(fieldMessage('Bad value', null)).toBe('Bad value');
    expect(fieldMessage('Invalid value for email.to: "x" is not an email address', 'email.to')).toBe('"x" is not an email address');
  });
  it('filters zones by words, keeping the current one', () => {
    const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo'];
    expect(filterZones(zones, 'new york', 'Asia/Tokyo')).toEqual(['Asia/Tokyo', 'America/New_York']);
    expect(filterZones(zones, 'america', 'America/New_York')).toEqual(['America/New_York', 'America/Los_Angeles']);
    expect(filterZones(zones, '', 'UTC', 2)).toEqual(['UTC', 'America/New_York', 'America/Los_Angeles']);
  });
});
