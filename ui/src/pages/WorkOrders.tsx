// Work orders page: the synced work orders as a searchable, sortable table with new/changed
// badges (removed ones hidden unless asked), a category filter, CSV export, and the detail view
// of one order with its station's dispensers.

import { useState } from 'preact/hooks';
import { getDispensers, getWorkOrders } from '../api/client';
import type { ApiError } from '../api/transport';
import type { WorkOrderView } from '../api/types';
import { Badge, ErrorBanner } from '../components/ui';
import { workOrderMark } from '../lib/badge';
import { downloadText, workOrdersCsv } from '../lib/csv';
import { useLoad } from '../lib/hooks';
import { href } from '../lib/router';
import {
  addressLine, categoriesLine, categoryChoices, COLUMNS, nextSort, storeLine, visibleOrders, type TableView,
} from '../lib/table';
import { useLive } from '../live';
import { WorkOrderDetail } from './WorkOrderDetail';

/** Kept while the window is open, so coming back from a detail keeps the search and the sort. */
let savedView: TableView = { search: '', category: '', sort: { key: 'number', dir: 'asc' }, showRemoved: false };

export function WorkOrdersPage({ number }: { number: number | null }) {
  const { state } = useLive();
  const orders = useLoad(() => getWorkOrders({ includeRemoved: true }), [state.dataVersion]);
  const [view, setViewState] = useState(savedView);
  const setView = (next: TableView) => {
    savedView = next;
    setViewState(next);
  };

  if (number !== null) {
    const order = orders.data?.find((o) => o.number === number) ?? null;
    return <DetailPage order={order} loading={orders.loading && !orders.data} error={orders.error} number={number} />;
  }

  const all = orders.data ?? [];
  const rows = visibleOrders(all, view);
  const categories = categoryChoices(all);
  if (view.category && !categories.includes(view.category)) categories.push(view.category);
  const removedCount = all.filter((o) => o.removed_at).length;
  const activeCount = all.length - removedCount;

  return (
    <section aria-labelledby="wo-h">
      <h1 id="wo-h">Work orders</h1>
      <ErrorBanner error={orders.error} />
      <div class="toolbar">
        <div class="field">
          <label for="wo-search">Search</label>
          <input
            id="wo-search"
            type="search"
            placeholder="Number, customer, store, address, text…"
            value={view.search}
            onInput={(e) => setView({ ...view, search: e.currentTarget.value })}
            style={{ minWidth: 'min(320px, 80vw)' }}
          />
        </div>
        <div class="field">
          <label for="wo-category">Category</label>
          <select id="wo-category" value={view.category} onChange={(e) => setView({ ...view, category: e.currentTarget.value })}>
            <option value="">All categories</option>
            {categories.map((c) => <option value={c} key={c}>{c}</option>)}
          </select>
        </div>
        <label class="check" style={{ marginBottom: '0.4rem' }}>
          <input type="checkbox" checked={view.showRemoved} onChange={(e) => setView({ ...view, showRemoved: e.currentTarget.checked })} />
          Show removed ({removedCount})
        </label>
        <span class="spacer" />
        <button onClick={() => downloadText('work-orders.csv', workOrdersCsv(rows))} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      <p class="muted small" role="status" data-testid="wo-count">
        {orders.loading && !orders.data ? 'Loading…' : `Showing ${rows.length} of ${view.showRemoved ? all.length : activeCount} work orders`}
      </p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Work orders table">
        <table class="cards">
          <caption class="visually-hidden">Work orders, sorted by {view.sort.key} {view.sort.dir === 'asc' ? 'ascending' : 'descending'}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const sorted = view.sort.key === c.key;
                return (
                  <th scope="col" aria-sort={sorted ? (view.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <button class="sort" onClick={() => setView({ ...view, sort: nextSort(view.sort, c.key) })}>
                      {c.label}
                      <span aria-hidden="true">{sorted ? (view.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => <Row order={o} key={o.number} />)}
            {rows.length === 0 && !orders.loading && (
              <tr><td colSpan={COLUMNS.length} data-label="" class="muted">{all.length === 0 ? 'No work orders yet: run a sync.' : 'No work order matches.'}</td></tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One order's detail; loads the dispensers of its location (again after every run). */
function DetailPage(props: { order: WorkOrderView | null; loading: boolean; error: ApiError | null; number: number }) {
  const { state } = useLive();
  const location = props.order?.location.id ?? null;
  const dispensers = useLoad(
    () => (location === null ? Promise.resolve(null) : getDispensers(location)),
    [location, state.dataVersion],
  );
  return (
    <WorkOrderDetail {...props}
      dispensers={{ location, dispensers: dispensers.data, loading: dispensers.loading, error: dispensers.error }} />
  );
}

function Row({ order }: { order: WorkOrderView }) {
  const mark = workOrderMark(order);
  return (
    <tr class={order.removed_at ? 'removed' : undefined} data-number={order.number}>
      <td data-label="">
        <a href={href('work-orders', order.number)}>{order.id || `W-${order.number}`}</a>
        {mark && <> <Badge tone={mark.tone}>{mark.label}</Badge></>}
      </td>
      <td data-label="Status">{order.status}</td>
      <td data-label="Categories" class="small">{categoriesLine(order) || '—'}</td>
      <td data-label="Customer">{order.customer.name ?? '—'}</td>
      <td data-label="Store">{storeLine(order) || '—'}</td>
      <td data-label="Address">{addressLine(order) || '—'}</td>
      <td data-label="Next visit">
        <span>
          {order.next_visit?.date ?? '—'}
          {order.next_visit?.window && <span class="muted small"> · {order.next_visit.window}</span>}
        </span>
      </td>
      <td data-label="Due">{order.due_date ?? '—'}</td>
    </tr>
  );
}
