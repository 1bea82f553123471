import { describe, expect, it } from 'vitest';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { COORDINATION, col, gasWith, MENU, openDialog, sampleGas, sampleSheets, shown } from './helpers';
import { withRows } from './meeting-helpers';

const CREATE = 'Créer le formulaire d’inscription';

/** The sample's row of a meeting in Rencontres (1-based). */
function rowOfMeeting(sheets: Record<string, unknown[][]>, id: string): number {
  return sheets.Rencontres!.findIndex((r) => r[0] === id) + 1;
}

function answers(nom: string, courriel: string, structure = 'Médiathèque de Bellac') {
  return { 'Prénom et nom': nom, Structure: structure, Courriel: courriel };
}

describe('« Créer le formulaire d’inscription »', () => {
  it('creates the form of the selected meeting, its trigger, and writes its address in the row', () => {
    const sheets = sampleSheets();
    const { gas, ctx } = gasWith(sheets);
    gas.select('Rencontres', `C${rowOfMeeting(sheets, 'renc-018')}`);
    gas.runMenuItem(ctx, MENU, CREATE);
    expect(gas.forms).toHaveLength(1);
    const form = gas.forms[0]!;
    expect(form.title).toBe('Inscription : La déclaration trimestrielle du RSA (15/12/2026)');
    expect(form.description).toContain('Quand : mardi 15 décembre 2026, de 10:00 à 11:30');
    expect(form.description).toContain('Où : en visioconférence (le lien est envoyé aux inscrits)');
    expect(form.description).toContain('Places : 20 ;');
    expect(form.description).not.toMatch(/https?:/); // the video link stays private
    expect(form.items).toEqual([
      { title: 'Prénom et nom', required: true, validation: null, helpText: '' },
      {
        title: 'Structure',
        required: true,
        validation: null,
        helpText: 'La structure où vous travaillez (association, mairie, médiathèque…).',
      },
      {
        title: 'Courriel',
        required: true,
        validation: 'email',
        helpText: 'La confirmation et le rappel de la rencontre arrivent à cette adresse.',
      },
    ]);
    expect([form.published, form.accepting]).toEqual([true, true]);
    expect(gas.triggers.map((t) => [t.handlerFunction, t.eventType, t.sourceId, t.owner])).toEqual([
      ['triggerInscriptionFormulaire', 'ON_FORM_SUBMIT', form.id, COORDINATION],
    ]);
    const row = gas.values('Rencontres')[rowOfMeeting(sheets, 'renc-018') - 1]!;
    expect(row[col(gas, 'Rencontres', 'Formulaire d’inscription')]).toBe(form.publishedUrl);
    expect(shown(gas).at(-1)).toContain(form.publishedUrl);
    expect(gas.values('Journal').at(-1)![2]).toBe(CREATE);
    // A second time: the meeting already has its form.
    gas.runMenuItem(ctx, MENU, CREATE);
    expect(shown(gas).at(-1)).toBe(
      `${CREATE}|« La déclaration trimestrielle du RSA (15/12/2026) » a déjà son formulaire d’inscription : ${form.publishedUrl}`,
    );
    expect(gas.forms).toHaveLength(1);
  });

  it('asks for a meeting’s row, and refuses a past meeting', () => {
    const sheets = sampleSheets();
    const { gas, ctx } = gasWith(sheets);
    gas.select('Lieux', 'B3');
    gas.runMenuItem(ctx, MENU, CREATE);
    expect(shown(gas).at(-1)).toBe(
      `${CREATE}|Sélectionnez d’abord une case de la ligne de la rencontre, dans l’onglet Rencontres, puis relancez cette action.`,
    );
    gas.select('Rencontres', `B${rowOfMeeting(sheets, 'renc-016')}`);
    gas.runMenuItem(ctx, MENU, CREATE);
    expect(shown(gas).at(-1)).toMatch(/n’est pas une rencontre prévue à venir/);
    expect(gas.forms).toEqual([]);
    expect(gas.triggers).toEqual([]);
  });

  it('lands each answer in Inscriptions: inscrit while seats remain, then the waiting list, each told by mail', () => {
    const sheets = sampleSheets();
    const { gas, ctx } = gasWith(sheets);
    // renc-020: 12 seats, 10 registered in the sample.
    gas.select('Rencontres', `A${rowOfMeeting(sheets, 'renc-020')}`);
    gas.runMenuItem(ctx, MENU, CREATE);
    const url = gas.forms[0]!.publishedUrl;
    const before = gas.values('Inscriptions').length;
    gas.submitForm(ctx, url, answers('Anne Martin', 'Anne.Martin@bellac.example'));
    gas.advanceClock(60_000);
    gas.submitForm(ctx, url, answers('Paul Durand', 'paul@asso.example', '=Association'));
    gas.advanceClock(60_000);
    gas.submitForm(ctx, url, answers('Lucie Petit', 'lucie@ccas.example'));
    gas.submitForm(ctx, url, answers('Anne Martin', 'anne.martin@bellac.example')); // twice: kept once
    const rows = gas.values('Inscriptions').slice(before);
    expect(rows).toHaveLength(3);
    const c = (h: string) => col(gas, 'Inscriptions', h);
    expect(rows.map((r) => [r[c('Rencontre')], r[c('Nom')], r[c('Courriel')], r[c('Statut')]])).toEqual([
      ['renc-020', 'Anne Martin', 'anne.martin@bellac.example', 'inscrit'],
      ['renc-020', 'Paul Durand', 'paul@asso.example', 'inscrit'],
      ['renc-020', 'Lucie Petit', 'lucie@ccas.example', 'liste d’attente'],
    ]);
    expect(rows[1]![c('Structure')]).toBe('=Association'); // text, never a formula
    expect(gas.cell('Inscriptions', `D${before + 2}`).formula).toBe('');
    expect(rows.map((r) => String(r[c('Identifiant')]))).toEqual([
      expect.stringMatching(/^insc-/),
      expect.stringMatching(/^insc-/),
      expect.stringMatching(/^insc-/),
    ]);
    expect((rows[0]![c('Inscrit le')] as Date).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(rows.map((r) => r[c('État')])).toEqual(['OK', 'OK', 'OK']);
    expect(gas.sentMails.map((m) => [m.to, m.subject])).toEqual([
      ['anne.martin@bellac.example', 'Inscription confirmée : Accueillir les personnes allophones'],
      ['paul@asso.example', 'Inscription confirmée : Accueillir les personnes allophones'],
      ['lucie@ccas.example', 'Liste d’attente : Accueillir les personnes allophones'],
    ]);
    const journal = gas
      .values('Journal')
      .slice(-4)
      .map((r) => [r[2], r[4]]);
    expect(journal.at(-1)).toEqual([
      'Inscription par formulaire',
      expect.stringMatching(/^Anne Martin <anne\.martin@bellac\.example> a répondu une seconde fois/),
    ]);
    expect(journal[2]![1]).toMatch(
      /liste d’attente à « Accueillir les personnes allophones \(09\/02\/2027\) »/,
    );
  });

  it('makes the same service calls for an answer with 500 and 5,000 registrations', () => {
    const counts = [500, 5000].map((n) => {
      const sheets = withRows(sampleSheets(), 'Inscriptions', n);
      // Room below the last row in both (a full grid costs one more call to grow it).
      const { gas, ctx } = gasWith(sheets, { sheetSize: { rows: 6000 } });
      gas.select('Rencontres', `A${rowOfMeeting(sheets, 'renc-019')}`);
      gas.runMenuItem(ctx, MENU, CREATE);
      gas.resetCalls();
      gas.submitForm(ctx, gas.forms[0]!.publishedUrl, answers('Anne Martin', 'anne@bellac.example'));
      expect(gas.values('Inscriptions')).toHaveLength(n + 2);
      return { log: gas.calls.log, services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES) };
    });
    expect(counts[1]).toEqual(counts[0]);
    const log = counts[0]!.log;
    expect(log.filter((c) => c === 'Sheet.getSheetValues')).toHaveLength(3); // 2 tabs + the Journal’s header
    expect(log.filter((c) => c === 'Range.setValues')).toHaveLength(1);
    expect(log.filter((c) => c === 'MailApp.sendEmail')).toHaveLength(1);
    // Lock, the answer (3 questions: item, title, answer each), the form's address, its time, 2 tabs
    // read, the zone, the row appended (last row asked again), the mail and its quota, the Journal.
    expect(counts[0]!.services).toBe(32);
  });

  it('makes the same service calls to create a form with 500 and 5,000 meetings', () => {
    const counts = [500, 5000].map((n) => {
      const sheets = withRows(sampleSheets(), 'Rencontres', n);
      const { gas, ctx } = gasWith(sheets);
      gas.select('Rencontres', 'A21'); // a copy of renc-020
      gas.resetCalls();
      gas.runMenuItem(ctx, MENU, CREATE);
      expect(gas.forms).toHaveLength(1);
      return { log: gas.calls.log, services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES) };
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]!.log.filter((c) => c === 'Sheet.getSheetValues')).toHaveLength(2); // Rencontres + Journal
    expect(counts[0]!.log.filter((c) => c === 'Range.setValue')).toHaveLength(1); // the form's address
    expect(counts[0]!.services).toBe(47);
  });

  it('closes the form of a meeting once it is over and frees its trigger, the next morning', () => {
    const sheets = sampleSheets();
    let now = new Date('2026-12-01T09:00:00Z');
    const { gas, ctx } = gasWith(sheets, { now: () => now });
    gas.runMenuItem(ctx, MENU, 'Automatisations');
    for (const id of ['renc-018', 'renc-019']) {
      gas.select('Rencontres', `A${rowOfMeeting(sheets, id)}`);
      gas.runMenuItem(ctx, MENU, CREATE);
    }
    const [december, january] = gas.forms;
    gas.runTrigger(ctx, 'triggerRencontresQuotidien');
    expect(gas.forms.map((f) => f.accepting)).toEqual([true, true]);
    now = new Date('2026-12-16T06:00:00Z'); // the day after renc-018
    gas.runTrigger(ctx, 'triggerRencontresQuotidien');
    expect(gas.forms.map((f) => f.accepting)).toEqual([false, true]);
    expect(gas.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT').map((t) => t.sourceId)).toEqual([
      january!.id,
    ]);
    expect(String(gas.values('Journal').at(-1)![4])).toContain(
      'Formulaire d’inscription fermé (rencontre passée) : La déclaration trimestrielle du RSA (15/12/2026)',
    );
    expect(() => gas.submitForm(ctx, december!.publishedUrl, answers('Anne', 'anne@a.example'))).toThrow(
      /no longer accepting/,
    );
  });

  it('is refused to a partner: no form, no trigger', () => {
    const { gas, ctx } = sampleGas({ properties: { document: { MAILLAGE_COORDINATION: COORDINATION } } });
    gas.setUser('partenaire@commune.example');
    gas.select('Rencontres', 'A20');
    gas.runMenuItem(ctx, MENU, CREATE);
    expect(shown(gas).at(-1)).toMatch(/réservé à la coordination du réseau/);
    expect(gas.forms).toEqual([]);
    expect(gas.triggers).toEqual([]);
  });
});

