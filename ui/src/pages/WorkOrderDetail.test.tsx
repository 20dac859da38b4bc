// The work-order detail shows the PO number, the categories and the contact block (name, then its
// lines), and a dash for each when the record has none; and its station's dispensers with when
// they were read, a line when none were read yet, a warning when the location is gone, errors.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/transport';
import { formatDateTime } from '../lib/format';
import { dispenser, order } from '../test/fixtures';
import { byTestId, expand, findAll, textOf } from '../test/vnode';
import { NOT_READ, STALE, type DispensersState } from './DispensersSection';
import { WorkOrderDetail } from './WorkOrderDetail';

const LOADED: DispensersState = { location: 46769, dispensers: [], loading: false, error: null };

const render = (o: ReturnType<typeof order>, dispensers: Partial<DispensersState> = {}) =>
  expand(<WorkOrderDetail order={o} loading={false} error={null} number={o.number} dispensers={{ ...LOADED, ...dispensers }} />);

const cells = (row: ReturnType<typeof findAll>[number]) => findAll([row], (e) => e.tag === 'td').map((td) => textOf([td]));

describe('work-order detail', () => {
  it('shows the PO number, the categories and the contact', () => {
    const page = render(order(129651, {
      po_number: 'C000020103',
      categories: ['Meter Calibration', 'Repair'],
      contact: { name: 'Dana Whitfield', lines: ['7-Eleven Stores, Inc', '7-E012', 'Net 30'] },
    }));
    expect(textOf([byTestId(page, 'po-number')])).toBe('C000020103');
    const badges = findAll([byTestId(page, 'categories')], (e) => String(e.props.class).includes('badge'));
    expect(badges.map((b) => textOf([b]))).toEqual(['Meter Calibration', 'Repair']);
    const contact = byTestId(page, 'contact');
    expect(findAll([contact], (e) => e.tag === 'div').map((d) => textOf([d]))).toEqual([
      'Dana Whitfield', '7-Eleven Stores, Inc', '7-E012', 'Net 30',
    ]);
  });
  it('shows a dash for each when the record has none', () => {
    const page = render(order(1, { po_number: null, categories: [], contact: null }));
    expect(textOf([byTestId(page, 'po-number')])).toBe('—');
    expect(textOf([byTestId(page, 'categories')])).toBe('—');
    expect(textOf([byTestId(page, 'contact')])).toBe('—');
  });
  it('renders scraped contact text as text', () => {
    const page = render(order(1, { contact: { name: '<b>Dana</b>', lines: ['<img src=x onerror=alert(1)>'] } }));
    expect(textOf([byTestId(page, 'contact')])).toBe('<b>Dana</b><img src=x onerror=alert(1)>');
    expect(findAll(page, (e) => e.tag === 'img' || e.tag === 'b')).toEqual([]);
  });
});

describe('work-order detail: dispensers', () => {
  it('lists each dispenser of the station and when they were read', () => {
    const page = render(order(1), {
      dispensers: [
        dispenser('1/2'),
        dispenser('3/4', { model: null, make: 'Wayne', serial: 'WN-778', grades: ['Regular', 'Premium'], nozzles_per_side: 2, meter_type: null, read_at: '2026-03-08T12:00:09Z' }),
      ],
    });
    const section = byTestId(page, 'dispensers');
    const rows = findAll([section], (e) => e.tag === 'tr' && e.props['data-dispenser'] !== undefined);
    expect(rows.map(cells)).toEqual([
      ['1/2', 'Regular, Plus, Diesel', 'Gilbarco', 'Encore 700 S', 'EN00037196', '3', 'Electronic'],
      ['3/4', 'Regular, Premium', 'Wayne', '—', 'WN-778', '2', '—'],
    ]);
    // The latest read, formatted as the page's other instants.
    expect(textOf([byTestId(page, 'dispensers-read-at')])).toBe(`as of ${formatDateTime('2026-03-08T12:00:09Z')}`);
    expect(textOf([section])).not.toContain(NOT_READ);
    expect(findAll(page, (e) => e.props['data-testid'] === 'dispensers-stale')).toEqual([]);
  });
  it('says when the station\'s dispensers were not read yet', () => {
    const page = render(order(1), { dispensers: [] });
    expect(textOf([byTestId(page, 'dispensers-not-read')])).toBe('Dispensers not read yet; they are read after the next sync.');
    expect(findAll([byTestId(page, 'dispensers')], (e) => e.tag === 'table')).toEqual([]);
  });
  it('warns when WorkFossa no longer finds the location, still listing the last ones read', () => {
    const page = render(order(1), { dispensers: [dispenser('1/2', { stale: true })] });
    const warning = byTestId(page, 'dispensers-stale');
    expect(textOf([warning])).toBe(STALE);
    expect(STALE).toBe('WorkFossa no longer finds this location; these are the dispensers last read.');
    expect(findAll(page, (e) => e.props['data-dispenser'] === '1/2')).toHaveLength(1);
  });
  it('shows a failed load as the page shows errors, and loading before the answer', () => {
    const failed = render(order(1), { dispensers: null, error: new ApiError(500, 'The engine could not read the dispensers.') });
    const banner = findAll([byTestId(failed, 'dispensers')], (e) => e.props.role === 'alert');
    expect(banner.map((b) => [b.props.class, textOf([b])])).toEqual([['banner failure', 'The engine could not read the dispensers.']]);
    expect(textOf(failed)).not.toContain(NOT_READ);
    const loading = render(order(1), { dispensers: null, loading: true });
    expect(textOf([byTestId(loading, 'dispensers')])).toContain('Loading…');
  });
  it('renders scraped dispenser text as text', () => {
    const page = render(order(1), { dispensers: [dispenser('1/2', { make: '<b>Gil</b>', grades: ['<img src=x>'] })] });
    expect(textOf([byTestId(page, 'dispensers')])).toContain('<b>Gil</b>');
    expect(findAll(page, (e) => e.tag === 'img' || e.tag === 'b')).toEqual([]);
  });
});
