// Work-order table: search, sort, removed filter.
import { describe, expect, it } from 'vitest';
import { addressLine, cellValue, matchesSearch, nextSort, sortOrders, storeLine, visibleOrders } from './table';
import { order } from '../test/fixtures';

const a = order(300, { customer: { name: 'Wawa', url: null }, due_date: '2025-07-01', status: 'Scheduled' });
const b = order(100, { customer: { name: 'circle K', url: null }, due_date: null, instructions: 'Bring the 5 gallon prover' });
const c = order(200, { customer: { name: 'Speedway', url: null }, due_date: '2025-06-01', removed_at: '2026-03-01T00:00:00Z' });
const d = order(150, { customer: { name: null, url: null }, due_date: '2025-06-15', address: { street: '1 Main St', intersection: null, city_state_zip: 'Tampa FL 33603', county: null } });
const all = [a, b, c, d];
const numbers = (list: { number: number }[]) => list.map((o) => o.number);

describe('sort', () => {
  it('sorts numbers numerically both ways', () => {
    expect(numbers(sortOrders(all, { key: 'number', dir: 'asc' }))).toEqual([100, 150, 200, 300]);
    expect(numbers(sortOrders(all, { key: 'number', dir: 'desc' }))).toEqual([300, 200, 150, 100]);
  });
  it('sorts text case-insensitively with empty values last in both directions', () => {
    expect(numbers(sortOrders(all, { key: 'customer', dir: 'asc' }))).toEqual([100, 200, 300, 150]);
    expect(numbers(sortOrders(all, { key: 'customer', dir: 'desc' }))).toEqual([300, 200, 100, 150]);
    expect(numbers(sortOrders(all, { key: 'due', dir: 'asc' }))).toEqual([200, 150, 300, 100]);
  });
  it('does not change the input', () => {
    const copy = [...all];
    sortOrders(all, { key: 'due', dir: 'desc' });
    expect(all).toEqual(copy);
  });
  it('flips direction on the same column, starts ascending on a new one', () => {
    expect(nextSort({ key: 'due', dir: 'asc' }, 'due')).toEqual({ key: 'due', dir: 'desc' });
    expect(nextSort({ key: 'due', dir: 'desc' }, 'number')).toEqual({ key: 'number', dir: 'asc' });
  });
});

describe('search and filter', () => {
  it('matches every word anywhere in the record, case-insensitive', () => {
    expect(matchesSearch(b, 'PROVER gallon')).toBe(true);
    expect(matchesSearch(b, 'prover wawa')).toBe(false);
    expect(matchesSearch(a, '  ')).toBe(true);
    expect(matchesSearch(a, 'w-300')).toBe(true);
    expect(matchesSearch(a, '2861')).toBe(true);
    expect(matchesSearch(d, 'main st')).toBe(true);
  });
  it('hides removed work orders unless asked', () => {
    const view = { search: '', sort: { key: 'number' as const, dir: 'asc' as const }, showRemoved: false };
    expect(numbers(visibleOrders(all, view))).toEqual([100, 150, 300]);
    expect(numbers(visibleOrders(all, { ...view, showRemoved: true }))).toEqual([100, 150, 200, 300]);
    expect(numbers(visibleOrders(all, { ...view, search: 'tampa', showRemoved: true }))).toEqual([100, 150, 200, 300]);
    expect(numbers(visibleOrders(all, { ...view, search: 'wawa' }))).toEqual([300]);
  });
  it('builds the store and address cells', () => {
    expect(storeLine(a)).toBe('#38437 7-Eleven');
    expect(addressLine(d)).toBe('1 Main St, Tampa FL 33603');
    expect(cellValue(order(1, { next_visit: null }), 'next_visit')).toBeNull();
  });
});
