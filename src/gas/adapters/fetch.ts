/** UrlFetchApp: GET requests in batches (fetchAll), never throwing on an HTTP error. */

export interface FetchResult {
  status: number;
  body: string;
}

export function fetchAllText(urls: readonly string[]): FetchResult[] {
  if (urls.length === 0) return [];
  const responses = UrlFetchApp.fetchAll(
    urls.map((url) => ({ url, method: 'get' as const, muteHttpExceptions: true })),
  );
  return responses.map((r) => ({ status: r.getResponseCode(), body: r.getContentText() }));
}

/** Waits between batches (Apps Script has no setTimeout). */
export function pause(ms: number): void {
  Utilities.sleep(ms);
}
