// The live state of the window, kept up to date from engine events (no polling): the status, the
// running sync's progress, the last finished run, recent notifications, and a data version that
// pages watch to reload their lists when a run finished. The status and the progress are the
// status's job's (work orders): another job's runs (dispensers) only reload the lists.

import type { EngineEvent, NotificationKind, ProgressEvent, RunRecord, Status } from '../api/types';

export interface Notice {
  id: number;
  title: string;
  body: string;
  kind: NotificationKind;
}

export interface LiveState {
  status: Status | null;
  /** Progress of the running sync; null when none runs. */
  progress: ProgressEvent | null;
  lastFinished: RunRecord | null;
  /** Bumped by every finished run and every reconnect: lists reload when it changes. */
  dataVersion: number;
  notices: Notice[];
  /** Whether the event stream is connected. */
  connected: boolean;
}

export type Action =
  | { type: 'event'; event: EngineEvent }
  | { type: 'status'; status: Status }
  | { type: 'connection'; connected: boolean }
  | { type: 'dismiss'; id: number };

export const INITIAL: LiveState = {
  status: null, progress: null, lastFinished: null, dataVersion: 0, notices: [], connected: false,
};

const MAX_NOTICES = 4;
let noticeId = 0;

function startedProgress(runId: number, status: Status | null): ProgressEvent {
  return {
    type: 'progress', run_id: runId, job_type: status?.job_type ?? 'work_orders',
    phase: 'logging_in', pages_done: 0, pages_total: null, rows: 0,
  };
}

/** A status that arrives while no run is reported running ends any progress shown. */
function withStatus(state: LiveState, status: Status): LiveState {
  const running = status.state === 'running' || status.running_run_id !== null;
  let progress = state.progress;
  if (!running) progress = null;
  else if (status.running_run_id !== null && progress && progress.run_id !== status.running_run_id) {
    progress = startedProgress(status.running_run_id, status);
  } else if (!progress && status.running_run_id !== null) {
    progress = startedProgress(status.running_run_id, status);
  }
  return { ...state, status, progress };
}

export function reduce(state: LiveState, action: Action): LiveState {
  switch (action.type) {
    case 'status':
      return withStatus(state, action.status);
    case 'connection':
      if (action.connected === state.connected) return state;
      // A reconnect may have missed events: reload lists.
      return { ...state, connected: action.connected, dataVersion: action.connected ? state.dataVersion + 1 : state.dataVersion };
    case 'dismiss':
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
    case 'event':
      return reduceEvent(state, action.event);
  }
}

/** Whether a run of `job` is the status's job (the work orders, as the tray's); another job's
 * run leaves the status alone. */
function ownJob(job: string): boolean {
  return job === 'work_orders';
}

function reduceEvent(state: LiveState, event: EngineEvent): LiveState {
  switch (event.type) {
    case 'status_changed':
      // The engine sends each job's status; the window's badge is the work orders'.
      if (event.status.job_type !== 'work_orders') return state;
      return withStatus(state, event.status);
    case 'run_started': {
      if (!ownJob(event.job_type)) return state;
      const status = state.status
        ? { ...state.status, state: 'running' as const, running_run_id: event.run_id }
        : null;
      return { ...state, status, progress: startedProgress(event.run_id, status) };
    }
    case 'progress': {
      if (!ownJob(event.job_type)) return state;
      const current = state.progress;
      // A late event of an older run never replaces the running one's progress.
      if (current && event.run_id < current.run_id) return state;
      return { ...state, progress: event };
    }
    case 'run_finished': {
      const run = event.run;
      if (!ownJob(run.job_type)) return { ...state, dataVersion: state.dataVersion + 1 };
      const progress = state.progress && state.progress.run_id === run.id ? null : state.progress;
      let status = state.status;
      if (status) {
        status = { ...status, last_run: run };
        if (status.running_run_id === run.id) status = { ...status, running_run_id: null };
        if (run.status === 'success' && run.finished_at) status = { ...status, last_success_at: run.finished_at };
      }
      return { ...state, status, progress, lastFinished: run, dataVersion: state.dataVersion + 1 };
    }
    case 'notification': {
      const notice = { id: ++noticeId, title: event.title, body: event.body, kind: event.kind };
      return { ...state, notices: [...state.notices, notice].slice(-MAX_NOTICES) };
    }
    default:
      return state;
  }
}

/** 0..1 for the progress bar; null when the total is not known yet (indeterminate bar). */
export function progressFraction(progress: ProgressEvent | null): number | null {
  if (!progress || !progress.pages_total) return null;
  return Math.min(1, progress.pages_done / progress.pages_total);
}

/** `Fetching page 3 of 10 · 250 rows`. */
export function progressText(progress: ProgressEvent): string {
  const phase = { starting_browser: 'Starting the browser', logging_in: 'Logging in', fetching: 'Fetching', saving: 'Saving' }[progress.phase] ?? progress.phase;
  const pages = progress.pages_total
    ? `page ${progress.pages_done} of ${progress.pages_total}`
    : progress.pages_done > 0 ? `${progress.pages_done} pages` : '';
  const rows = `${progress.rows} ${progress.rows === 1 ? 'row' : 'rows'}`;
  return [phase + (pages ? ` ${pages}` : ''), rows].join(' · ');
}
