import { describe, expect, it } from 'vitest';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { COORDINATION, col, gasWith, MENU, openDialog, sampleSheets, shown } from './helpers';
import { withRows } from './meeting-helpers';

const LETTER = 'Envoyer la lettre du réseau…';
/** Wednesday 2 December 2026, 10:00 in Paris: the December letter has not gone yet. */
const DECEMBER = new Date('2026-12-02T09:00:00Z');
const SUBJECT = 'Lettre du réseau — décembre 2026 — Réseau d’inclusion numérique — Haute-Vienne (87)';

function letterGas(options: Parameters<typeof gasWith>[1] = {}, sheets = sampleSheets()) {
  return gasWith(sheets, { now: () => DECEMBER, ...options });
}

/** Addresses whose row of Référents records the month. */
function received(gas: ReturnType<typeof letterGas>['gas'], mois: string): string[] {
  const values = gas.values('Référents');
  const c = col(gas, 'Référents', 'Lettres reçues');
  const mail = col(gas, 'Référents', 'Courriel');
  return values
    .slice(1)
    .filter((r) => String(r[c]).split('|').includes(mois))
    .map((r) => String(r[mail]).toLowerCase());
}

function lettresRow(gas: ReturnType<typeof letterGas>['gas'], mois: string) {
  const [header, ...rows] = gas.values('Lettres');
  const found = rows.filter((r) => String(r[0]) === mois);
  expect(found).toHaveLength(1);
  return Object.fromEntries((header as string[]).map((h, i) => [h, found[0]![i]]));
}

interface SendResult {
  mois: string;
  envoyes: string[];
  nonEnvoyes: { to: string; reason: string }[];
  total: number;
  deja: number;
}

