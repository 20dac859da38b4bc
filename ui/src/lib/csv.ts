// CSV export done in the page: the same columns and cell forms as the CLI's `work-orders --csv`
// (crates/core/src/export.rs: flattened record, items, categories and contact lines joined by
// "; ", absent = empty cell), and
// the history's runs. Quoting as the csv crate's default: only when a cell needs it.

import { WORK_ORDER_CSV_COLUMNS } from '../api/operations';
import type { RunRecord, WorkOrderView } from '../api/types';

/** The CLI's columns, generated from the engine. */
export const WORK_ORDER_COLUMNS = WORK_ORDER_CSV_COLUMNS;

export const RUN_COLUMNS = [
  'id', 'job_type', 'trigger', 'status', 'started_at', 'finished_at', 'duration_ms', 'attempts',
  'missed', 'found', 'new', 'changed', 'removed', 'error_class', 'error',
] as const;

type Cell = string | number | boolean | null | undefined;

/** Text a spreadsheet would run as a formula gets a leading `'` (as the CLI's export does). */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One cell: quoted (with doubled quotes) when it holds a comma, a quote or a line break; text
 * that would start a formula is prefixed with `'` (CSV injection).
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header line plus one line per row, each ended by `\n` (as the CLI writes). */
export function csvText(header: readonly string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\n').join('');
}

/** `Meter Calibration: 6 x All Dispensers (2861); Parts: 1 x Nozzle ()` */
export function itemsText(items: WorkOrderView['items']): string {
  return items
    .map((i) => `${i.group ?? '-'}: ${i.quantity ?? ''} x ${i.description ?? ''} (${i.code ?? ''})`)
    .join('; ');
}

/** The flattened record, in WORK_ORDER_COLUMNS order. */
export function flattenWorkOrder(o: WorkOrderView): Cell[] {
  return [
    o.id, o.number, o.url, o.status, o.reason, o.project, o.po_number, o.categories.join('; '),
    o.contact?.name, o.contact?.lines.join('; '), o.created_by, o.created_at,
    o.customer.name, o.customer.url, o.location.id, o.location.store_number,
    o.location.site_name, o.location.url, o.address.street, o.address.intersection,
    o.address.city_state_zip, o.address.county, itemsText(o.items), o.visits.completed,
    o.visits.total, o.next_visit?.date, o.next_visit?.window, o.due_date, o.instructions,
  ];
}

export function workOrdersCsv(orders: WorkOrderView[]): string {
  return csvText(WORK_ORDER_COLUMNS, orders.map(flattenWorkOrder));
}

export function runsCsv(runs: RunRecord[]): string {
  return csvText(RUN_COLUMNS, runs.map((r) => RUN_COLUMNS.map((c) => r[c])));
}

/** Offers `text` as a file download (browser and Tauri webview alike). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
