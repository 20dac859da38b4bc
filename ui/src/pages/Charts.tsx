// The history's charts (uPlot) from the daily stats: success rate per day, average sync duration,
// work-order count over time. Colours follow the theme; each chart has its numbers as a table too.

import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DailyStat } from '../api/types';
import { chartSeries, type ChartKind } from '../lib/chartData';
import { formatDay } from '../lib/format';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

const TITLES: Record<ChartKind, { title: string; unit: string; colour: string }> = {
  success: { title: 'Success rate per day', unit: '%', colour: '--green' },
  duration: { title: 'Average sync duration', unit: 's', colour: '--blue' },
  count: { title: 'Work orders', unit: '', colour: '--amber' },
};

function Chart({ stats, kind, days }: { stats: DailyStat[]; kind: ChartKind; days: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const { xs, ys } = chartSeries(stats, kind, { today: formatDay(new Date().toISOString()), days });
      const meta = TITLES[kind];
      const text = cssVar('--muted');
      const grid = cssVar('--border');
      const stroke = cssVar(meta.colour);
      const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      plot = new uPlot(
        {
          width: Math.max(260, el.clientWidth),
          height: 200,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] }, y: kind === 'success' ? { range: [0, 100] } : { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
          axes: [axis, { ...axis, size: 48, values: (_u, splits) => splits.map((v) => `${+v.toFixed(1)}${meta.unit}`) }],
          series: [
            {},
            {
              label: meta.title,
              stroke,
              width: 2,
              fill: kind === 'success' ? `${stroke}55` : undefined,
              paths: kind === 'success' ? uPlot.paths.bars!({ size: [0.7, 28] }) : undefined,
              points: { show: kind !== 'success', size: 5, fill: stroke },
              spanGaps: kind !== 'success',
            },
          ],
        },
        [xs, ys],
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
  }, [stats, kind, days]);
  return <div class="chart" ref={box} aria-hidden="true" />;
}

export function Charts({ stats, days }: { stats: DailyStat[]; days: number }) {
  const runs = stats.reduce((n, s) => n + s.runs, 0);
  const ok = stats.reduce((n, s) => n + s.succeeded, 0);
  return (
    <div class="panel" data-testid="charts">
      <h2>Last {days} days</h2>
      <p class="muted small">{runs === 0 ? 'No runs in this period.' : `${runs} runs, ${Math.round((100 * ok) / runs)}% succeeded.`}</p>
      <div class="charts">
        {(Object.keys(TITLES) as ChartKind[]).map((kind) => (
          <figure style={{ margin: 0 }}>
            <figcaption><h3>{TITLES[kind].title}</h3></figcaption>
            <Chart stats={stats} kind={kind} days={days} />
          </figure>
        ))}
      </div>
      <details>
        <summary>The numbers</summary>
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">Day</th><th scope="col">Runs</th><th scope="col">Succeeded</th><th scope="col">Failed</th><th scope="col">Skipped</th><th scope="col">Avg duration</th><th scope="col">Work orders</th></tr></thead>
            <tbody>
              {stats.map((s) => (
                <tr>
                  <td>{s.day}</td><td class="num">{s.runs}</td><td class="num">{s.succeeded}</td><td class="num">{s.failed}</td>
                  <td class="num">{s.skipped}</td><td class="num">{s.avg_duration_ms === null ? '—' : `${(s.avg_duration_ms / 1000).toFixed(1)} s`}</td>
                  <td class="num">{s.work_orders ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
