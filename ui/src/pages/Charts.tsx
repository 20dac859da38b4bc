// The history's charts (uPlot) from each job's daily stats: success rate per day, average run
// duration, and the count found by the day's last successful run, one series per job (work
// orders, dispensers). Colours follow the theme; the numbers are in a table too.

import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DailyStat, JobType } from '../api/types';
import { jobSeries, type ChartKind } from '../lib/chartData';
import { formatDay } from '../lib/format';

/** One job's daily stats, as History loads them. */
export interface JobStats {
  job: JobType;
  label: string;
  stats: DailyStat[];
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

const TITLES: Record<ChartKind, { title: string; unit: string }> = {
  success: { title: 'Success rate per day', unit: '%' },
  duration: { title: 'Average run duration', unit: 's' },
  count: { title: 'Found by the last run of the day', unit: '' },
};

/** Each job's colour (a theme variable), the same in every chart. */
const JOB_COLOURS: Record<JobType, string> = { work_orders: '--blue', dispensers: '--amber' };

function Chart({ series, kind, days }: { series: JobStats[]; kind: ChartKind; days: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const { xs, ys } = jobSeries(series.map((s) => s.stats), kind, { today: formatDay(new Date().toISOString()), days });
      const meta = TITLES[kind];
      const text = cssVar('--muted');
      const grid = cssVar('--border');
      const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      const bars = kind === 'success';
      plot = new uPlot(
        {
          width: Math.max(260, el.clientWidth),
          height: 200,
          legend: { show: true, live: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] }, y: bars ? { range: [0, 100] } : { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
          axes: [axis, { ...axis, size: 48, values: (_u, splits) => splits.map((v) => `${+v.toFixed(1)}${meta.unit}`) }],
          series: [
            {},
            ...series.map((s, i) => {
              const stroke = cssVar(JOB_COLOURS[s.job] ?? '--gray');
              return {
                label: s.label,
                stroke,
                width: 2,
                fill: bars ? `${stroke}55` : undefined,
                // Side by side: the first job's bar left of the day, the second's right.
                paths: bars ? uPlot.paths.bars!({ size: [0.4, 14], align: (i === 0 ? -1 : 1) as -1 | 1 }) : undefined,
                points: { show: !bars, size: 5, fill: stroke },
                spanGaps: !bars,
              };
            }),
          ],
        },
        [xs, ...ys],
        el,
      );
    };
    draw();
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(260, el.clientWidth), height: 200 }));
    resize.observe(el);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', draw);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', draw);
      plot?.destroy();
    };
  }, [series, kind, days]);
  return <div class="chart" ref={box} aria-hidden="true" />;
}

/** `Work orders: 330 runs, 95% succeeded`. */
export function jobSummary({ label, stats }: JobStats): string {
  const runs = stats.reduce((n, s) => n + s.runs, 0);
  const ok = stats.reduce((n, s) => n + s.succeeded, 0);
  return runs === 0 ? `${label}: no runs in this period` : `${label}: ${runs} ${runs === 1 ? 'run' : 'runs'}, ${Math.round((100 * ok) / runs)}% succeeded`;
}

export function Charts({ series, days }: { series: JobStats[]; days: number }) {
  return (
    <div class="panel" data-testid="charts">
      <h2>Last {days} days</h2>
      <p class="muted small" data-testid="charts-summary">{series.map(jobSummary).join(' · ')}.</p>
      <div class="charts">
        {(Object.keys(TITLES) as ChartKind[]).map((kind) => (
          <figure style={{ margin: 0 }}>
            <figcaption><h3>{TITLES[kind].title}</h3></figcaption>
            <Chart series={series} kind={kind} days={days} />
          </figure>
        ))}
      </div>
      <StatsTable series={series} />
    </div>
  );
}

/** Every job's days as numbers, newest day first. */
export function StatsTable({ series }: { series: JobStats[] }) {
  const rows = series.flatMap((s) => s.stats.map((stat) => ({ label: s.label, job: s.job, stat })))
    .sort((a, b) => b.stat.day.localeCompare(a.stat.day));
  return (
    <details>
      <summary>The numbers</summary>
      <div class="table-wrap">
        <table data-testid="stats-table">
          <thead><tr><th scope="col">Day</th><th scope="col">Job</th><th scope="col">Runs</th><th scope="col">Succeeded</th><th scope="col">Failed</th><th scope="col">Skipped</th><th scope="col">Avg duration</th><th scope="col">Found</th></tr></thead>
          <tbody>
            {rows.map(({ label, job, stat: s }) => (
              <tr data-day={s.day} data-job={job}>
                <td>{s.day}</td><td>{label}</td><td class="num">{s.runs}</td><td class="num">{s.succeeded}</td><td class="num">{s.failed}</td>
                <td class="num">{s.skipped}</td><td class="num">{s.avg_duration_ms === null ? '—' : `${(s.avg_duration_ms / 1000).toFixed(1)} s`}</td>
                <td class="num">{s.work_orders ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
