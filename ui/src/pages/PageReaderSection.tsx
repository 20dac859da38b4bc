// Settings › Reading WorkFossa: the page reader (Automatic, Plain HTTP, Browser) and what
// Automatic detected. `PageReaderControl` holds no state, so tests render it without a DOM.

import { useState } from 'preact/hooks';
import type { PageReader, Settings, SettingsUpdate } from '../api/types';
import { Field, invalid } from '../components/ui';
import { asApiError } from '../lib/hooks';

export const PAGE_READERS: { value: PageReader; label: string }[] = [
  { value: 'auto', label: 'Automatic (recommended)' },
  { value: 'http', label: 'Plain HTTP' },
  { value: 'browser', label: 'Browser (Chromium)' },
];

export const PAGE_READER_HINT = "Automatic uses plain HTTP and switches to a headless Chromium when WorkFossa's pages need a browser";

export function PageReaderControl(props: {
  value: PageReader;
  detected: PageReader | null | undefined;
  busy: boolean;
  error: string | null;
  onChange: (reader: PageReader) => void;
}) {
  const hint = (
    <>
      {PAGE_READER_HINT}
      {props.detected && <> · <span data-testid="page-reader-detected">Detected: {props.detected}</span></>}
    </>
  );
  return (
    <Field id="p-reader" label="Page reader" hint={hint} error={props.error}>
      <select id="p-reader" data-testid="page-reader" value={props.value} disabled={props.busy}
        {...invalid('p-reader', props.error)} aria-describedby={props.error ? 'p-reader-error p-reader-hint' : 'p-reader-hint'}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as PageReader)}>
        {PAGE_READERS.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
      </select>
    </Field>
  );
}

export function PageReaderSection({ settings, saveSettings }: { settings: Settings; saveSettings: (patch: Partial<SettingsUpdate>) => Promise<Settings> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = async (page_reader: PageReader) => {
    setBusy(true);
    setError(null);
    try {
      await saveSettings({ page_reader });
    } catch (e) {
      setError(asApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="panel" aria-labelledby="reader-h">
      <h2 id="reader-h">Reading WorkFossa</h2>
      <PageReaderControl value={settings.page_reader} detected={settings.page_reader_detected}
        busy={busy} error={error} onChange={change} />
    </div>
  );
}
