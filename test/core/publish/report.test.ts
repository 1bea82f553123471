import { describe, expect, it } from 'vitest';
import { addDaysIso } from '../../../src/core/calendar/civil';
import { holidayName } from '../../../src/core/calendar/holidays';
import { TABS, type TabName } from '../../../src/core/model';
import { checkDrop, feedEntries, refusalMessage } from '../../../src/core/publish/circuit-breaker';
import type { PlacesFeed } from '../../../src/core/publish/feed-types';
import {
  AGENDA_FILE,
  CALENDAR_FILE,
  DIAGNOSTIC_FILE,
  FEED_FILE,
  fileText,
  MAP_LIST_FILE,
  RENCONTRES_FILE,
  REPORT_FILE,
  STANDARD_CSV_FILE,
  unreadableTabProblems,
} from '../../../src/core/publish/index';
import type { Report } from '../../../src/core/publish/report';
import { sampleShiftDays, shiftSampleDates } from '../../../src/core/publish/sample-dates';
import { readWorkbook } from '../../../src/core/workbook';
import { sampleWorkbook } from '../../helpers/workbook';
import { fileOf, publishRaw, publishSample, TODAY, territory } from './helpers';

type Raw = Record<string, string[][]>;

function headerIndex(raw: Raw, tab: TabName, key: string): number {
  return raw[tab]![0]!.indexOf(TABS[tab].columns.find((c) => c.key === key)!.header);
}

function set(raw: Raw, tab: TabName, id: string, key: string, value: string) {
  const header = raw[tab]![0]!;
  const at = header.indexOf(TABS[tab].columns.find((c) => c.key === key)!.header);
  const row = raw[tab]!.find((r) => r[0] === id);
  if (!row || at < 0) throw new Error(`${tab} ${id} ${key}`);
  row[at] = value;
}

describe('private columns', () => {
  it('never reach any output, even when they look like public values or make a row fail', () => {
    const raw = sampleWorkbook();
    const secrets = {
      referentMail: 'camille.secret@referent-prive.example',
      referentPhone: '05 36 49 77 01',
      referentName: 'Gaspard Confidentiel',
      editor: 'editeur.cache@prive.example',
      notePhone: '05 36 49 77 02',
      noteText: 'Rappeler Mme Discrète',
      badPrivateMail: 'adresse-secrete-sans-arobase',
      relayMail: 'contact.relais@secret.example',
      relayName: 'Épicerie Très Discrète',
      relayBadMail: 'relais-secret-invalide@',
      networkReferentMail: 'gaspard.reseau@referent-prive.example',
      networkReferentPhone: '05 36 49 77 03',
      networkReferentName: 'Ombeline Réservée',
      registrantName: 'Philibert Inscrit-Secret',
      registrantMail: 'philibert@inscription-privee.example',
      videoLink: 'https://visio.secret.example/salle-privee',
      meetingNote: 'Traiteur réservé chez Mme Confidentielle',
      passNote: 'Chèques comptés par M. Secret-Pass',
      letterContent: 'Lettre envoyée à gaspard.lettre@prive.example',
    };
    set(raw, 'Lieux', 'lieu-0001', 'referent_courriel', secrets.referentMail);
    set(raw, 'Lieux', 'lieu-0001', 'referent_telephone', secrets.referentPhone);
    set(raw, 'Lieux', 'lieu-0001', 'referent_nom', secrets.referentName);
    set(raw, 'Lieux', 'lieu-0002', 'editeurs', secrets.editor);
    set(raw, 'Lieux', 'lieu-0003', 'referent_courriel', secrets.badPrivateMail); // makes the row fail
    set(raw, 'Permanences', 'perm-0300', 'notes', `${secrets.noteText} au ${secrets.notePhone}`);
    set(raw, 'Relais', 'relais-001', 'contact_courriel', secrets.relayMail);
    set(raw, 'Relais', 'relais-002', 'nom', secrets.relayName);
    set(raw, 'Relais', 'relais-003', 'contact_courriel', secrets.relayBadMail); // makes the row fail
    set(raw, 'Référents', 'ref-001', 'courriel', secrets.networkReferentMail);
    set(raw, 'Référents', 'ref-001', 'telephone', secrets.networkReferentPhone);
    set(raw, 'Référents', 'ref-002', 'nom', secrets.networkReferentName);
    set(raw, 'Inscriptions', 'insc-0001', 'nom', secrets.registrantName);
    set(raw, 'Inscriptions', 'insc-0002', 'courriel', secrets.registrantMail);
    set(raw, 'Rencontres', 'renc-003', 'lien_visio', secrets.videoLink); // a public meeting by video
    set(raw, 'Rencontres', 'renc-001', 'notes', secrets.meetingNote);
    raw['Pass Numérique']![1]![headerIndex(raw, 'Pass Numérique', 'notes')] = secrets.passNote;
    raw.Lettres![1]![headerIndex(raw, 'Lettres', 'contenu')] = secrets.letterContent;
    const publication = publishRaw(raw);
    expect(publication.report.rejets.map((r) => `${r.onglet}:${r.ligne}`)).toEqual(
      expect.arrayContaining(['Lieux:4', 'Relais:4']),
    );
    const variants = (v: string) => [v, v.replace(/\s/g, ''), v.replace(/^0/, '+33').replace(/\s/g, '')];
    const all = publication.files.map((f) => fileText(f)).join('\n');
    for (const [name, value] of Object.entries(secrets)) {
      for (const form of variants(value)) expect(all.includes(form), `${name}: ${form}`).toBe(false);
    }
    // The rejected rows are reported without quoting the private value.
    const report = JSON.parse(fileOf(publication, REPORT_FILE)) as Report;
    const lieu3 = report.rejets.find((r) => r.onglet === 'Lieux' && r.ligne === 4)!;
    expect(lieu3.problemes[0]).toMatchObject({
      colonne: 'Référent (courriel)',
      message: expect.stringMatching(/non publiée/),
    });
  });
});

