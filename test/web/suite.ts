/**
 * One browser and one loopback server for a test file, with the feed, communes.json and the
 * calendar in place (registered with beforeAll/afterAll).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { PlacesFeed } from '../../src/core/publish/feed-types';
import { launchBrowser } from './browser';
import { CALENDAR, COMMUNES } from './feed-fixture';
import { startServer, type TestServer } from './server';

export interface MapSuite {
  server: TestServer;
  browser: Browser;
}

export function mapSuite(feed: PlacesFeed): MapSuite {
  const suite = {} as MapSuite;
  beforeAll(async () => {
    suite.server = await startServer();
    suite.server.set('/lieux.geojson', JSON.stringify(feed));
    suite.server.set('/carte/communes.json', JSON.stringify(COMMUNES));
    suite.server.set('/permanences.ics', CALENDAR);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
