// Hash routes.
import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router';

describe('router', () => {
  it('parses pages and ids', () => {
    expect(parseHash('')).toEqual({ page: 'status', id: null });
    expect(parseHash('#/work-orders')).toEqual({ page: 'work-orders', id: null });
    expect(parseHash('#/work-orders/129651')).toEqual({ page: 'work-orders', id: 129651 });
    expect(parseHash('#/history/12')).toEqual({ page: 'history', id: 12 });
    expect(parseHash('#/settings/3')).toEqual({ page: 'settings', id: null });
    expect(parseHash('#/history/abc')).toEqual({ page: 'history', id: null });
    expect(parseHash('#/nowhere')).toEqual({ page: 'status', id: null });
  });
  it('builds links', () => {
    expect(href('history', 12)).toBe('#/history/12');
    expect(href('settings')).toBe('#/settings');
  });
});