describe('« Envoyer la lettre du réseau… »', () => {
  it('shows the letter of the month, how many referents will get it and the quota', () => {
    const { gas, ctx } = letterGas();
    const content = openDialog(gas, ctx, LETTER);
    expect(content).toContain(`"sujet":"${SUBJECT}"`);
    expect(content).toContain('"mois":"2026-12"');
    expect(content).toMatch(/"destinataires":7\d,/);
    expect(content).toContain('"quota":100');
    expect(content).toContain('"essai":null');
    expect(content).toContain('<iframe id="apercu" title="Aperçu de la lettre"');
    expect(gas.sentMails).toEqual([]);
  });

  it('goes to oneself first: sending to the referents is refused before the test', () => {
    const { gas, ctx } = letterGas();
    expect(() => gas.runServerCall(ctx, 'lettreEnvoyer')).toThrow(/Envoyez-vous d’abord un essai/);
    expect(gas.sentMails).toEqual([]);
    const test = gas.runServerCall(ctx, 'lettreEssai') as { to: string; mois: string };
    expect(test).toEqual({ to: COORDINATION, mois: '2026-12' });
    expect(gas.sentMails).toHaveLength(1);
    const mail = gas.sentMails[0]!;
    expect(mail.to).toBe(COORDINATION);
    expect(mail.subject).toBe(`[Essai] ${SUBJECT}`);
    expect(mail.htmlBody).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(mail.htmlBody).toContain('Les chiffres de novembre 2026');
    expect(mail.body).toMatch(/^Lettre du réseau — décembre 2026\n=+\n/);
    expect(mail.body).not.toMatch(/<[a-z]/);
    expect(mail.name).toBe('Réseau d’inclusion numérique — Haute-Vienne (87)');
    expect(gas.values('Journal').at(-1)!.slice(2, 5)).toEqual([
      LETTER,
      0,
      `Lettre de 2026-12 : essai envoyé à ${COORDINATION}.`,
    ]);
    // Nothing recorded as sent yet.
    expect(gas.values('Lettres').filter((r) => r[0] === '2026-12')).toEqual([]);
  });

  it('sends within the quota, lists the rest everywhere, and the next run sends only to them', () => {
    const { gas, ctx } = letterGas();
    gas.runServerCall(ctx, 'lettreEssai');
    gas.mail.remaining = 5;
    const before = gas.sentMails.length;
    const first = gas.runServerCall(ctx, 'lettreEnvoyer') as SendResult;
    const total = first.envoyes.length + first.nonEnvoyes.length;
    expect(total).toBeGreaterThan(70);
    expect(first.envoyes).toHaveLength(5);
    expect(first.total).toBe(5);
    expect(first.nonEnvoyes.every((n) => /quota quotidien/.test(n.reason))).toBe(true);
    const mails = gas.sentMails.slice(before);
    expect(mails.map((m) => m.to)).toEqual(first.envoyes);
    expect(
      mails.every((m) => m.subject === SUBJECT && m.htmlBody?.includes('<h1') && m.body.length > 200),
    ).toBe(true);
    expect(received(gas, '2026-12').sort()).toEqual([...first.envoyes].sort());
    const row = lettresRow(gas, '2026-12');
    expect(row.Destinataires).toBe(5);
    expect(row['Envoyée le']).toEqual(DECEMBER);
    expect(String(row['Non envoyés']).split(', ')).toEqual(first.nonEnvoyes.map((n) => n.to));
    expect(String(row.Contenu)).toMatch(
      /^Lieux nouveaux ou mis à jour : \d+ .* ; permanences du bus en janvier 2027 : \d+ ; chiffres de novembre 2026 : /,
    );
    const journal = gas.values('Journal').at(-1)!;
    expect(journal[2]).toBe(LETTER);
    expect(journal[3]).toBe(5);
    expect(
      String(journal[4])
        .split('\n')
        .filter((l) => l.startsWith('Non envoyé à')),
    ).toHaveLength(total - 5);

    // Another day: only those still waiting; the same Lettres row is updated.
    gas.mail.remaining = 1000;
    const second = gas.runServerCall(ctx, 'lettreEnvoyer') as SendResult;
    expect(second.envoyes.sort()).toEqual(first.nonEnvoyes.map((n) => n.to).sort());
    expect(second.total).toBe(total);
    expect(second.deja).toBe(5);
    const all = gas.sentMails.slice(before).map((m) => m.to);
    expect(new Set(all).size).toBe(all.length);
    expect(lettresRow(gas, '2026-12')).toMatchObject({ Destinataires: total, 'Non envoyés': '' });
    expect(received(gas, '2026-12')).toHaveLength(total);
    // Nothing left: a third run says so and sends nothing.
    expect(() => gas.runServerCall(ctx, 'lettreEnvoyer')).toThrow(
      new RegExp(`La lettre de ce mois est déjà envoyée le .* à ${total} référents : rien à renvoyer\\.`),
    );
    expect(gas.sentMails.slice(before)).toHaveLength(total);
  });

  it('skips those who said no and sends once per address', () => {
    const sheets = sampleSheets();
    const [header, ...rows] = sheets.Référents!;
    const h = header as string[];
    rows[0]![h.indexOf('Reçoit la lettre')] = false;
    rows[2]![h.indexOf('Courriel')] = rows[1]![h.indexOf('Courriel')];
    const { gas, ctx } = letterGas({ mailQuota: 1000 }, sheets);
    gas.runServerCall(ctx, 'lettreEssai');
    const result = gas.runServerCall(ctx, 'lettreEnvoyer') as SendResult;
    const addresses = rows.map((r) => String(r[h.indexOf('Courriel')]).toLowerCase());
    const wanted = rows
      .filter((r) => r[h.indexOf('Reçoit la lettre')] !== false)
      .map((r) => String(r[h.indexOf('Courriel')]).toLowerCase());
    expect(wanted.length).toBeLessThan(rows.length - 1); // the sample has other referents who said no
    expect(result.envoyes).not.toContain(addresses[0]);
    expect(result.envoyes.filter((a) => a === addresses[1])).toHaveLength(1);
    expect(result.envoyes.sort()).toEqual([...new Set(wanted)].sort());
    // Both rows of the shared address record the month.
    const values = gas.values('Référents');
    const c = col(gas, 'Référents', 'Lettres reçues');
    // The sample's referents already record June to November; December is added after them.
    expect([values[2]![c], values[3]![c]].map((v) => String(v).split('|').at(-1))).toEqual([
      '2026-12',
      '2026-12',
    ]);
    expect(String(values[2]![c])).toMatch(/^2026-06\|2026-07\|.*\|2026-11\|2026-12$/);
    expect(String(values[1]![c])).not.toContain('2026-12');
  });

  it('says the letter already went when the Lettres tab records it complete (the sample’s November letter)', () => {
    const { gas, ctx } = letterGas({ now: () => new Date('2026-11-30T09:00:00Z') });
    const content = openDialog(gas, ctx, LETTER);
    expect(content).toContain('"envoyee":"déjà envoyée le 04/11/2026 (10:00) à 71 référents"');
    expect(content).toContain('"destinataires":0');
  });

  it('in the first days of January, sends December’s letter when asked, never an older one', () => {
    const { gas, ctx } = letterGas({ now: () => new Date('2027-01-04T09:00:00Z'), mailQuota: 1000 });
    const content = openDialog(gas, ctx, LETTER);
    expect(content).toContain(
      '"moisPossibles":[{"key":"2027-01","label":"janvier 2027"},{"key":"2026-12","label":"décembre 2026"}]',
    );
    expect(content).toContain('"mois":"2027-01"');
    const december = gas.runServerCall(ctx, 'lettreApercu', '2026-12') as { sujet: string; html: string };
    expect(december.sujet).toBe(SUBJECT);
    // Seen from its last day: November's figures, January's passages.
    expect(december.html).toContain('données au 31 décembre 2026');
    expect(december.html).toContain('Le bus numérique en janvier 2027');
    expect(() => gas.runServerCall(ctx, 'lettreEssai', '2026-10')).toThrow(
      'La lettre ne part que pour janvier 2027 ou décembre 2026 : choisissez l’un de ces mois.',
    );
    // A test of January does not open December's send.
    gas.runServerCall(ctx, 'lettreEssai', '2027-01');
    expect(() => gas.runServerCall(ctx, 'lettreEnvoyer', '2026-12')).toThrow(/Envoyez-vous d’abord un essai/);
    gas.runServerCall(ctx, 'lettreEssai', '2026-12');
    const sent = gas.runServerCall(ctx, 'lettreEnvoyer', '2026-12') as SendResult;
    expect(sent.mois).toBe('2026-12');
    expect(sent.envoyes.length).toBeGreaterThan(60);
    expect(lettresRow(gas, '2026-12')).toMatchObject({
      Destinataires: sent.envoyes.length,
      'Non envoyés': '',
    });
    expect(gas.values('Lettres').filter((r) => r[0] === '2027-01')).toEqual([]);
  });

  it('makes the same service calls with 500 and 5,000 referents (quota 100)', () => {
    const counts = [500, 5000].map((n) => {
      const sheets = withRows(sampleSheets(), 'Référents', n);
      const optIn = (sheets.Référents![0] as string[]).indexOf('Reçoit la lettre');
      const waiting = sheets.Référents!.slice(1).filter((r) => r[optIn] !== false).length;
      const { gas, ctx } = letterGas({ mailQuota: 101 }, sheets);
      gas.runServerCall(ctx, 'lettreEssai');
      gas.resetCalls();
      const result = gas.runServerCall(ctx, 'lettreEnvoyer') as SendResult;
      expect(result.envoyes).toHaveLength(100);
      expect(result.nonEnvoyes).toHaveLength(waiting - 100);
      // The Lettres cell lists 500 addresses at most, then how many more.
      const unsent = String(lettresRow(gas, '2026-12')['Non envoyés']);
      expect(unsent.length).toBeLessThan(50_000);
      if (n === 5000)
        expect(unsent).toMatch(
          new RegExp(` et ${waiting - 600} autres \\(sans « Lettres reçues » dans l’onglet Référents\\)$`),
        );
      return { log: gas.calls.log, services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES) };
    });
    expect(counts[1]).toEqual(counts[0]);
    const log = counts[0]!.log;
    expect(log.filter((c) => c === 'MailApp.sendEmail')).toHaveLength(100);
    expect(log.filter((c) => c === 'MailApp.sendEmail' || c.startsWith('MailApp.')).length).toBe(101);
    // Six tabs read once each, the Journal's header; Référents' column and the Lettres row written once each.
    expect(log.filter((c) => c === 'Sheet.getSheetValues')).toHaveLength(7);
    expect(log.filter((c) => c === 'Range.setValues')).toHaveLength(1);
    expect(log.filter((c) => c === 'Sheet.appendRow')).toHaveLength(2);
    expect(log.filter((c) => c !== 'MailApp.sendEmail')).toMatchInlineSnapshot(`
      [
        "PropertiesService.getDocumentProperties",
        "Properties.getProperty",
        "SpreadsheetApp.getActiveSpreadsheet",
        "Session.getActiveUser",
        "User.getEmail",
        "LockService.getScriptLock",
        "Lock.tryLock",
        "SpreadsheetApp.getActiveSpreadsheet",
        "Spreadsheet.getSpreadsheetTimeZone",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "PropertiesService.getDocumentProperties",
        "Properties.getProperty",
        "MailApp.getRemainingDailyQuota",
        "Sheet.getRange",
        "Range.setValues",
        "Sheet.appendRow",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Sheet.appendRow",
        "Lock.releaseLock",
      ]
    `);
  });

  it('is refused to a partner, and nothing is sent', () => {
    const { gas, ctx } = letterGas({ properties: { document: { MAILLAGE_COORDINATION: COORDINATION } } });
    gas.setUser('partenaire@commune.example');
    expect(() => gas.runServerCall(ctx, 'lettreEssai')).toThrow(/réservé à la coordination/);
    expect(() => gas.runServerCall(ctx, 'lettreEnvoyer')).toThrow(/réservé à la coordination/);
    gas.runMenuItem(ctx, MENU, LETTER);
    expect(shown(gas).at(-1)).toMatch(/réservé à la coordination du réseau/);
    expect(gas.sentMails).toEqual([]);
  });
});
