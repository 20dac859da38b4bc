// A run's changes grouped per work order (new / removed / changed with its field diffs), and the
// text of a changed value (strings as they are, other JSON compact, absent as a dash).

import type { ChangeKind, ChangeRecord } from '../api/types';

export interface FieldDiff {
  field: string;
  old: string;
  new: string;
}

export interface OrderChange {
  number: number;
  kind: ChangeKind;
  diffs: FieldDiff[];
}

export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

const ORDER: Record<ChangeKind, number> = { new: 0, changed: 1, removed: 2 };

/** One entry per work order, new first, then changed, then removed; by number within a kind. */
export function groupChanges(changes: ChangeRecord[]): OrderChange[] {
  const byNumber = new Map<number, OrderChange>();
  for (const c of changes) {
    let entry = byNumber.get(c.number);
    if (!entry) {
      entry = { number: c.number, kind: c.kind, diffs: [] };
      byNumber.set(c.number, entry);
    }
    if (c.kind !== 'changed') entry.kind = c.kind;
    if (c.field) entry.diffs.push({ field: c.field, old: valueText(c.old_value), new: valueText(c.new_value) });
  }
  const rank = (kind: ChangeKind) => ORDER[kind] ?? 3;
  return [...byNumber.values()].sort((a, b) => rank(a.kind) - rank(b.kind) || a.number - b.number);
}
