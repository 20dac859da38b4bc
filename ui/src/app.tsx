// The window: header with navigation and the state badge, the page of the current hash route,
// and the notices of engine notifications. Subscribes to engine events once; no polling.

import { useEffect, useReducer, useState } from 'preact/hooks';
import { getStatus } from './api/client';
import { transport, type ApiError } from './api/transport';
import { PageBoundary } from './components/boundary';
import { Badge, DemoMark } from './components/ui';
import { stateBadge } from './lib/badge';
import { INITIAL, reduce } from './lib/events';
import { asApiError, useHashRoute } from './lib/hooks';
import { href, PAGES } from './lib/router';
import { LiveContext } from './live';
import { HistoryPage } from './pages/History';
import { SettingsPage } from './pages/Settings';
import { StatusPage } from './pages/Status';
import { WorkOrdersPage } from './pages/WorkOrders';

export function App() {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const [statusError, setStatusError] = useState<ApiError | null>(null);
  const route = useHashRoute();

  useEffect(
    () => transport().subscribe(
      (event) => dispatch({ type: 'event', event }),
      (connected) => dispatch({ type: 'connection', connected }),
    ),
    [],
  );

  // The status once at start and again after every reconnect (events may have been missed).
  useEffect(() => {
    getStatus().then(
      (status) => {
        setStatusError(null);
        dispatch({ type: 'status', status });
      },
      (error) => setStatusError(asApiError(error)),
    );
  }, [state.connected]);

  // Notices fade after 15 s (failures stay until dismissed: they need the technician).
  useEffect(() => {
    const timers = state.notices
      .filter((n) => n.kind !== 'failure')
      .map((n) => setTimeout(() => dispatch({ type: 'dismiss', id: n.id }), 15000));
    return () => timers.forEach(clearTimeout);
  }, [state.notices]);

  useEffect(() => {
    const label = PAGES.find((p) => p.page === route.page)?.label ?? 'Status';
    document.title = `${label} · Fossa Sync`;
  }, [route.page]);

  const badge = state.status ? stateBadge(state.status) : null;
  return (
    <LiveContext.Provider value={{ state, dispatch }}>
      <header class="top">
        <span class="brand">
          Fossa Sync
          {badge && <Badge tone={badge.tone} pulse={badge.pulse}><span class="dot" aria-hidden="true" />{badge.label}</Badge>}
          {state.status?.demo && <DemoMark />}
        </span>
        <nav aria-label="Pages">
          {PAGES.map((p) => (
            <a href={href(p.page)} aria-current={route.page === p.page ? 'page' : undefined}>{p.label}</a>
          ))}
        </nav>
        {!state.connected && transport().kind === 'http' && (
          <span class="conn muted" role="status">Live updates reconnecting…</span>
        )}
      </header>
      <main id="main">
        {statusError && (
          <div class="banner failure" role="alert">{statusError.message}</div>
        )}
        <PageBoundary key={`${route.page}/${route.id ?? ''}`}>
          {route.page === 'status' && <StatusPage />}
          {route.page === 'work-orders' && <WorkOrdersPage number={route.id} />}
          {route.page === 'history' && <HistoryPage runId={route.id} />}
          {route.page === 'settings' && <SettingsPage />}
        </PageBoundary>
      </main>
      <div class="notices" aria-live="polite">
        {state.notices.map((n) => (
          <div class={`notice tone-border-${n.kind}`} key={n.id} style={{ borderLeftColor: n.kind === 'failure' ? 'var(--red)' : n.kind === 'recovery' ? 'var(--green)' : 'var(--accent)' }}>
            <div class="row">
              <strong>{n.title}</strong>
              <span class="spacer" />
              <button class="link" onClick={() => dispatch({ type: 'dismiss', id: n.id })} aria-label={`Dismiss: ${n.title}`}>Dismiss</button>
            </div>
            <p class="pre-wrap">{n.body}</p>
          </div>
        ))}
      </div>
    </LiveContext.Provider>
  );
}
