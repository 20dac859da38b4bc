// CSV: the CLI's columns, flattening, items joined by "; ", escaping.
import { describe, expect, it } from 'vitest';
import { csvCell, csvText, flattenWorkOrder, itemsText, runsCsv, WORK_ORDER_COLUMNS, workOrdersCsv } from './csv';
import { order, run } from '../test/fixtures';

describe('csv cells', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
  it('prefixes text a spreadsheet would run as a formula, like the CLI', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-5)).toBe('-5');
  });
  it('writes a header and one line per row, each ending in \\n', () => {
    expect(csvText(['a', 'b'], [[1, 'x,y'], [null, 'z']])).toBe('a,b\n1,"x,y"\n,z\n');
  });
});

describe('work orders', () => {
  it('has the same 29 columns as `fossa-sync work-orders --csv`', () => {
    // crates/core/src/export.rs's HEADER, in order.
    expect(WORK_ORDER_COLUMNS.join(',')).toBe(
      'id,number,url,status,reason,project,po_number,categories,contact_name,contact_lines,'
      + 'created_by,created_at,customer_name,customer_url,location_id,location_store_number,'
      + 'location_site_name,location_url,address_street,address_intersection,address_city_state_zip,'
      + 'address_county,items,visits_completed,visits_total,next_visit_date,next_visit_window,'
      + 'due_date,instructions',
    );
  });
  it('flattens the PO number, categories and contact like the CLI', () => {
    const filled = order(1, {
      po_number: 'C000020103', categories: ['Meter Calibration', 'Repair'],
      contact: { name: 'Dana Whitfield', lines: ['7-Eleven Stores, Inc', 'Net 30'] }, instructions: null,
    });
    const text = workOrdersCsv([filled, order(2, { categories: [], contact: null, instructions: null })]);
    const [, first, second] = text.split('\n');
    expect(first).toContain(',C000020103,Meter Calibration; Repair,Dana Whitfield,"7-Eleven Stores, Inc; Net 30",');
    expect(second).toContain(',AccuMeasure,,,,,,Jordan Reyes,');
  });
  it('guards the new cells against formulas', () => {
    const hostile = order(1, {
      po_number: '=1+1', categories: ['@SUM(A1)', 'Repair'], contact: { name: '+Dana', lines: ['-2+3'] }, instructions: null,
    });
    const line = workOrdersCsv([hostile]).split('\n')[1];
    expect(line).toContain(",'=1+1,'@SUM(A1); Repair,'+Dana,'-2+3,");
  });
  it('flattens nested fields, absent values empty', () => {
    const o = order(129651, { next_visit: null, project: null });
    const row = flattenWorkOrder(o);
    expect(row).toHaveLength(WORK_ORDER_COLUMNS.length);
    const cell = (name: (typeof WORK_ORDER_COLUMNS)[number]) => row[WORK_ORDER_COLUMNS.indexOf(name)];
    expect(cell('customer_name')).toBe('7-Eleven Stores, Inc');
    expect(cell('location_id')).toBe(46769);
    expect(cell('address_county')).toBe('Hillsborough County');
    expect(cell('next_visit_date')).toBeUndefined();
    expect(cell('project')).toBeNull();
  });
  it('joins items like the CLI', () => {
    expect(itemsText([
      { group: 'Meter Calibration', quantity: 6, description: 'All Dispensers', code: '2861' },
      { group: null, quantity: null, description: 'Nozzle', code: null },
    ])).toBe('Meter Calibration: 6 x All Dispensers (2861); -:  x Nozzle ()');
  });
  it('produces a parseable file with multi-line instructions', () => {
    const text = workOrdersCsv([order(1), order(2, { instructions: 'a "quoted", line\nnext' })]);
    const lines = text.split('\n');
    expect(lines[0]).toBe(WORK_ORDER_COLUMNS.join(','));
    expect(lines[1]).toContain(',Meter Calibration: 6 x All Dispensers (2861),');
    expect(text).toContain('"a ""quoted"", line\nnext"');
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('runs', () => {
  it('exports the run fields in order', () => {
    const text = runsCsv([run({ status: 'failed', error: 'Login failed, check the password.', found: null })]);
    const [header, line] = text.split('\n');
    expect(header).toBe('id,job_type,trigger,status,started_at,finished_at,duration_ms,attempts,missed,found,new,changed,removed,error_class,error');
    expect(line).toBe('7,work_orders,scheduled,failed,2026-03-08T12:00:00Z,2026-03-08T12:00:02Z,1840,1,0,,2,1,0,,"Login failed, check the password."');
  });
});
