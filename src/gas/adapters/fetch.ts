/** UrlFetchApp: GET requests in batches (fetchAll), never throwing on an HTTP error. */

export interface FetchResult {
  status: number;
  body: string;
  /** The Retry-After header, when the answer has one. */
  retryAfter?: string;
}

export function fetchAllText(urls: readonly string[]): FetchResult[] {
  if (urls.length === 0) return [];
  const responses = UrlFetchApp.fetchAll(
    urls.map((url) => ({ url, method: 'get' as const, muteHttpExceptions: true })),
  );
  return responses.map((r) => {
    const status = r.getResponseCode();
    const out: FetchResult = { status, body: r.getContentText() };
    if (status === 429 || status === 503) {
      const headers = r.getAllHeaders() as Record<string, unknown>;
      const key = Object.keys(headers).find((k) => k.toLowerCase() === 'retry-after');
      if (key !== undefined) out.retryAfter = String(headers[key]);
    }
    return out;
  });
}

/** Waits between batches (Apps Script has no setTimeout). */
export function pause(ms: number): void {
  Utilities.sleep(ms);
}
