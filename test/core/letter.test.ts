/**
 * The network's monthly letter on the sample workbook: which month each part looks at, across a whole
 * year (December -> January both ways), what it never contains, and how mail clients get it.
 */
import { describe, expect, it } from 'vitest';
import { addDaysIso } from '../../src/core/calendar/civil';
import { ofMonthText } from '../../src/core/french/dates';
import {
  buildLetter,
  type Letter,
  letterRecipients,
  letterSummary,
  MAX_LISTED_UNSENT,
  MAX_STALE_LISTED,
  renderLetterHtml,
  renderLetterText,
  unsentCell,
} from '../../src/core/letter';
import { type Referent, TABS, type TabName } from '../../src/core/model';
import { readWorkbook } from '../../src/core/workbook';
import { loadTerritory } from '../../src/node/territory';
import { sampleWorkbook } from '../helpers/workbook';

const territory = loadTerritory('87');
const RESEAU = 'Réseau d’inclusion numérique — Haute-Vienne (87)';
type Raw = Record<string, string[][]>;

/** The sample is written for this day (before it held, after it planned): read as of it, whatever the letter's day. */
const SAMPLE_DAY = '2026-11-28';

function letterOf(mois: string, today: string, raw: Raw = sampleWorkbook(), publicOnly = false): Letter {
  const wb = readWorkbook(raw, { territory, today: SAMPLE_DAY });
  expect(wb.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
  return buildLetter(wb.tables, { mois, today, reseau: RESEAU, publicOnly });
}

function set(raw: Raw, tab: TabName, id: string, key: string, value: string) {
  const at = raw[tab]![0]!.indexOf(TABS[tab].columns.find((c) => c.key === key)!.header);
  const row = raw[tab]!.find((r) => r[0] === id);
  if (!row || at < 0) throw new Error(`${tab} ${id} ${key}`);
  row[at] = value;
}

const pad = (n: number) => String(n).padStart(2, '0');

describe('the letter of each month of 2026 (written on the 15th)', () => {
  for (let m = 1; m <= 12; m++) {
    const mois = `2026-${pad(m)}`;
    const next = m === 12 ? '2027-01' : `2026-${pad(m + 1)}`;
    const previous = m === 1 ? '2025-12' : `2026-${pad(m - 1)}`;
    it(`${mois}: places of ${mois}, passages of ${next}, figures of ${previous}`, () => {
      const today = `${mois}-15`;
      const letter = letterOf(mois, today);
      expect(letter.mois.key).toBe(mois);
      expect(letter.jour).toBe(today);
      expect(letter.passages.mois.key).toBe(next);
      expect(letter.chiffres.indicateurs.period.key).toBe(previous);
      for (const p of [...letter.nouveaux, ...letter.misAJour]) {
        expect(p.date! >= `${mois}-01` && p.date! <= today, p.id).toBe(true);
      }
      expect(letter.passages.lignes.length).toBeGreaterThan(0);
      for (const p of letter.passages.lignes) expect(p.date.slice(0, 7)).toBe(next);
      for (const r of letter.rencontres) {
        expect(r.date >= today && r.date <= letter.rencontresJusquAu, r.id).toBe(true);
      }
      for (const s of letter.anciens) expect(s.date === null || s.date < addDaysIso(today, -150)).toBe(true);
      // The text says which months it speaks of.
      const text = renderLetterText(letter);
      expect(text).toContain(`Les chiffres ${ofMonthText(previous)}`);
    });
  }

  it('January 2027 looks back on December 2026 and ahead to February 2027', () => {
    const letter = letterOf('2027-01', '2027-01-04');
    expect(letter.chiffres.indicateurs.period).toMatchObject({ du: '2026-12-01', au: '2026-12-31' });
    expect(letter.passages.mois).toMatchObject({ du: '2027-02-01', au: '2027-02-28' });
    expect(letter.rencontres.map((r) => r.id)).toEqual(['renc-019', 'renc-020']);
    expect(letter.rencontresJusquAu).toBe('2027-03-31');
  });

  it('brings today into the month: a past month is seen from its last day, a coming one from its first', () => {
    expect(letterOf('2026-06', '2026-11-28').jour).toBe('2026-06-30');
    expect(letterOf('2027-02', '2026-11-28').jour).toBe('2027-02-01');
  });
});

describe('what the letter of November 2026 says (written on 28 November)', () => {
  const letter = letterOf('2026-11', '2026-11-28');

  it('lists the places updated in November, the stale ones with the reminders’ rule, the next meetings', () => {
    expect(letter.misAJour.map((p) => p.id).sort()).toEqual([
      'lieu-0001',
      'lieu-0024',
      'lieu-0047',
      'lieu-0048',
    ]);
    expect(letter.anciensMois).toBe(6);
    expect(letter.anciens.length).toBeGreaterThan(MAX_STALE_LISTED);
    expect(letter.anciens.every((p) => p.date === null || p.date < '2026-05-28')).toBe(true);
    expect(letter.rencontres.map((r) => [r.id, r.reserveeAuReseau, r.lieu === null])).toEqual([
      ['renc-017', true, false],
      ['renc-018', false, true],
      ['renc-019', false, false],
    ]);
  });

  it('renders a mail-client document: French, headings, headed tables, inline styles, no script, nothing fetched', () => {
    const html = renderLetterHtml(letter);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(html).toContain('<title>Lettre du réseau — novembre 2026</title>');
    expect(html).toContain('<h1');
    expect(html.match(/<h2 /g)).toHaveLength(5);
    expect(html).not.toMatch(/<script|<link|<style|<img|<iframe|\ssrc=|url\(|@import|javascript:/i);
    expect(html).not.toMatch(/\sclass=/);
    expect(html).toContain('<th scope="col"');
    expect(html).toContain('<th scope="row"');
    // Layout tables say they are layout; every data table has a caption.
    expect((html.match(/<table role="presentation"/g) ?? []).length).toBe(2);
    expect((html.match(/<table /g) ?? []).length - 2).toBe((html.match(/<caption/g) ?? []).length);
    expect(html).toContain('Les chiffres d’octobre 2026');
    expect(html).toContain('Réservée aux membres du réseau');
    expect(html).toContain('En visioconférence (le lien est envoyé aux inscrits)');
    expect(html).toContain(`et ${letter.anciens.length - MAX_STALE_LISTED} autres fiches`);
  });

  it('has a plain-text alternative with the same figures and a summary for the Lettres tab', () => {
    const text = renderLetterText(letter);
    const i = letter.chiffres.indicateurs;
    expect(text).toContain(`- Permanences réalisées : ${i.permanences.realisees}\n`);
    expect(text).toContain(`- Personnes reçues : ${i.personnesRecues}\n`);
    expect(text).not.toMatch(/<[a-z]/i);
    expect(letterSummary(letter)).toBe(
      `Lieux nouveaux ou mis à jour : 4 (${[...letter.nouveaux, ...letter.misAJour].map((p) => p.id).join(', ')}) ; lieux à mettre à jour : ${letter.anciens.length} ; rencontres : renc-017, renc-018, renc-019 ; permanences du bus en décembre 2026 : ${letter.passages.lignes.length} ; chiffres d’octobre 2026 : ${i.permanences.realisees} permanences réalisées, ${i.personnesRecues} personnes reçues, ${i.accompagnements.total} accompagnements.`,
    );
  });

  it('a public version leaves out the meetings reserved to the network', () => {
    const publicLetter = letterOf('2026-11', '2026-11-28', sampleWorkbook(), true);
    expect(publicLetter.rencontres.map((r) => r.id)).toEqual(['renc-018', 'renc-019']);
    expect(renderLetterHtml(publicLetter)).not.toContain('Réservée aux membres');
  });
});

describe('private columns', () => {
  it('never reach the letter, even in the rows it cites', () => {
    const raw = sampleWorkbook();
    const secrets = {
      referentMail: 'camille.secret@referent-prive.example',
      referentName: 'Gaspard Confidentiel',
      referentPhone: '05 36 49 77 01',
      editor: 'editeur.cache@prive.example',
      networkReferentMail: 'gaspard.reseau@referent-prive.example',
      networkReferentName: 'Ombeline Réservée',
      registrantName: 'Philibert Inscrit-Secret',
      registrantMail: 'philibert@inscription-privee.example',
      videoLink: 'https://visio.secret.example/salle-privee',
      meetingNote: 'Traiteur réservé chez Mme Confidentielle',
      permanenceNote: 'Rappeler Mme Discrète',
      relayMail: 'contact.relais@secret.example',
      passNote: 'Chèques comptés par M. Secret-Pass',
    };
    // Places cited as updated (lieu-0048) and stale (lieu-0010), meetings cited (renc-017, renc-018).
    set(raw, 'Lieux', 'lieu-0048', 'referent_courriel', secrets.referentMail);
    set(raw, 'Lieux', 'lieu-0048', 'referent_nom', secrets.referentName);
    set(raw, 'Lieux', 'lieu-0048', 'referent_telephone', secrets.referentPhone);
    set(raw, 'Lieux', 'lieu-0048', 'editeurs', secrets.editor);
    set(raw, 'Référents', 'ref-001', 'courriel', secrets.networkReferentMail);
    set(raw, 'Référents', 'ref-001', 'nom', secrets.networkReferentName);
    set(raw, 'Rencontres', 'renc-018', 'lien_visio', secrets.videoLink);
    set(raw, 'Rencontres', 'renc-017', 'notes', secrets.meetingNote);
    const registration = raw.Inscriptions!.find((r) => r.includes('renc-018'))!;
    set(raw, 'Inscriptions', registration[0]!, 'nom', secrets.registrantName);
    set(raw, 'Inscriptions', registration[0]!, 'courriel', secrets.registrantMail);
    const december = raw.Permanences!.find((r) => r[1]?.endsWith('/12/2026'))!;
    set(raw, 'Permanences', december[0]!, 'notes', secrets.permanenceNote);
    set(raw, 'Relais', 'relais-001', 'contact_courriel', secrets.relayMail);
    const passNotes = raw['Pass Numérique']![0]!.indexOf('Notes');
    raw['Pass Numérique']![1]![passNotes] = secrets.passNote;
    const letter = letterOf('2026-11', '2026-11-28', raw);
    expect(letter.misAJour.map((p) => p.id)).toContain('lieu-0048');
    expect(letter.rencontres.map((r) => r.id)).toContain('renc-018');
    expect(letter.passages.lignes.map((p) => p.id)).toContain(december[0]);
    const all = [renderLetterHtml(letter), renderLetterText(letter), letterSummary(letter)].join('\n');
    const variants = (v: string) => [v, v.replace(/\s/g, ''), v.replace(/^0/, '+33').replace(/\s/g, '')];
    for (const [name, value] of Object.entries(secrets)) {
      for (const form of variants(value)) expect(all.includes(form), `${name}: ${form}`).toBe(false);
    }
    expect(all).not.toMatch(/@/);
  });
});

describe('French months', () => {
  it('elides « de » before a vowel', () => {
    expect(['2026-01', '2026-04', '2026-08', '2026-10', '2026-12'].map(ofMonthText)).toEqual([
      'de janvier 2026',
      'd’avril 2026',
      'd’août 2026',
      'd’octobre 2026',
      'de décembre 2026',
    ]);
  });
});

describe('the letter’s recipients', () => {
  const referent = (row: number, courriel: string | null, extra: Partial<Referent> = {}) => ({
    row,
    record: {
      id: `ref-${row}`,
      nom: `Personne ${row}`,
      fonction: null,
      structure: null,
      courriel,
      telephone: null,
      lieux: [],
      lettre: null,
      invitations: [],
      lettres: [],
      etat: null,
      problemes: null,
      modifie_le: null,
      modifie_par: null,
      ...extra,
    } as Referent,
  });

  it('one mail per address, never to those who said no, nor again to an address that got the month', () => {
    const plan = letterRecipients(
      [
        referent(2, 'a@x.example'),
        referent(3, 'A@X.example '), // same address, other row
        referent(4, 'b@x.example', { lettre: false }),
        referent(5, 'pas-une-adresse'),
        referent(6, 'c@x.example', { lettres: ['2026-11', '2026-12'] }),
        referent(7, 'c@x.example'), // its address already got December through row 6
        referent(8, 'd@x.example', { lettre: true, lettres: ['2026-11'] }),
      ],
      '2026-12',
    );
    expect(plan.toSend.map((r) => [r.to, r.rows.map((x) => x.row)])).toEqual([
      ['a@x.example', [2, 3]],
      ['d@x.example', [8]],
    ]);
    expect(plan.already).toBe(1);
    expect(plan.optedOut).toBe(1);
    expect(plan.withoutEmail.map((r) => r.row)).toEqual([5]);
  });

  it('lists the unsent in one cell, at most 500 addresses, then how many more', () => {
    const addresses = Array.from({ length: 1203 }, (_, i) => `personne${i}@structure.example`);
    expect(unsentCell(addresses.slice(0, 2))).toBe(
      'personne0@structure.example, personne1@structure.example',
    );
    const cell = unsentCell(addresses);
    expect(cell.length).toBeLessThan(50_000);
    expect(cell.split(', ')).toHaveLength(MAX_LISTED_UNSENT);
    expect(cell).toMatch(
      /personne499@structure\.example et 703 autres \(sans « Lettres reçues » dans l’onglet Référents\)$/,
    );
    expect(unsentCell([])).toBe('');
  });
});
