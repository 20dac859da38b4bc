// The work-order detail shows the PO number, the categories and the contact block (name, then its
// lines), and a dash for each when the record has none.
import { describe, expect, it } from 'vitest';
import { order } from '../test/fixtures';
import { byTestId, expand, findAll, textOf } from '../test/vnode';
import { WorkOrderDetail } from './WorkOrderDetail';

const render = (o: ReturnType<typeof order>) =>
  expand(<WorkOrderDetail order={o} loading={false} error={null} number={o.number} />);

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
