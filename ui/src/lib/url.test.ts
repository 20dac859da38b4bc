// Only absolute http(s) URLs are linked or opened.
import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from './url';

describe('safeHttpUrl', () => {
  it('keeps http and https URLs', () => {
    expect(safeHttpUrl('https://app.workfossa.com/app/work/1/')).toBe('https://app.workfossa.com/app/work/1/');
    expect(safeHttpUrl(' http://127.0.0.1:8088/app/work/2/ ')).toBe('http://127.0.0.1:8088/app/work/2/');
  });
  it('refuses every other scheme and junk', () => {
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<b>', 'file:///etc/passwd', '/app/work/1/', '', null, undefined]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });
});
