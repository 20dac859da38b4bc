// The language repair that keeps the window from going blank under LANG=C.
import { describe, expect, it } from 'vitest';
import { canonicalLanguage, FALLBACK_LANGUAGE, repairNavigatorLanguage, validLanguages } from './locale';

describe('language tags', () => {
  it('rejects the POSIX locale names WebKitGTK reports under LANG=C', () => {
    for (const tag of ['C', 'C.UTF-8', '', undefined, 42]) expect(canonicalLanguage(tag)).toBeNull();
    expect(() => new Intl.NumberFormat('C')).toThrow(RangeError);
  });
  it('accepts and canonicalises real tags', () => {
    expect(canonicalLanguage('en-US')).toBe('en-US');
    expect(canonicalLanguage('de-de')).toBe('de-DE');
    expect(validLanguages(['C', 'fr', 'fr', 'en-GB'])).toEqual(['fr', 'en-GB']);
  });
});

describe('repairNavigatorLanguage', () => {
  it('replaces "C" so Intl accepts navigator.language', () => {
    const nav = { language: 'C', languages: ['C'] };
    expect(repairNavigatorLanguage(nav)).toBe(FALLBACK_LANGUAGE);
    expect(nav.language).toBe(FALLBACK_LANGUAGE);
    expect(nav.languages).toEqual([FALLBACK_LANGUAGE]);
    expect(() => new Intl.NumberFormat(nav.language)).not.toThrow();
  });
  it('prefers a valid entry of the list', () => {
    const nav = { language: 'C', languages: ['C', 'de-DE'] };
    expect(repairNavigatorLanguage(nav)).toBe('de-DE');
    expect(nav.languages).toEqual(['de-DE']);
  });
  it('overrides a getter on the prototype, as on a real Navigator', () => {
    class FakeNavigator {
      get language() { return 'C'; }
      get languages() { return ['C']; }
    }
    const nav = new FakeNavigator() as unknown as { language: string; languages: string[] };
    repairNavigatorLanguage(nav);
    expect(nav.language).toBe(FALLBACK_LANGUAGE);
    expect(nav.languages).toEqual([FALLBACK_LANGUAGE]);
  });
  it('leaves a valid navigator alone', () => {
    const nav = { language: 'en-GB', languages: ['en-GB', 'en'] };
    expect(repairNavigatorLanguage(nav)).toBe('en-GB');
    expect(Object.getOwnPropertyDescriptor(nav, 'language')?.writable).toBe(true);
    expect(nav.languages).toEqual(['en-GB', 'en']);
  });
});
