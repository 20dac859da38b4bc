// Status → badge: the four state colours of the tray and the window (Active green, Running blue
// with a pulse, Paused gray, Failed red), plus the small run-status and work-order badges.

import type { RunStatus, State, Status } from '../api/types';
import { formatDateTime, type ZoneOptions } from './format';

export type Tone = 'green' | 'blue' | 'gray' | 'red' | 'amber';

export interface Badge {
  label: string;
  tone: Tone;
  pulse: boolean;
  /** One line under the badge: why it is in that state. */
  detail: string;
}

const STATE: Record<State, Omit<Badge, 'detail'>> = {
  active: { label: 'Active', tone: 'green', pulse: false },
  running: { label: 'Running', tone: 'blue', pulse: true },
  paused: { label: 'Paused', tone: 'gray', pulse: false },
  failed: { label: 'Failed', tone: 'red', pulse: false },
};

/** The big badge of the Status page. */
export function stateBadge(status: Status, opts: ZoneOptions = {}): Badge {
  const base = STATE[status.state] ?? { label: status.state, tone: 'gray', pulse: false };
  let detail = '';
  switch (status.state) {
    case 'active':
      detail = status.enabled ? 'Syncing on schedule' : 'Schedule is off';
      break;
    case 'running':
      detail = 'Syncing work orders now';
      break;
    case 'paused':
      detail = status.paused_until
        ? `Paused until ${formatDateTime(status.paused_until, opts)}`
        : status.paused
          ? 'Paused until resumed'
          : 'Schedule is off';
      break;
    case 'failed':
      detail = status.last_run?.error
        ?? (status.consecutive_failures > 1 ? `${status.consecutive_failures} syncs failed in a row` : 'The last sync failed');
      break;
  }
  return { ...base, detail };
}

/** Colour of a run's status in the history table. */
export function runStatusTone(status: RunStatus): Tone {
  switch (status) {
    case 'success':
      return 'green';
    case 'running':
      return 'blue';
    case 'failed':
      return 'red';
    case 'interrupted':
      return 'amber';
    default:
      return 'gray';
  }
}

/** The "new" / "changed" / "removed" mark of a work order row, if any. */
export function workOrderMark(order: { badge: 'new' | 'changed' | null; removed_at: string | null }): { label: string; tone: Tone } | null {
  if (order.removed_at) return { label: 'removed', tone: 'gray' };
  if (order.badge === 'new') return { label: 'new', tone: 'green' };
  if (order.badge === 'changed') return { label: 'changed', tone: 'amber' };
  return null;
}
