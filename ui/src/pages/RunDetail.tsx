// One run of the history: its record (its job included) and the changes it found, with field
// diffs (old → new).

import { getChanges, getRun } from '../api/client';
import { Badge, count, ErrorBanner } from '../components/ui';
import { runStatusTone } from '../lib/badge';
import { groupChanges } from '../lib/changes';
import { formatDateTime, formatDuration } from '../lib/format';
import { useLoad } from '../lib/hooks';
import { jobLabel } from '../lib/jobs';
import { href } from '../lib/router';
import { useLive } from '../live';

const KIND_TONE = { new: 'green', changed: 'amber', removed: 'gray' } as const;

export function RunDetail({ id }: { id: number }) {
  const { state } = useLive();
  const run = useLoad(() => getRun(id), [id, state.dataVersion]);
  const changes = useLoad(() => getChanges({ run: id }), [id, state.dataVersion]);
  const r = run.data;
  const groups = groupChanges(changes.data ?? []);
  return (
    <section aria-labelledby="run-h" data-testid="run-detail">
      <p><a href={href('history')}>← All runs</a></p>
      <h1 id="run-h">Run #{id}</h1>
      <ErrorBanner error={run.error} />
      {r && (
        <div class="panel">
          <div class="row"><Badge tone={runStatusTone(r.status)}>{r.status}</Badge><span>{r.trigger}</span></div>
          <dl class="kv" style={{ marginTop: '0.6rem' }}>
            <dt>Job</dt><dd data-testid="run-job">{jobLabel(r.job_type)}</dd>
            <dt>Started</dt><dd>{formatDateTime(r.started_at)}</dd>
            <dt>Finished</dt><dd>{formatDateTime(r.finished_at)}</dd>
            <dt>Duration</dt><dd>{formatDuration(r.duration_ms)}</dd>
            <dt>Attempts</dt><dd>{r.attempts}</dd>
            <dt>Missed fires</dt><dd>{r.missed}</dd>
            <dt>Found / new / changed / removed</dt>
            <dd>{count(r.found)} / {count(r.new)} / {count(r.changed)} / {count(r.removed)}</dd>
            {r.error && <><dt>Error</dt><dd class="error">{r.error}{r.error_class ? ` (${r.error_class})` : ''}</dd></>}
          </dl>
        </div>
      )}
      <div class="panel">
        <h2>Changes</h2>
        <ErrorBanner error={changes.error} />
        {changes.data && groups.length === 0 && <p class="muted">This run changed nothing.</p>}
        {groups.map((g) => (
          <div class="change" data-number={g.number} style={{ marginBottom: '0.8rem' }}>
            <div class="row">
              <a href={href('work-orders', g.number)}>W-{g.number}</a>
              <Badge tone={KIND_TONE[g.kind] ?? 'gray'}>{g.kind}</Badge>
            </div>
            {g.diffs.length > 0 && (
              <div class="table-wrap" style={{ marginTop: '0.3rem' }}>
                <table>
                  <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
                  <tbody>
                    {g.diffs.map((d) => (
                      <tr>
                        <td><code>{d.field}</code></td>
                        <td class="pre-wrap diff-old">{d.old}</td>
                        <td class="pre-wrap diff-new">{d.new}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
