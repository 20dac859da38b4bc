// Work-order table: search, sort, removed filter.
import { describe, expect, it } from 'vitest';
import {
  addressLine, categoriesLine, categoryChoices, cellValue, matchesCategory, matchesSearch, nextSort, sortOrders, storeLine,
  visibleOrders,
} from './table';
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
    const view = { search: '', category: '', sort: { key: 'number' as const, dir: 'asc' as const }, showRemoved: false };
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

describe('category filter', () => {
  const calibration = order(10, { categories: ['Meter Calibration'] });
  const both = order(20, { categories: ['Repair', 'Meter Calibration'] });
  const repair = order(30, { categories: ['Repair'], removed_at: '2026-03-01T00:00:00Z' });
  const none = order(40, { categories: [] });
  const orders = [calibration, both, repair, none];
  const view = { search: '', category: '', sort: { key: 'number' as const, dir: 'asc' as const }, showRemoved: true };

  it('offers each category present once, sorted', () => {
    expect(categoryChoices(orders)).toEqual(['Meter Calibration', 'Repair']);
    expect(categoryChoices([none])).toEqual([]);
  });
  it('keeps the work orders listing the category, whole names in any case', () => {
    expect(matchesCategory(both, 'repair')).toBe(true);
    expect(matchesCategory(both, 'Meter')).toBe(false);
    expect(matchesCategory(none, '')).toBe(true);
    expect(numbers(visibleOrders(orders, { ...view, category: 'Meter Calibration' }))).toEqual([10, 20]);
    expect(numbers(visibleOrders(orders, { ...view, category: 'Repair' }))).toEqual([20, 30]);
    expect(numbers(visibleOrders(orders, { ...view, category: 'Repair', showRemoved: false }))).toEqual([20]);
    expect(numbers(visibleOrders(orders, view))).toEqual([10, 20, 30, 40]);
  });
  it('combines with the search, which also reads the PO number and the contact', () => {
    const withPo = order(50, { categories: ['Repair'], po_number: 'C000020103' });
    expect(numbers(visibleOrders([...orders, withPo], { ...view, category: 'Repair', search: 'c000020103' }))).toEqual([50]);
    expect(matchesSearch(order(60), 'whitfield net 30')).toBe(true);
  });
  it('shows the categories compactly and sorts rows without any last', () => {
    expect(categoriesLine(both)).toBe('Repair, Meter Calibration');
    expect(cellValue(none, 'categories')).toBeNull();
    expect(numbers(sortOrders(orders, { key: 'categories', dir: 'asc' }))).toEqual([10, 30, 20, 40]);
  });
});
