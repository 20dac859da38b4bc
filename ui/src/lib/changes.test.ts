// Grouping a run's changes into per-work-order diffs.
import { describe, expect, it } from 'vitest';
import { groupChanges, valueText } from './changes';
import type { ChangeRecord } from '../api/types';

const change = (number: number, kind: ChangeRecord['kind'], field: string | null = null, old_value: ChangeRecord['old_value'] = null, new_value: ChangeRecord['new_value'] = null): ChangeRecord =>
  ({ run_id: 4, run_started_at: '2026-03-08T12:00:00Z', number, kind, field, old_value, new_value });

describe('changes', () => {
  it('groups field diffs per work order, new before changed before removed', () => {
    const groups = groupChanges([
      change(300, 'removed'),
      change(200, 'changed', 'address.street', '1 Main St', '2 Main St'),
      change(200, 'changed', 'visits', { completed: 0, total: 1 }, { completed: 1, total: 1 }),
      change(100, 'new'),
      change(150, 'changed', 'due_date', null, '2026-03-10'),
    ]);
    expect(groups.map((g) => [g.number, g.kind])).toEqual([[100, 'new'], [150, 'changed'], [200, 'changed'], [300, 'removed']]);
    expect(groups[2].diffs).toEqual([
      { field: 'address.street', old: '1 Main St', new: '2 Main St' },
      { field: 'visits', old: '{"completed":0,"total":1}', new: '{"completed":1,"total":1}' },
    ]);
    expect(groups[1].diffs[0]).toEqual({ field: 'due_date', old: '—', new: '2026-03-10' });
  });
  it('shows values as text', () => {
    expect(valueText('<b>x</b>')).toBe('<b>x</b>');
    expect(valueText(3)).toBe('3');
    expect(valueText(null)).toBe('—');
    expect(valueText(['a'])).toBe('["a"]');
  });
});
