// The work-order table's logic: its columns, search (every word must match somewhere in the
// record), the category filter, sort by column (empty values last in both directions) and the
// removed-rows filter.

import type { WorkOrderView } from '../api/types';

export type ColumnKey = 'number' | 'status' | 'categories' | 'customer' | 'store' | 'address' | 'next_visit' | 'due';
export type SortDir = 'asc' | 'desc';

export interface SortState {
  key: ColumnKey;
  dir: SortDir;
}

export interface TableView {
  search: string;
  /** Only work orders with this category; '' for all. */
  category: string;
  sort: SortState;
  showRemoved: boolean;
}

export const COLUMNS: { key: ColumnKey; label: string }[] = [
  { key: 'number', label: 'Number' },
  { key: 'status', label: 'Status' },
  { key: 'categories', label: 'Categories' },
  { key: 'customer', label: 'Customer' },
  { key: 'store', label: 'Store' },
  { key: 'address', label: 'Address' },
  { key: 'next_visit', label: 'Next visit' },
  { key: 'due', label: 'Due' },
];

/** One line of address: street, city. */
export function addressLine(o: WorkOrderView): string {
  return [o.address.street, o.address.city_state_zip].filter(Boolean).join(', ');
}

/** Store number plus site name, e.g. `#38437 7-Eleven`. */
export function storeLine(o: WorkOrderView): string {
  return [o.location.store_number, o.location.site_name].filter(Boolean).join(' ');
}

/** The categories in one line, e.g. `Meter Calibration, Repair`. */
export function categoriesLine(o: WorkOrderView): string {
  return o.categories.join(', ');
}

/** The distinct categories of `orders`, sorted, for the filter's choices. */
export function categoryChoices(orders: WorkOrderView[]): string[] {
  const names = new Set(orders.flatMap((o) => o.categories));
  return [...names].sort((a, b) => collator.compare(a, b));
}

/** True when `category` is empty or one of the record's categories (any case, as the API). */
export function matchesCategory(o: WorkOrderView, category: string): boolean {
  if (category === '') return true;
  const wanted = category.toLowerCase();
  return o.categories.some((c) => c.toLowerCase() === wanted);
}

/** The value a column shows and sorts by; null when the record has none. */
export function cellValue(o: WorkOrderView, key: ColumnKey): string | number | null {
  switch (key) {
    case 'number':
      return o.number;
    case 'status':
      return o.status || null;
    case 'categories':
      return categoriesLine(o) || null;
    case 'customer':
      return o.customer.name;
    case 'store':
      return storeLine(o) || null;
    case 'address':
      return addressLine(o) || null;
    case 'next_visit':
      return o.next_visit?.date ?? null;
    case 'due':
      return o.due_date;
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareValues(a: string | number | null, b: string | number | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Sorted copy; rows without a value go last whatever the direction; ties by number. */
export function sortOrders(orders: WorkOrderView[], sort: SortState): WorkOrderView[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...orders].sort((x, y) => {
    const a = cellValue(x, sort.key);
    const b = cellValue(y, sort.key);
    if (a === null && b === null) return x.number - y.number;
    if (a === null) return 1;
    if (b === null) return -1;
    return sign * compareValues(a, b) || x.number - y.number;
  });
}

/** Every text of a record a search can match, lower-cased. */
export function haystack(o: WorkOrderView): string {
  return [
    o.id, String(o.number), o.status, o.reason, o.project, o.po_number, ...o.categories,
    o.contact?.name, ...(o.contact?.lines ?? []), o.created_by,
    o.customer.name, o.location.store_number, o.location.site_name,
    o.address.street, o.address.intersection, o.address.city_state_zip, o.address.county,
    o.next_visit?.date, o.due_date, o.instructions,
    ...o.items.flatMap((i) => [i.group, i.description, i.code]),
  ]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join('\n')
    .toLowerCase();
}

/** True when every whitespace-separated word of `search` occurs in the record. */
export function matchesSearch(o: WorkOrderView, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(o);
  return words.every((w) => text.includes(w));
}

/** The rows the table shows: removed ones hidden unless asked for, of the category, searched, sorted. */
export function visibleOrders(orders: WorkOrderView[], view: TableView): WorkOrderView[] {
  const kept = orders.filter((o) => (view.showRemoved || !o.removed_at)
    && matchesCategory(o, view.category) && matchesSearch(o, view.search));
  return sortOrders(kept, view.sort);
}

/** Clicking a column header: same column flips the direction, a new one starts ascending. */
export function nextSort(current: SortState, key: ColumnKey): SortState {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}
