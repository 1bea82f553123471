import { describe, expect, it } from 'vitest';
import { TABS } from '../../../src/core/model';
import { RENCONTRES_FILE } from '../../../src/core/publish/index';
import { sampleWorkbook } from '../../helpers/workbook';
import { fileOf, NOW, parseCalendar, publishRaw, publishSample } from './helpers';

type Raw = Record<string, string[][]>;

function set(raw: Raw, id: string, key: string, value: string) {
  const at = raw.Rencontres![0]!.indexOf(TABS.Rencontres.columns.find((c) => c.key === key)!.header);
  const row = raw.Rencontres!.find((r) => r[0] === id)!;
  row[at] = value;
}

describe('rencontres.ics', () => {
  const text = fileOf(publishSample(), RENCONTRES_FILE);
  const events = parseCalendar(text);

  it('validates with ical.js and holds the public meetings only, in date order', () => {
    // 20 meetings in the sample, 4 steering committees not published.
    expect(events).toHaveLength(16);
    expect(events.map((e) => e.uid)).not.toContain('renc-004@maillage');
    expect(text).not.toMatch(/Comité de pilotage|Bilan du/);
    const starts = events.map((e) => e.start);
    expect([...starts].sort()).toEqual(starts);
  });

  it('gives Paris wall-clock times, the subject, the room or « En visioconférence », and cancellations', () => {
    const first = events.find((e) => e.uid === 'renc-001@maillage')!;
    expect(first.summary).toBe('Mon Compte CAF et la prime d’activité');
    expect(first.start).toBe('2026-01-20T08:30:00.000Z'); // 09:30 in Paris, winter time
    expect(first.location).toBe(
      'Médiathèque francophone, salle de conférence, 2 place Aimé-Césaire, Limoges',
    );
    expect(first.description).toMatch(/^Formation sur les services d’un opérateur \(CAF\)\.\nPublic : /);
    const video = events.find((e) => e.uid === 'renc-003@maillage')!;
    expect(video.location).toBe('En visioconférence');
    expect(video.start).toBe('2026-02-24T09:00:00.000Z');
    const summer = events.find((e) => e.uid === 'renc-007@maillage')!;
    expect(summer.start).toBe('2026-05-19T08:00:00.000Z'); // 10:00 in Paris, summer time
    const cancelled = events.find((e) => e.uid === 'renc-011@maillage')!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.summary).toMatch(/^Annulé — /);
  });

  it('never carries a video link, a note or a non-public meeting’s subject', () => {
    const raw = sampleWorkbook();
    set(raw, 'renc-003', 'lien_visio', 'https://visio.secret.example/salle-1234');
    set(raw, 'renc-002', 'notes', 'Traiteur : Mme Confidentielle 05 36 49 77 09');
    set(raw, 'renc-004', 'sujet', 'Budget confidentiel du réseau');
    const out = fileOf(publishRaw(raw), RENCONTRES_FILE);
    for (const secret of [
      'visio.secret.example',
      'Confidentielle',
      '05 36 49 77 09',
      'Budget confidentiel',
    ]) {
      expect(out).not.toContain(secret);
    }
  });

  it('leaves out a meeting row in error and a meeting turned non-public', () => {
    const raw = sampleWorkbook();
    set(raw, 'renc-005', 'fin', '08:00');
    set(raw, 'renc-006', 'publique', 'non');
    const uids = parseCalendar(fileOf(publishRaw(raw), RENCONTRES_FILE)).map((e) => e.uid);
    expect(uids).toHaveLength(14);
    expect(uids).not.toContain('renc-005@maillage');
    expect(uids).not.toContain('renc-006@maillage');
  });

  it('keeps DTSTAMP and SEQUENCE of unchanged meetings, and raises the sequence of a changed one', () => {
    const later = new Date(NOW.getTime() + 86_400_000);
    const raw = sampleWorkbook();
    set(raw, 'renc-018', 'debut', '10:30');
    const next = parseCalendar(
      fileOf(publishRaw(raw, { now: later, previousRencontres: text }), RENCONTRES_FILE),
    );
    const before = new Map(events.map((e) => [e.uid, e]));
    for (const e of next) {
      const old = before.get(e.uid)!;
      if (e.uid === 'renc-018@maillage') {
        expect(e.sequence).toBe(old.sequence + 1);
        expect(e.dtstamp).not.toBe(old.dtstamp);
      } else {
        expect([e.sequence, e.dtstamp]).toEqual([old.sequence, old.dtstamp]);
      }
    }
  });
});