describe('a bad row', () => {
  it('is left out of every output and reported with tab, row, column and message; the others are published', () => {
    const raw = sampleWorkbook();
    set(raw, 'Lieux', 'lieu-0005', 'pivot', '43493312300028'); // wrong SIRET check digit
    set(raw, 'Permanences', 'perm-0250', 'fin', '08:00'); // ends before it starts
    const publication = publishRaw(raw);
    const feed = JSON.parse(fileOf(publication, FEED_FILE)) as PlacesFeed;
    expect(feed.features.find((f) => f.id === 'lieu-0005')).toBeUndefined();
    expect(feed.features.filter((f) => f.properties.categorie === 'lieu')).toHaveLength(60);
    expect(fileOf(publication, STANDARD_CSV_FILE)).not.toMatch(/^lieu-0005,/m);
    expect(fileOf(publication, CALENDAR_FILE)).not.toContain('perm-0250@maillage');
    expect(fileOf(publication, CALENDAR_FILE)).toContain('perm-0251@maillage');
    const report = JSON.parse(fileOf(publication, REPORT_FILE)) as Report;
    expect(report.rejets).toEqual([
      {
        onglet: 'Lieux',
        ligne: 6,
        identifiant: 'lieu-0005',
        problemes: [
          {
            onglet: 'Lieux',
            ligne: 6,
            colonne: 'SIRET ou RNA ou RIDET',
            message: expect.stringMatching(/clé de contrôle/),
          },
        ],
      },
      {
        onglet: 'Permanences',
        ligne: 251,
        identifiant: 'perm-0250',
        problemes: [
          {
            onglet: 'Permanences',
            ligne: 251,
            colonne: 'Fin',
            message: expect.stringMatching(/après le début/),
          },
        ],
      },
    ]);
    expect(report.comptes.onglets.Lieux).toEqual({ lignes: 63, publiables: 62, rejetees: 1 });
    expect(report.comptes.lieux_publies).toBe(60);
  });
});

