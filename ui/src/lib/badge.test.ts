// Status → badge: the four state colours and their detail lines.
import { describe, expect, it } from 'vitest';
import { runStatusTone, stateBadge, workOrderMark } from './badge';
import { run, status } from '../test/fixtures';

describe('state badge', () => {
  it('maps the four states to their colours, only Running pulses', () => {
    const cases = [
      ['active', 'Active', 'green', false],
      ['running', 'Running', 'blue', true],
      ['paused', 'Paused', 'gray', false],
      ['failed', 'Failed', 'red', false],
    ] as const;
    for (const [state, label, tone, pulse] of cases) {
      const b = stateBadge(status({ state }));
      expect([b.label, b.tone, b.pulse]).toEqual([label, tone, pulse]);
    }
  });
  it('gives the engine sentence when failed', () => {
    const failed = status({ state: 'failed', last_run: run({ status: 'failed', error: 'WorkFossa rejected the email or password.' }) });
    expect(stateBadge(failed).detail).toBe('WorkFossa rejected the email or password.');
    expect(stateBadge(status({ state: 'failed', last_run: null, consecutive_failures: 3 })).detail).toBe('3 syncs failed in a row');
  });
  it('says until when a pause lasts', () => {
    const b = stateBadge(status({ state: 'paused', paused: true, paused_until: '2026-03-09T04:00:00Z' }), { timeZone: 'America/New_York' });
    expect(b.detail).toBe('Paused until 2026-03-09 00:00');
    expect(stateBadge(status({ state: 'paused', paused: true })).detail).toBe('Paused until resumed');
    expect(stateBadge(status({ enabled: false })).detail).toBe('Schedule is off');
  });
});

describe('small badges', () => {
  it('colours run statuses', () => {
    expect(runStatusTone('success')).toBe('green');
    expect(runStatusTone('failed')).toBe('red');
    expect(runStatusTone('interrupted')).toBe('amber');
    expect(runStatusTone('skipped')).toBe('gray');
  });
  it('marks new, changed and removed work orders, removed first', () => {
    expect(workOrderMark({ badge: 'new', removed_at: null })).toEqual({ label: 'new', tone: 'green' });
    expect(workOrderMark({ badge: 'changed', removed_at: null })?.label).toBe('changed');
    expect(workOrderMark({ badge: 'changed', removed_at: '2026-03-08T12:00:00Z' })?.label).toBe('removed');
    expect(workOrderMark({ badge: null, removed_at: null })).toBeNull();
  });
});
