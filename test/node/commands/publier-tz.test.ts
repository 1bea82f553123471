import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCalendar } from '../../core/publish/helpers';
import { runCli } from '../publish/run-cli';

/** The calendar written by the built command line run in a child process with the given TZ. */
const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo'];
let root: string;
const calendars = new Map<string, string>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maillage-tz-'));
  await Promise.all(
    ZONES.map(async (zone) => {
      const out = join(root, zone.replace('/', '-'));
      const r = await runCli(['publier', '--sortie', out, '--date', '2026-11-28'], { env: { TZ: zone } });
      expect(r.code, r.stderr).toBe(0);
      calendars.set(zone, readFileSync(join(out, 'permanences.ics'), 'utf8'));
    }),
  );
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const withoutStamps = (ics: string) => ics.replace(/^DTSTAMP:.*\r\n/gm, '');

describe('the calendar whatever the machine’s time zone', () => {
  it('is the same file under TZ=UTC, Europe/Paris and others (run stamps aside)', () => {
    const reference = withoutStamps(calendars.get('Europe/Paris')!);
    for (const zone of ZONES) expect(withoutStamps(calendars.get(zone)!), zone).toBe(reference);
  });

  for (const zone of ['UTC', 'Europe/Paris']) {
    it(`gives Paris times at the right instants when written under TZ=${zone}`, () => {
      const events = parseCalendar(calendars.get(zone)!);
      expect(events.length).toBeGreaterThan(300);
      const byUid = new Map(events.map((e) => [e.uid, e]));
      // 25 August 2026, 09:30-12:00 in Paris (summer time, UTC+2).
      expect(byUid.get('perm-0257@maillage')).toMatchObject({
        start: '2026-08-25T07:30:00.000Z',
        end: '2026-08-25T10:00:00.000Z',
      });
      // Every start is 09:30 or 14:00 on the Paris wall clock, in winter and in summer.
      const paris = new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        hour: '2-digit',
        minute: '2-digit',
      });
      for (const e of events) expect(['09:30', '14:00']).toContain(paris.format(new Date(e.start)));
      const winter = events.find((e) => e.start.startsWith('2027-01-12'))!;
      expect(winter.start).toMatch(/T(08:30|13:00):00\.000Z$/);
    });
  }
});
