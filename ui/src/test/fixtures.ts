// Test fixtures: a status, runs, work orders, stored dispensers and schedules shaped like
// docs/api.md's JSON.

import type { JobType, RunRecord, ScheduleView, Status, StoredDispenser, WorkOrderView } from '../api/types';

export function run(over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 7, job_type: 'work_orders', trigger: 'scheduled', status: 'success',
    started_at: '2026-03-08T12:00:00Z', finished_at: '2026-03-08T12:00:02Z', duration_ms: 1840,
    attempts: 1, missed: 0, found: 57, new: 2, changed: 1, removed: 0, error_class: null, error: null,
    ...over,
  };
}

export function status(over: Partial<Status> = {}): Status {
  return {
    state: 'active', job_type: 'work_orders', enabled: true, next_run: '2026-03-08T13:00:00Z',
    countdown_seconds: 3600, paused: false, paused_until: null, consecutive_failures: 0,
    last_run: run(), last_success_at: '2026-03-08T12:00:02Z', running_run_id: null, demo: false, interval_minutes: 60,
    ...over,
  };
}

export function order(number: number, over: Partial<WorkOrderView> = {}): WorkOrderView {
  return {
    id: `W-${number}`, number, url: `https://app.workfossa.com/app/work/${number}/`,
    status: 'Work Created', reason: 'AccuMeasure', project: null, po_number: null,
    categories: ['Meter Calibration'],
    contact: { name: 'Dana Whitfield', lines: ['7-Eleven Stores, Inc', '7-E012', 'Net 30'] },
    created_by: 'Jordan Reyes',
    created_at: '2025-04-08T09:41:00',
    customer: { name: '7-Eleven Stores, Inc', url: 'https://app.workfossa.com/app/customers/11811/' },
    location: { id: 46769, store_number: '#38437', site_name: '7-Eleven', url: 'https://app.workfossa.com/app/customers/locations/46769/' },
    address: { street: '802 East Palm Boulevard', intersection: null, city_state_zip: 'Tampa FL 33603', county: 'Hillsborough County' },
    items: [{ group: 'Meter Calibration', quantity: 6, description: 'All Dispensers', code: '2861' }],
    visits: { completed: 0, total: 1 },
    next_visit: { id: 131650, date: '2025-08-29', window: 'anytime', url: `https://app.workfossa.com/app/work/${number}/visits/131650/` },
    due_date: '2025-06-14',
    instructions: 'Calibrate all meters.\nCall the store manager on arrival.',
    removed_at: null, badge: null,
    ...over,
  };
}

export function dispenser(number: string, over: Partial<StoredDispenser> = {}): StoredDispenser {
  return {
    location_id: 46769, number, title: `${number} - Regular, Plus, Diesel - Gilbarco`,
    make: 'Gilbarco', model: 'Encore 700 S', serial: 'EN00037196', grades: ['Regular', 'Plus', 'Diesel'],
    stand_alone_code: null, nozzles_per_side: 3, meter_type: 'Electronic',
    fields: { 'Meter Type': 'Electronic', 'Number of Nozzles (per side)': '3' },
    read_at: '2026-03-08T12:00:05Z', stale: false,
    ...over,
  };
}

export function schedule(job: JobType, over: Partial<ScheduleView> = {}): ScheduleView {
  const daily = job === 'dispensers';
  return {
    job_type: job, next_due: daily ? '2026-03-09T12:00:00Z' : '2026-03-08T13:00:00Z', paused: false, paused_until: null,
    interval_minutes: daily ? 1440 : 60, timezone: 'America/New_York', active_hours: '07:00-19:00',
    days: 'mon,tue,wed,thu,fri', jitter_seconds: 30, enabled: true,
    interval_hours: daily ? 24 : 1, active_hours_range: { start: 7, end: 19 },
    ...over,
  };
}
