// The browser's language, repaired when it is not a BCP 47 tag. WebKitGTK takes it from the
// process locale, so under `LANG=C` / `C.UTF-8` (containers, Xvfb, minimal sessions)
// `navigator.language` is "C", and `new Intl.NumberFormat("C")` throws a RangeError. uPlot does
// exactly that while its module is evaluated, which used to stop the whole bundle: a blank window.

/** The fallback when the browser's language is not a valid tag. */
export const FALLBACK_LANGUAGE = 'en-US';

/** The tag in canonical form, or null when `Intl` rejects it ("C", "C.UTF-8", "", non-strings). */
export function canonicalLanguage(tag: unknown): string | null {
  if (typeof tag !== 'string' || tag === '') return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** The valid entries of a language list, canonical, without duplicates. */
export function validLanguages(tags: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const canonical = canonicalLanguage(tag);
    if (canonical && !out.includes(canonical)) out.push(canonical);
  }
  return out;
}

export interface NavigatorLike {
  language?: unknown;
  languages?: readonly unknown[];
}

/**
 * Replaces an invalid `nav.language` (and drops invalid `nav.languages` entries) with own
 * properties, so code that hands the browser's language to `Intl` keeps working. Returns the
 * language now in effect; leaves a valid navigator untouched.
 */
export function repairNavigatorLanguage(nav: NavigatorLike): string {
  const current = canonicalLanguage(nav.language);
  const list = validLanguages(Array.isArray(nav.languages) ? nav.languages : []);
  if (current && list.length === (nav.languages?.length ?? 0)) return nav.language as string;
  const language = current ?? list[0] ?? FALLBACK_LANGUAGE;
  const languages = list.length > 0 ? list : [language];
  try {
    Object.defineProperty(nav, 'language', { value: language, configurable: true });
    Object.defineProperty(nav, 'languages', { value: Object.freeze([...languages]), configurable: true });
  } catch {
    // A navigator that cannot be changed: nothing better to do.
  }
  return language;
}