describe('the report', () => {
  it('counts what was read and published, and lists the files', () => {
    const publication = publishSample();
    const report = JSON.parse(fileOf(publication, REPORT_FILE)) as Report;
    expect(report).toMatchObject({
      date: TODAY,
      departement: { code: '87', nom: 'Haute-Vienne' },
      rejets: [],
      onglets: [],
      avertissements: [],
      fichiers: [
        STANDARD_CSV_FILE,
        CALENDAR_FILE,
        RENCONTRES_FILE,
        AGENDA_FILE,
        REPORT_FILE,
        DIAGNOSTIC_FILE,
        MAP_LIST_FILE,
        FEED_FILE,
      ],
      nom_recommande_fichier_national:
        '2026-11-28_reseau-departemental-d-inclusion-numerique-de-la-haute-vienne_lieux-de-mediation-numerique_haute-vienne.csv',
    });
    expect(report.comptes).toMatchObject({
      lieux_publies: 61,
      arrets_publies: publication.catalogue.stops.length,
      lieux_sur_la_carte: 61 + publication.catalogue.stops.length,
      permanences_calendrier: 568,
    });
  });

  it('names a missing tab or required column as unreadable', () => {
    const raw = sampleWorkbook();
    delete raw.Permanences;
    const workbook = readWorkbook(raw, { territory, today: TODAY });
    expect(unreadableTabProblems(workbook).map((p) => p.message)).toEqual([
      expect.stringMatching(/Onglet « Permanences » introuvable/),
    ]);
    const renamed = sampleWorkbook();
    renamed.Lieux![0] = renamed.Lieux![0]!.map((h) => (h === 'Nom' ? 'Nom du lieu' : h));
    const problems = unreadableTabProblems(readWorkbook(renamed, { territory, today: TODAY }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      tab: 'Lieux',
      column: 'Nom',
      message: expect.stringMatching(/introuvable/),
    });
    expect(unreadableTabProblems(readWorkbook(sampleWorkbook(), { territory, today: TODAY }))).toEqual([]);
  });
});

describe('the circuit breaker', () => {
  const feed = JSON.parse(fileOf(publishSample(), FEED_FILE)) as PlacesFeed;
  const previous = feedEntries(JSON.stringify(feed))!;
  const points = (features: PlacesFeed['features']) =>
    features.map((f) => ({ id: String(f.id), arret: f.properties.categorie === 'arret' }));
  const lieux = feed.features.filter((f) => f.properties.categorie === 'lieu');
  const arrets = feed.features.filter((f) => f.properties.categorie === 'arret');

  it('reads each feature’s category from the feed', () => {
    expect(previous.filter((e) => e.arret).map((e) => e.id)).toEqual(arrets.map((f) => f.id));
    expect(lieux.length).toBeGreaterThan(50);
    expect(arrets.length).toBeGreaterThanOrEqual(15);
  });

  it('judges fixed places apart from bus stops: a fifth and more of the places gone trips it, whatever the stops', () => {
    const n = lieux.length;
    const allowed = n - Math.floor(n * 0.2);
    expect(checkDrop(previous, points([...lieux.slice(0, allowed), ...arrets])).tripped).toBe(false);
    const quarter = checkDrop(previous, points([...lieux.slice(0, Math.floor(n * 0.77)), ...arrets]));
    // Counted together, 77 % of the places and every stop would be over 80 % of the points.
    expect(Math.floor(n * 0.77) + arrets.length).toBeGreaterThan(0.8 * feed.features.length);
    expect(quarter.tripped).toBe(true);
    expect(quarter.lieux.tripped).toBe(true);
    expect(quarter.arrets.tripped).toBe(false);
    expect(quarter.lieux.vanished.map((e) => e.id)).toEqual(
      lieux.slice(Math.floor(n * 0.77)).map((f) => f.id),
    );
    const message = refusalMessage(quarter, 3);
    expect(message).toMatch(/^Publication refusée/);
    const gone = n - Math.floor(n * 0.77);
    const pct = ((100 * gone) / n).toFixed(1).replace('.', ',');
    expect(message).toContain(
      `Lieux fixes : ${n} → ${Math.floor(n * 0.77)}, ${gone} disparus (${pct} %) — plus de 20 %`,
    );
    expect(message).toContain(quarter.lieux.vanished[0]!.nom);
    expect(message).toMatch(/… et \d+ autres/);
    expect(message).toMatch(/--forcer/);
    expect(message).toContain(`Arrêts du bus : ${arrets.length} → ${arrets.length}, 0 disparu (0,0 %)`);
  });

  it('trips when the bus stops vanish, even with every place kept', () => {
    const verdict = checkDrop(
      previous,
      points([...lieux, ...arrets.slice(0, Math.floor(arrets.length / 2))]),
    );
    expect(verdict.arrets.tripped).toBe(true);
    expect(verdict.lieux.tripped).toBe(false);
    expect(refusalMessage(verdict)).toMatch(/Arrêts du bus : .* — plus de 20 %\. Disparaîtraient :/);
  });

  it('counts renamed identifiers as vanished: 30 % renamed trips it, the count being the same', () => {
    const renamed = points([...lieux, ...arrets]).map((p, i) =>
      !p.arret && i < Math.ceil(lieux.length * 0.3) ? { ...p, id: `${p.id}-bis` } : p,
    );
    const verdict = checkDrop(previous, renamed);
    expect(verdict.lieux.next).toBe(verdict.lieux.previous);
    expect(verdict.lieux.vanished).toHaveLength(Math.ceil(lieux.length * 0.3));
    expect(verdict.tripped).toBe(true);
  });

  it('does not trip on a first publication or an unreadable previous feed', () => {
    expect(checkDrop(null, []).tripped).toBe(false);
    expect(checkDrop(null, []).first).toBe(true);
    expect(feedEntries('{not json')).toBeNull();
    expect(feedEntries(null)).toBeNull();
  });
});

