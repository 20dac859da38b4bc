// The one transport of the UI: Tauri IPC (invoke + the `engine-event` event) inside the desktop
// app, same-origin HTTP (cookie) + server-sent events from `/api/events` in a browser. Pages never
// use it directly; they call the typed functions of client.ts.

import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import { listen as tauriListen } from '@tauri-apps/api/event';
import { openUrl as tauriOpenUrl } from '@tauri-apps/plugin-opener';
import type { EngineEvent, ErrorBody } from './types';
import { safeHttpUrl } from '../lib/url';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

/** One engine operation, described for both transports (a row of docs/api.md's table). */
export interface Op {
  /** Tauri command name; null when the operation is HTTP-only. */
  command: string | null;
  method: Method;
  /** HTTP path, e.g. `/api/status`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Tauri command arguments (camelCase, as Tauri maps Rust parameter names). */
  args?: Record<string, unknown>;
}

/** An operation that failed: HTTP status (0 = unreachable), the engine's sentence, its field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type EventHandler = (event: EngineEvent) => void;
export type ConnectionHandler = (connected: boolean) => void;

export interface Transport {
  readonly kind: 'tauri' | 'http' | 'mock';
  call<T>(op: Op): Promise<T>;
  /** Live engine events; returns the unsubscribe function. */
  subscribe(onEvent: EventHandler, onConnection?: ConnectionHandler): () => void;
  /** Opens an http(s) URL in the system browser (never in the app's own window). */
  openUrl(url: string): Promise<void>;
}

/** Which transport this window needs: Tauri when its IPC bridge is present. */
export function chooseTransport(w: unknown): 'tauri' | 'http' {
  return typeof w === 'object' && w !== null && '__TAURI_INTERNALS__' in w ? 'tauri' : 'http';
}

/** `/api/x` plus the query's non-empty values, in the order given. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** An ApiError from whatever a failed call produced (HTTP body, Tauri error value, exception). */
export function toApiError(status: number, value: unknown): ApiError {
  if (value instanceof ApiError) return value;
  if (typeof value === 'string' && value.trim() !== '') return new ApiError(status, value);
  if (typeof value === 'object' && value !== null) {
    const body = value as Partial<ErrorBody> & { status?: number; message?: string };
    const message = body.error ?? body.message;
    if (typeof message === 'string') {
      const code = typeof body.status === 'number' ? body.status : status;
      return new ApiError(code, message, typeof body.field === 'string' ? body.field : null);
    }
  }
  return new ApiError(status, status ? `The engine answered ${status}.` : 'The engine did not answer.');
}

function openInNewTab(url: string): void {
  if (typeof window !== 'undefined') window.open(url, '_blank', 'noopener,noreferrer');
}

export interface HttpDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  EventSource?: typeof EventSource;
  open: (url: string) => void;
}

/** Same-origin HTTP with the session cookie, events from `/api/events`. */
export function httpTransport(deps: Partial<HttpDeps> = {}): Transport {
  const doFetch = deps.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const open = deps.open ?? openInNewTab;
  return {
    kind: 'http',
    async call<T>(op: Op): Promise<T> {
      const init: RequestInit = { method: op.method, credentials: 'same-origin', headers: {} };
      if (op.body !== undefined) {
        init.headers = { 'Content-Type': 'application/json' };
        init.body = JSON.stringify(op.body);
      }
      let response: Response;
      try {
        response = await doFetch(buildUrl(op.path, op.query), init);
      } catch {
        throw new ApiError(0, 'Cannot reach the Fossa Sync engine. Is the daemon running?');
      }
      const text = await response.text();
      let value: unknown = undefined;
      if (text) {
        try {
          value = JSON.parse(text);
        } catch {
          value = text;
        }
      }
      if (!response.ok) {
        if (response.status === 401) {
          throw new ApiError(401, 'Not signed in: open the login link that `fossa-sync daemon --http` printed (or `fossa-sync api token`).');
        }
        throw toApiError(response.status, value);
      }
      return value as T;
    },
    subscribe(onEvent, onConnection) {
      const Source = deps.EventSource ?? (typeof EventSource === 'undefined' ? undefined : EventSource);
      if (!Source) return () => {};
      const source = new Source('/api/events', { withCredentials: true });
      source.onopen = () => onConnection?.(true);
      source.onerror = () => onConnection?.(false);
      source.onmessage = (message: MessageEvent) => {
        try {
          onEvent(JSON.parse(String(message.data)) as EngineEvent);
        } catch {
          // A keep-alive or a line that is not an event: nothing to do.
        }
      };
      return () => source.close();
    },
    async openUrl(url) {
      const safe = safeHttpUrl(url);
      if (safe) open(safe);
    },
  };
}

export interface TauriDeps {
  invoke: (command: string, args?: Record<string, unknown>) => Promise<unknown>;
  listen: (event: string, handler: (e: { payload: EngineEvent }) => void) => Promise<() => void>;
  openUrl: (url: string) => Promise<void>;
  open: (url: string) => void;
}

/** Tauri IPC: `invoke(command, args)` and the `engine-event` event. */
export function tauriTransport(deps: Partial<TauriDeps> = {}): Transport {
  const invoke = deps.invoke ?? ((command, args) => tauriInvoke(command, args));
  const listen = deps.listen ?? ((event, handler) => tauriListen<EngineEvent>(event, handler));
  const openUrl = deps.openUrl ?? ((url) => tauriOpenUrl(url));
  const open = deps.open ?? openInNewTab;
  return {
    kind: 'tauri',
    async call<T>(op: Op): Promise<T> {
      if (!op.command) throw new ApiError(404, 'This operation is not available in the desktop app.');
      try {
        return (await invoke(op.command, op.args ?? {})) as T;
      } catch (error) {
        const guess = typeof error === 'object' && error !== null && 'field' in error ? 422 : 500;
        throw toApiError(guess, error);
      }
    },
    subscribe(onEvent, onConnection) {
      let stop: (() => void) | null = null;
      let closed = false;
      listen('engine-event', (e) => onEvent(e.payload)).then(
        (unlisten) => {
          if (closed) unlisten();
          else {
            stop = unlisten;
            onConnection?.(true);
          }
        },
        () => onConnection?.(false),
      );
      return () => {
        closed = true;
        stop?.();
      };
    },
    async openUrl(url) {
      const safe = safeHttpUrl(url);
      if (!safe) return;
      try {
        await openUrl(safe);
      } catch {
        open(safe);
      }
    },
  };
}

let current: Transport | null = null;

/** The transport of this window, chosen once (or the one set by setTransport). */
export function transport(): Transport {
  if (!current) {
    current = chooseTransport(typeof window === 'undefined' ? undefined : window) === 'tauri'
      ? tauriTransport()
      : httpTransport();
  }
  return current;
}

/** Replaces the transport (the development mock; tests). */
export function setTransport(next: Transport | null): void {
  current = next;
}
