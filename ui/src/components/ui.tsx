// Shared building blocks: badges, form fields with their engine error, error banners. Every value
// is rendered as text (JSX children), never as HTML.

import type { ComponentChildren } from 'preact';
import type { Tone } from '../lib/badge';
import type { ApiError } from '../api/transport';

export function Badge({ tone, children, pulse = false }: { tone: Tone; children: ComponentChildren; pulse?: boolean }) {
  return <span class={`badge tone-${tone}${pulse ? ' pulse' : ''}`}>{children}</span>;
}

export function DemoMark() {
  return <span class="badge demo-mark" title="The engine syncs against built-in demo data, not WorkFossa">Demo data</span>;
}

/** A labelled field; `error` (the engine's sentence) shows under it and marks it invalid. */
export function Field(props: { id: string; label: string; error?: string | null; hint?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && <span class="hint" id={`${props.id}-hint`}>{props.hint}</span>}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string | null }) {
  return error ? <span class="error" id={`${id}-error`} role="alert" data-field-error={id}>{error}</span> : null;
}

/** aria props of an input whose field may carry an error. */
export function invalid(id: string, error?: string | null) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export function ErrorBanner({ error, children }: { error: ApiError | null | undefined; children?: ComponentChildren }) {
  if (!error) return null;
  return (
    <div class="banner failure" role="alert">
      {error.message}
      {children}
    </div>
  );
}

/** `12` or `—` for an absent count. */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(value);
}