describe('the sample’s dates', () => {
  it('move by whole weeks so that the reference day lands on the last same weekday on or before today', () => {
    expect(sampleShiftDays('2026-11-28')).toBe(0);
    expect(sampleShiftDays('2026-12-04')).toBe(0);
    expect(sampleShiftDays('2026-12-05')).toBe(7);
    expect(sampleShiftDays('2026-11-27')).toBe(-7);
    const days = sampleShiftDays('2031-06-18');
    expect(days % 7).toBe(0);
    expect(new Date(addDaysIso('2026-11-28', days)).getUTCDay()).toBe(new Date('2026-11-28').getUTCDay());
  });

  it('keep upcoming permanences and meetings whatever the day, and leave the directory alone', () => {
    const raw = sampleWorkbook();
    for (const today of ['2024-02-29', '2029-07-14', '2035-12-31']) {
      const days = sampleShiftDays(today);
      const shifted = shiftSampleDates(raw, days, '87') as Raw;
      expect(shifted.Lieux).toBe(raw.Lieux);
      const workbook = readWorkbook(shifted, { territory, today: addDaysIso('2026-11-28', days) });
      expect(workbook.problems).toEqual([]);
      const publication = publishRaw(shifted, { today });
      expect(publication.catalogue.stops.length).toBeGreaterThan(10);
      const first = publication.catalogue.stops
        .flatMap((s) => s.permanences!)
        .map((p) => p.date)
        .sort()[0]!;
      expect(first >= today).toBe(true);
      expect(Date.parse(first) - Date.parse(today)).toBeLessThan(14 * 86_400_000);
      // The network's life moves with the bus: meetings still to come, each registration before its meeting.
      const meetings = workbook.tables.Rencontres.rows.map((r) => r.record);
      const registrations = workbook.tables.Inscriptions.rows.map((r) => r.record);
      expect(meetings.filter((m) => m.date !== null && m.date >= today).length, today).toBeGreaterThan(0);
      const dayOf = new Map(meetings.map((m) => [m.id, m.date]));
      expect(registrations.length).toBeGreaterThan(80);
      expect(
        registrations.filter(
          (r) => String(r.inscrit_le).slice(0, 10) > String(dayOf.get(String(r.rencontre))),
        ),
      ).toEqual([]);
    }
  });

  it('never put a permanence on a public holiday, on any week of a year (Alsace-Moselle included)', () => {
    const raw = sampleWorkbook();
    const dateColumn = (raw.Permanences![0] as string[]).indexOf('Date');
    for (let week = 0; week < 53; week++) {
      const today = addDaysIso('2026-12-05', week * 7);
      const days = sampleShiftDays(today);
      for (const departement of ['87', '57']) {
        const rows = (shiftSampleDates(raw, days, departement) as Raw).Permanences!.slice(1);
        const dates = rows.map((r) => String(r[dateColumn]));
        expect(
          dates.filter((d) => holidayName(d, departement) !== null),
          today,
        ).toEqual([]);
        expect(rows.length).toBeGreaterThan(raw.Permanences!.length - 1 - 60);
      }
    }
    // 2026-12-05: the sample's 18 December permanences would land on Christmas; they are left out.
    const shifted = shiftSampleDates(raw, sampleShiftDays('2026-12-05'), '87') as Raw;
    const workbook = readWorkbook(shifted, { territory, today: '2026-12-05' });
    expect(workbook.problems.filter((p) => /férié/.test(p.message))).toEqual([]);
    expect(shifted.Permanences!.some((r) => r[dateColumn] === '2026-12-25')).toBe(false);
    expect(shifted.Permanences!.some((r) => r[dateColumn] === '2026-12-24')).toBe(true);
  });
});