describe('« Feuille d’émargement »', () => {
  const SHEET = 'Feuille d’émargement';

  it('shows the printable A4 sheet of the selected meeting: those registered by name, structures, a signature column', () => {
    const sheets = sampleSheets();
    const { gas, ctx } = gasWith(sheets);
    gas.select('Rencontres', `D${rowOfMeeting(sheets, 'renc-019')}`);
    const html = openDialog(gas, ctx, SHEET);
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).toContain('<th class="signature" scope="col">Signature</th>');
    expect(html).toContain('<h1>Feuille d’émargement — Vœux et programme 2027</h1>');
    expect(html).toContain('<p>mardi 19 janvier 2027, de 14:00 à 16:30</p>');
    // The 31 registered of renc-019 (the 3 unsubscribed are not listed), then 6 blank lines.
    const c = (h: string) => col(gas, 'Inscriptions', h);
    const registered = gas
      .values('Inscriptions')
      .slice(1)
      .filter((r) => r[c('Rencontre')] === 'renc-019' && r[c('Statut')] === 'inscrit')
      .map((r) => String(r[c('Nom')]))
      .sort((a, b) => a.localeCompare(b, 'fr'));
    expect(registered).toHaveLength(31);
    const names = [...html.matchAll(/<tr><td class="num">\d+<\/td><td>([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(names).toEqual(registered.map((n) => n.replace(/'/g, '&#39;')));
    expect(html.match(/<tr><td class="num">\d+<\/td><td><\/td><td><\/td><td><\/td><\/tr>/g)).toHaveLength(6);
    expect(html).toContain('31 inscrit(s)');
    expect(gas.values('Journal').at(-1)![2]).toBe(SHEET);
  });

  it('makes the same service calls with 500 and 5,000 registrations', () => {
    const counts = [500, 5000].map((n) => {
      const sheets = withRows(sampleSheets(), 'Inscriptions', n);
      const { gas, ctx } = gasWith(sheets);
      gas.select('Rencontres', `A${rowOfMeeting(sheets, 'renc-019')}`);
      gas.resetCalls();
      gas.runMenuItem(ctx, MENU, SHEET);
      expect(gas.uiLog.filter((e) => e.kind === 'modalDialog')).toHaveLength(1);
      return { log: gas.calls.log, services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES) };
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]!.log.filter((c) => c === 'Sheet.getSheetValues')).toHaveLength(3);
    // Lock, the selection, 2 tabs read, the zone, the Journal, the dialog (template, evaluate, size).
    expect(counts[0]!.services).toBe(26);
  });
});
