// Countdown, freshness and duration texts.
import { describe, expect, it } from 'vitest';
import {
  formatAgo, formatClock, formatIn, formatCountdown, formatDateTime, formatDuration, formatFreshness,
  formatWhen, formatZoned, secondsUntil,
} from './format';

const NOW = Date.parse('2026-03-08T14:00:00Z');
const NY = { timeZone: 'America/New_York' };

describe('countdown', () => {
  it('counts whole seconds to the next run, never below zero', () => {
    expect(secondsUntil('2026-03-08T14:05:09Z', NOW)).toBe(309);
    expect(secondsUntil('2026-03-08T14:00:00.200Z', NOW)).toBe(1);
    expect(secondsUntil('2026-03-08T13:00:00Z', NOW)).toBe(0);
    expect(secondsUntil(null, NOW)).toBeNull();
    expect(secondsUntil('not a date', NOW)).toBeNull();
  });
  it('says how far ahead a preview instant is', () => {
    expect(formatIn('2026-03-08T14:05:00Z', NOW)).toBe('in 5 min');
    expect(formatIn('2026-03-08T16:10:00Z', NOW)).toBe('in 2 h 10 min');
    expect(formatIn('2026-03-12T14:00:00Z', NOW)).toBe('in 4 d');
  });
  it('formats minutes, hours and days', () => {
    expect(formatCountdown(309)).toBe('5:09');
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(3909)).toBe('1:05:09');
    expect(formatCountdown(2 * 86400 + 3 * 3600 + 5)).toBe('2 d 03 h');
    expect(formatCountdown(0)).toBe('now');
    expect(formatCountdown(null)).toBe('—');
  });
});

describe('freshness', () => {
  it('says how long ago', () => {
    expect(formatAgo('2026-03-08T13:59:30Z', NOW)).toBe('just now');
    expect(formatAgo('2026-03-08T13:55:00Z', NOW)).toBe('5 min ago');
    expect(formatAgo('2026-03-08T12:00:00Z', NOW)).toBe('2 h ago');
    expect(formatAgo('2026-03-05T14:00:00Z', NOW)).toBe('3 d ago');
    expect(formatAgo('2026-03-08T15:00:00Z', NOW)).toBe('just now');
  });
  it('shows the local clock time of the last successful sync', () => {
    // New York springs forward at 07:00Z that day: 06:58Z is 01:58 EST, 11:58Z is 07:58 EDT.
    expect(formatClock('2026-03-08T06:58:00Z', NY)).toBe('01:58');
    expect(formatClock('2026-03-08T11:58:00Z', NY)).toBe('07:58');
    expect(formatFreshness('2026-03-08T11:58:00Z', NOW, NY)).toBe('work orders as of 07:58 · 2 h ago');
  });
  it('names the day when the data is from another day', () => {
    expect(formatWhen('2026-03-06T12:58:00Z', NOW, NY)).toBe('Fri 2026-03-06 07:58');
    expect(formatFreshness(null, NOW)).toBe('no successful sync yet');
  });
  it('formats date-times in the zone', () => {
    expect(formatDateTime('2026-07-01T23:30:00Z', { timeZone: 'Europe/Berlin' })).toBe('2026-07-02 01:30');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('durations and zoned previews', () => {
  it('formats run durations', () => {
    expect(formatDuration(840)).toBe('840 ms');
    expect(formatDuration(1840)).toBe('1.8 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(null)).toBe('—');
  });
  it('keeps the wall-clock time and offset the engine sent', () => {
    expect(formatZoned('2026-03-08T03:00:00-04:00')).toBe('Sun 2026-03-08 03:00 (UTC−04:00)');
    expect(formatZoned('2026-03-09T08:30:00+01:00')).toBe('Mon 2026-03-09 08:30 (UTC+01:00)');
    expect(formatZoned('2026-03-09T08:30:00Z')).toBe('Mon 2026-03-09 08:30 (UTC)');
    expect(formatZoned('garbage')).toBe('garbage');
  });
});
