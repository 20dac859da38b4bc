// The engine's two jobs (work orders, dispensers) as the window names them, in the order the
// pages list them, and helpers that ask the engine about each job.

import type { JobType } from '../api/types';

export interface JobInfo {
  job: JobType;
  /** Title of the job's schedule, chart series, history filter. */
  label: string;
}

export const JOBS: readonly JobInfo[] = [
  { job: 'work_orders', label: 'Work orders' },
  { job: 'dispensers', label: 'Dispensers' },
];

/** `Work orders`, `Dispensers`; the engine's name for a job this window does not know. */
export function jobLabel(job: string): string {
  return JOBS.find((j) => j.job === job)?.label ?? job;
}

/** `job` when it names a known job, else null (the history filter's "All"). */
export function knownJob(value: string): JobType | null {
  return JOBS.find((j) => j.job === value)?.job ?? null;
}
