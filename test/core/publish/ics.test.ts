import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABS } from '../../../src/core/model';
import { stopCalendarFile } from '../../../src/core/publish/feed-types';
import { buildCalendar, escapeText, foldLine, previousEvents } from '../../../src/core/publish/ics';
import { CALENDAR_FILE } from '../../../src/core/publish/index';
import { sampleWorkbook } from '../../helpers/workbook';
import { fileOf, parseCalendar, publishRaw, publishSample, TODAY } from './helpers';

function col(tab: 'Permanences', key: string): string {
  return TABS[tab].columns.find((c) => c.key === key)!.header;
}

describe('permanences.ics', () => {
  const publication = publishSample();
  const text = fileOf(publication, CALENDAR_FILE);
  const events = parseCalendar(text);
  const perms = publication.catalogue.permanences;

  it('has one event per valid permanence, with a stable UID', () => {
    expect(events).toHaveLength(perms.length);
    expect(perms.length).toBe(568);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect(events.map((e) => e.uid)).toEqual(perms.map((p) => `${p.record.id}@maillage`));
  });

  it('gives Europe/Paris wall-clock times with the right UTC instant, winter and summer', () => {
    const byUid = new Map(events.map((e) => [e.uid, e]));
    for (const p of perms) {
      const e = byUid.get(`${p.record.id}@maillage`)!;
      expect(e.tzid).toBe('Europe/Paris');
      const wall = (date: string, time: string) =>
        new Intl.DateTimeFormat('sv-SE', {
          timeZone: 'Europe/Paris',
          dateStyle: 'short',
          timeStyle: 'short',
        }).format(new Date(date)) === `${p.record.date} ${time}`;
      expect(wall(e.start, p.record.debut!), `${e.uid} ${e.start}`).toBe(true);
      expect(wall(e.end, p.record.fin!)).toBe(true);
    }
    // Explicit instants: 25 August 2026 is summer time (UTC+2), 1 December 2026 winter time (UTC+1).
    const summer = events.find((e) => e.uid === 'perm-0257@maillage')!;
    expect(summer.start).toBe('2026-08-25T07:30:00.000Z');
    const winter = events.find((e) => e.start.startsWith('2026-12-01'))!;
    expect(winter.start).toMatch(/^2026-12-01T(08:30|13:00):00\.000Z$/);
  });

  it('has place, address, GEO and the offer types', () => {
    const e = events.find((x) => x.uid === 'perm-0001@maillage')!;
    expect(e.summary).toBe('Bus numérique de la Haute-Vienne — Cussac (Place de la Mairie)');
    expect(e.location).toBe('Place de la Mairie, 1 place de la Mairie, 87150 Cussac');
    expect(e.geo).toHaveLength(2);
    expect(e.geo![0]).toBeGreaterThan(45);
    expect(e.geo![1]).toBeLessThan(2);
    expect(e.description).toMatch(/^Offre : Assistance, Accès libre\./);
  });

  it('keeps cancelled permanences, with STATUS:CANCELLED', () => {
    const cancelled = perms.filter((p) => p.record.statut === 'annulée');
    expect(cancelled.length).toBeGreaterThan(0);
    for (const p of cancelled) {
      const e = events.find((x) => x.uid === `${p.record.id}@maillage`)!;
      expect(e.status).toBe('CANCELLED');
      expect(e.summary).toMatch(/^Annulé/);
    }
    expect(new Set(events.map((e) => e.status))).toEqual(new Set(['CANCELLED', 'CONFIRMED', 'TENTATIVE']));
  });

  it('uses CRLF line ends, folds at 75 octets and carries a VTIMEZONE with rules', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/);
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
  });

  it('folds without splitting a UTF-8 character and unfolds to the original', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('leaves a line of 75 octets or fewer whole and folds any longer one, whatever its letters', () => {
    // Lone surrogates too (a cell cut in the middle of an emoji): 3 octets each, as U+FFFD.
    const letter = fc.constantFrom('a', 'é', '€', '🚌', ' ', ';', '\ud83d', '\ude8c');
    fc.assert(
      fc.property(fc.array(letter, { minLength: 20, maxLength: 90 }), (letters) => {
        const line = letters.join('');
        const folded = foldLine(line);
        const parts = folded.split('\r\n');
        for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
        expect(parts.length === 1).toBe(Buffer.byteLength(line, 'utf8') <= 75);
        // Each line is filled: the next character would not have fitted (a pair is one character).
        for (let k = 0; k + 1 < parts.length; k++) {
          const next = String.fromCodePoint(parts[k + 1]!.slice(1).codePointAt(0)!);
          expect(Buffer.byteLength(parts[k]! + next, 'utf8')).toBeGreaterThan(75);
        }
      }),
      { numRuns: 3000, seed: 87 },
    );
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('keeps DTSTAMP and SEQUENCE of unchanged events, bumps those of changed ones', () => {
    const later = new Date('2026-12-02T10:00:00Z');
    const same = fileOf(publishSample({ now: later, previousCalendar: text }), CALENDAR_FILE);
    expect(same).toBe(text);

    const raw = sampleWorkbook();
    const header = raw.Permanences![0]!;
    const statut = header.indexOf(col('Permanences', 'statut'));
    const notes = header.indexOf(col('Permanences', 'notes'));
    const row = raw.Permanences!.findIndex((r) => r[0] === 'perm-0200');
    raw.Permanences![row]![statut] = 'annulée';
    raw.Permanences![row]![notes] = 'Annulée : neige';
    const changed = fileOf(publishRaw(raw, { now: later, previousCalendar: text }), CALENDAR_FILE);
    const before = previousEvents(text);
    const after = previousEvents(changed);
    expect(after.get('perm-0200@maillage')).toMatchObject({ sequence: 1, dtstamp: '20261202T100000Z' });
    expect(after.get('perm-0199@maillage')).toEqual(before.get('perm-0199@maillage'));
    expect(parseCalendar(changed).find((e) => e.uid === 'perm-0200@maillage')!.status).toBe('CANCELLED');
  });

  it('is a valid calendar even with no permanence', () => {
    const empty = buildCalendar(
      { ...publication.catalogue, permanences: [] },
      { now: new Date('2026-11-28T09:00:00Z') },
    );
    expect(parseCalendar(empty)).toEqual([]);
    expect(empty).toContain('BEGIN:VTIMEZONE');
  });
});

describe('permanences/<arret>.ics', () => {
  const publication = publishSample();
  const whole = new Map(parseCalendar(fileOf(publication, CALENDAR_FILE)).map((e) => [e.uid, e]));
  const { stops, permanences } = publication.catalogue;

  it('gives each stop on the map a calendar of its own upcoming passages, the same events as the whole one', () => {
    expect(stops.length).toBeGreaterThan(3);
    let total = 0;
    for (const stop of stops) {
      const id = stop.record.id!;
      const name = stopCalendarFile(id);
      expect(name).toBe(`permanences/${id}.ics`);
      const events = parseCalendar(fileOf(publication, name));
      const expected = permanences
        .filter((p) => p.stopId === id && p.record.date! >= TODAY && p.record.statut !== 'réalisée')
        .map((p) => `${p.record.id}@maillage`);
      expect(
        events.map((e) => e.uid),
        id,
      ).toEqual(expected);
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBe(stop.permanences!.length);
      for (const e of events) {
        // Same event as in the whole calendar (same stamp and sequence: no duplicate when both are added).
        expect(e).toEqual(whole.get(e.uid));
        expect(e.start.slice(0, 10) >= '2026-11-27').toBe(true);
      }
      total += events.length;
    }
    // A resident's phone gets a few passages, not the whole calendar with its past.
    expect(total).toBeLessThan(whole.size);
    const first = parseCalendar(fileOf(publication, stopCalendarFile(stops[0]!.record.id!)));
    expect(first.length).toBeLessThan(whole.size / 10);
  });

  it('names the stop in the calendar', () => {
    const stop = stops[0]!;
    const text = fileOf(publication, stopCalendarFile(stop.record.id!));
    expect(text.replace(/\r\n /g, '')).toContain(`X-WR-CALNAME:${escapeText(stop.record.nom!)}`);
  });
});
