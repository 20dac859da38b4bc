// Work-order detail › Dispensers: the dispensers of the order's station as last read from its
// WorkFossa location page, when that was, and a warning when WorkFossa no longer finds the
// location. Holds no state (the page loads them), so tests render it without a DOM.

import type { ApiError } from '../api/transport';
import type { StoredDispenser } from '../api/types';
import { ErrorBanner } from '../components/ui';
import { formatDateTime } from '../lib/format';

export const NOT_READ = 'Dispensers not read yet; they are read after the next sync.';
export const STALE = 'WorkFossa no longer finds this location; these are the dispensers last read.';
export const NO_LOCATION = 'This work order names no location, so its dispensers are not known.';

export interface DispensersState {
  /** The order's location id; null when the order names none (nothing is loaded). */
  location: number | null;
  dispensers: StoredDispenser[] | null;
  loading: boolean;
  error: ApiError | null;
}

const text = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** The latest read of the location (its dispensers are read together); null when never read. */
export function readAt(dispensers: StoredDispenser[]): string | null {
  return dispensers.reduce<string | null>((latest, d) => (d.read_at && (!latest || d.read_at > latest) ? d.read_at : latest), null);
}

export function DispensersSection({ state }: { state: DispensersState }) {
  const list = state.dispensers;
  return (
    <div class="panel" data-testid="dispensers" aria-labelledby="disp-h">
      <h2 id="disp-h">Dispensers</h2>
      <ErrorBanner error={state.error} />
      {state.location === null ? (
        <p class="muted">{NO_LOCATION}</p>
      ) : list === null ? (
        !state.error && <p class="muted">{state.loading ? 'Loading…' : NOT_READ}</p>
      ) : list.length === 0 ? (
        <p class="muted" data-testid="dispensers-not-read">{NOT_READ}</p>
      ) : (
        <DispenserTable dispensers={list} />
      )}
    </div>
  );
}

function DispenserTable({ dispensers }: { dispensers: StoredDispenser[] }) {
  const at = readAt(dispensers);
  return (
    <>
      {dispensers.some((d) => d.stale) && <p class="warning" role="status" data-testid="dispensers-stale">{STALE}</p>}
      <p class="muted small" data-testid="dispensers-read-at">as of {at ? formatDateTime(at) : '—'}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Number</th><th scope="col">Grades</th><th scope="col">Make</th><th scope="col">Model</th>
              <th scope="col">Serial</th><th scope="col">Nozzles per side</th><th scope="col">Meter type</th>
            </tr>
          </thead>
          <tbody>
            {dispensers.map((d) => (
              <tr data-dispenser={d.number} key={`${d.number}/${d.serial ?? ''}`}>
                <td>{text(d.number)}</td>
                <td>{text(d.grades.join(', '))}</td>
                <td>{text(d.make)}</td>
                <td>{text(d.model)}</td>
                <td>{text(d.serial)}</td>
                <td class="num">{text(d.nozzles_per_side)}</td>
                <td>{text(d.meter_type)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
