// One work order: every field of the record (PO number, categories and the contact block
// included), its station's dispensers, its items, and the full instructions (pre-wrap, as text). WorkFossa links open in the system browser through the transport, http(s) only.

import type { ApiError } from '../api/transport';
import { transport } from '../api/transport';
import type { WorkOrderView } from '../api/types';
import { Badge, ErrorBanner } from '../components/ui';
import { workOrderMark } from '../lib/badge';
import { formatDateTime } from '../lib/format';
import { href } from '../lib/router';
import { safeHttpUrl } from '../lib/url';
import { DispensersSection, type DispensersState } from './DispensersSection';

function OpenLink({ url, children, button = false }: { url: string | null; children: string; button?: boolean }) {
  const safe = safeHttpUrl(url);
  if (!safe) return null;
  return (
    <a
      href={safe}
      class={button ? 'button' : undefined}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        e.preventDefault();
        void transport().openUrl(safe);
      }}
    >
      {children}
    </a>
  );
}

const text = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function WorkOrderDetail(props: {
  order: WorkOrderView | null;
  loading: boolean;
  error: ApiError | null;
  number: number;
  /** The dispensers of the order's location, loaded by the page. */
  dispensers: DispensersState;
}) {
  const { order } = props;
  const back = <p><a href={href('work-orders')}>← All work orders</a></p>;
  if (!order) {
    return (
      <section aria-labelledby="wod-h">
        {back}
        <h1 id="wod-h">W-{props.number}</h1>
        <ErrorBanner error={props.error} />
        <p class="muted">{props.loading ? 'Loading…' : 'This work order is not in the synced data.'}</p>
      </section>
    );
  }
  const mark = workOrderMark(order);
  return (
    <section aria-labelledby="wod-h" data-testid="wo-detail">
      {back}
      <div class="row">
        <h1 id="wod-h" style={{ margin: 0 }}>{order.id}</h1>
        <Badge tone="blue">{order.status}</Badge>
        {mark && <Badge tone={mark.tone}>{mark.label}</Badge>}
        <span class="spacer" />
        <OpenLink url={order.url} button>Open in WorkFossa ↗</OpenLink>
      </div>
      {order.removed_at && <p class="muted">No longer listed on WorkFossa since {formatDateTime(order.removed_at)}.</p>}

      <div class="grid2" style={{ marginTop: '1rem' }}>
        <div class="panel">
          <h2>Work</h2>
          <dl class="kv">
            <dt>Number</dt><dd>{order.number}</dd>
            <dt>Status</dt><dd>{text(order.status)}</dd>
            <dt>Reason</dt><dd>{text(order.reason)}</dd>
            <dt>Project</dt><dd>{text(order.project)}</dd>
            <dt>PO number</dt><dd data-testid="po-number">{text(order.po_number)}</dd>
            <dt>Categories</dt>
            <dd data-testid="categories">
              {order.categories.length === 0 ? '—' : (
                <span class="tags">{order.categories.map((c) => <Badge tone="gray">{c}</Badge>)}</span>
              )}
            </dd>
            <dt>Created by</dt><dd>{text(order.created_by)}</dd>
            <dt>Created at</dt><dd>{text(order.created_at?.replace('T', ' '))}</dd>
            <dt>Visits</dt><dd>{order.visits.completed} / {order.visits.total} completed</dd>
            <dt>Next visit</dt>
            <dd>
              {order.next_visit ? (
                <>
                  {text(order.next_visit.date)} {order.next_visit.window ? `(${order.next_visit.window})` : ''}{' '}
                  <OpenLink url={order.next_visit.url}>visit page</OpenLink>
                </>
              ) : '—'}
            </dd>
            <dt>Due</dt><dd>{text(order.due_date)}</dd>
          </dl>
        </div>
        <div class="panel">
          <h2>Customer and site</h2>
          <dl class="kv">
            <dt>Customer</dt><dd>{text(order.customer.name)} <OpenLink url={order.customer.url}>customer page</OpenLink></dd>
            <dt>Contact</dt>
            <dd data-testid="contact">
              {order.contact ? (
                <>
                  <div>{text(order.contact.name)}</div>
                  {order.contact.lines.map((line) => <div class="muted small">{line}</div>)}
                </>
              ) : '—'}
            </dd>
            <dt>Store</dt><dd>{text(order.location.store_number)} <OpenLink url={order.location.url}>location page</OpenLink></dd>
            <dt>Site</dt><dd>{text(order.location.site_name)}</dd>
            <dt>Location id</dt><dd>{text(order.location.id)}</dd>
            <dt>Street</dt><dd>{text(order.address.street)}</dd>
            <dt>Intersection</dt><dd>{text(order.address.intersection)}</dd>
            <dt>City</dt><dd>{text(order.address.city_state_zip)}</dd>
            <dt>County</dt><dd>{text(order.address.county)}</dd>
          </dl>
        </div>
      </div>

      <DispensersSection state={props.dispensers} />

      <div class="panel">
        <h2>Items</h2>
        {order.items.length === 0 ? <p class="muted">No items.</p> : (
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">Group</th><th scope="col">Qty</th><th scope="col">Description</th><th scope="col">Code</th></tr></thead>
              <tbody>
                {order.items.map((i) => (
                  <tr>
                    <td>{text(i.group)}</td>
                    <td class="num">{text(i.quantity)}</td>
                    <td>{text(i.description)}</td>
                    <td>{text(i.code)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <div class="panel">
        <h2>Instructions</h2>
        <p class="pre-wrap" data-testid="instructions">{order.instructions ?? '—'}</p>
      </div>
    </section>
  );
}
