// Scraped URLs are untrusted: only absolute http(s) URLs are ever linked or opened.

/** The URL when it is an absolute http: or https: URL, else null (javascript:, data:, junk). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
