// The Settings page's page-reader control: the three choices with Automatic first, the one in
// effect selected, the hint, "Detected: …" only when Automatic has found out, and a choice sent as
// the setting's value.
import { describe, expect, it } from 'vitest';
import type { PageReader } from '../api/types';
import { byTestId, expand, findAll, textOf } from '../test/vnode';
import { PAGE_READER_HINT, PageReaderControl } from './PageReaderSection';

const render = (value: PageReader, detected: PageReader | null, onChange: (r: PageReader) => void = () => {}, error: string | null = null) =>
  expand(<PageReaderControl value={value} detected={detected} busy={false} error={error} onChange={onChange} />);

describe('page reader control', () => {
  it('offers the three readers, Automatic first, with the one in effect selected', () => {
    const page = render('http', null);
    const select = byTestId(page, 'page-reader');
    expect(select.tag).toBe('select');
    expect(select.props.value).toBe('http');
    const options = findAll([select], (e) => e.tag === 'option');
    expect(options.map((o) => [o.props.value, textOf([o])])).toEqual([
      ['auto', 'Automatic (recommended)'],
      ['http', 'Plain HTTP'],
      ['browser', 'Browser (Chromium)'],
    ]);
    expect(textOf(findAll(page, (e) => e.tag === 'label'))).toBe('Page reader');
  });
  it('explains Automatic, and says what it detected only when known', () => {
    const unknown = render('auto', null);
    expect(textOf(unknown)).toContain(PAGE_READER_HINT);
    expect(PAGE_READER_HINT).toBe("Automatic uses plain HTTP and switches to a headless Chromium when WorkFossa's pages need a browser");
    expect(findAll(unknown, (e) => e.props['data-testid'] === 'page-reader-detected')).toEqual([]);
    expect(textOf(unknown)).not.toContain('Detected');
    const known = render('auto', 'browser');
    expect(textOf([byTestId(known, 'page-reader-detected')])).toBe('Detected: browser');
  });
  it('sends the chosen reader', () => {
    const chosen: PageReader[] = [];
    const select = byTestId(render('auto', 'http', (r) => chosen.push(r)), 'page-reader');
    (select.props.onChange as (e: unknown) => void)({ currentTarget: { value: 'browser' } });
    expect(chosen).toEqual(['browser']);
  });
  it('shows the engine\'s error next to the control', () => {
    const page = render('auto', null, () => {}, 'Invalid value for page_reader: use auto, http or browser');
    expect(byTestId(page, 'page-reader').props['aria-invalid']).toBe(true);
    expect(textOf(page)).toContain('Invalid value for page_reader');
  });
});
