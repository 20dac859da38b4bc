// Hash routing: `#/status`, `#/work-orders`, `#/work-orders/129651`, `#/history`, `#/history/12`,
// `#/settings`. Hash routes work from a file URL (Tauri) and from `/` (the daemon) alike.

export type Page = 'status' | 'work-orders' | 'history' | 'settings';

export interface Route {
  page: Page;
  /** A work order number or a run id, when the route opens one. */
  id: number | null;
}

export const PAGES: { page: Page; label: string }[] = [
  { page: 'status', label: 'Status' },
  { page: 'work-orders', label: 'Work orders' },
  { page: 'history', label: 'History' },
  { page: 'settings', label: 'Settings' },
];

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const page = PAGES.find((p) => p.page === parts[0])?.page ?? 'status';
  const id = parts[1] !== undefined && /^\d+$/.test(parts[1]) && page !== 'status' && page !== 'settings'
    ? Number(parts[1])
    : null;
  return { page, id };
}

export function href(page: Page, id?: number | null): string {
  return id === null || id === undefined ? `#/${page}` : `#/${page}/${id}`;
}
