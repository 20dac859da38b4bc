// Every scraped value is rendered as text: no source file of the UI may inject HTML or code.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob('/src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
// Built from parts so this file does not match itself.
const FORBIDDEN = ['dangerously' + 'SetInnerHTML', '.inner' + 'HTML', '.outer' + 'HTML', 'insertAdjacent' + 'HTML', 'document.' + 'write', 'new ' + 'Function', 'eval' + '('];

describe('no HTML injection', () => {
  it('scans the UI sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(Object.keys(sources)).toContain('/src/pages/WorkOrderDetail.tsx');
  });
  it('uses no API that parses a string as HTML or code', () => {
    const hits = Object.entries(sources).flatMap(([path, text]) =>
      FORBIDDEN.filter((word) => text.includes(word)).map((word) => `${path}: ${word}`));
    expect(hits).toEqual([]);
  });
  it('links scraped URLs only after the http(s) check', () => {
    const detail = sources['/src/pages/WorkOrderDetail.tsx'];
    expect(detail).toContain('safeHttpUrl(url)');
    expect(detail).not.toMatch(/href=\{order\./);
  });
});
