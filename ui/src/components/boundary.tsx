// An error boundary around the current page: a page that throws while rendering shows the error
// and a retry button in place of itself; the header and navigation stay usable.

import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';

export function PageBoundary({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary((e: unknown) => console.error('page failed', e));
  if (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return (
      <div class="banner failure" role="alert">
        <p><strong>This page could not be shown.</strong></p>
        <p class="pre-wrap">{message}</p>
        <button type="button" onClick={reset}>Try again</button>
      </div>
    );
  }
  return <>{children}</>;
}
