import { describe, expect, it } from 'vitest';
import { addDaysIso } from '../../src/core/calendar/civil';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { col, gasWith, MENU, sampleSheets } from './helpers';
import { at, headerOf, rowOf, withRows } from './meeting-helpers';

const PURGE = 'Purger les anciennes inscriptions';
const DAILY = 'triggerRencontresQuotidien';

/** 10:00 in Paris on a day of winter. */
function parisMorning(iso: string): Date {
  return new Date(`${iso}T09:00:00Z`);
}

function withClock(sheets: Record<string, unknown[][]>, day: string, options = {}) {
  let now = parisMorning(day);
  const made = gasWith(sheets, { now: () => now, ...options });
  made.gas.runMenuItem(made.ctx, MENU, 'Automatisations');
  return {
    ...made,
    setDay(iso: string) {
      now = parisMorning(iso);
    },
  };
}

describe('the meetings’ daily round', () => {
  it('reminds those registered two days before, once, and no one else', () => {
    const { gas, ctx, setDay } = withClock(sampleSheets(), '2026-12-12');
    gas.runTrigger(ctx, DAILY);
    expect(gas.sentMails).toEqual([]); // renc-018 is on the 15th: three days ahead
    setDay('2026-12-13');
    gas.runTrigger(ctx, DAILY);
    // renc-018: 14 registered, 1 unsubscribed (not reminded).
    expect(gas.sentMails).toHaveLength(14);
    const mail = gas.sentMails[0]!;
    expect(mail.subject).toBe('Rappel : La déclaration trimestrielle du RSA — mardi 15 décembre 2026');
    expect(mail.body).toMatch(/^Bonjour .+,\n\nVous êtes inscrit\(e\) à la rencontre :/);
    expect(mail.body).toContain('Où : en visioconférence : https://visio.reseau-numerique-87.example/');
    const values = gas.values('Inscriptions');
    const rappel = col(gas, 'Inscriptions', 'Rappel envoyé le');
    const reminded = values.slice(1).filter((r) => r[rappel] instanceof Date);
    expect(reminded).toHaveLength(14);
    expect(reminded.every((r) => r[col(gas, 'Inscriptions', 'Rencontre')] === 'renc-018')).toBe(true);
    expect(reminded.every((r) => r[col(gas, 'Inscriptions', 'Statut')] === 'inscrit')).toBe(true);
    const journal = gas.values('Journal').at(-1)!;
    expect(journal[2]).toBe('Rappels des rencontres et listes d’attente');
    expect(journal[3]).toBe(14);
    // The next run, the same day or the day before the meeting: nothing twice.
    gas.runTrigger(ctx, DAILY);
    setDay('2026-12-14');
    gas.runTrigger(ctx, DAILY);
    expect(gas.sentMails).toHaveLength(14);
  });

  it('catches up the reminders the quota held back, the next day', () => {
    const { gas, ctx, setDay } = withClock(sampleSheets(), '2026-12-13', { mailQuota: 5 });
    gas.runTrigger(ctx, DAILY);
    expect(gas.sentMails).toHaveLength(5);
    const details = String(gas.values('Journal').at(-1)![4]);
    expect(details.split('\n').filter((l) => l.startsWith('Rappel non envoyé à'))).toHaveLength(9);
    gas.mail.remaining = 100;
    setDay('2026-12-14');
    gas.runTrigger(ctx, DAILY);
    expect(gas.sentMails).toHaveLength(14);
    expect(new Set(gas.sentMails.map((m) => m.to)).size).toBe(14);
  });

  it('gives a freed seat to the first on the waiting list, who is told by mail', () => {
    const sheets = sampleSheets();
    // renc-020 (9 February 2027): 10 registered; 10 seats.
    const rencontres = sheets.Rencontres!;
    rencontres.find((r) => r[0] === 'renc-020')![at('Rencontres', 'capacite')] = 10;
    const inscriptions = sheets.Inscriptions!;
    const waiting = (id: string, nom: string, when: string) =>
      rowOf('Inscriptions', {
        id,
        rencontre: 'renc-020',
        nom,
        structure: 'Médiathèque',
        courriel: `${id}@mediatheque.example`,
        inscrit_le: when,
        statut: 'liste d’attente',
      });
    inscriptions.push(
      waiting('insc-9001', 'Claire Second', '2027-01-06 10:00'),
      waiting('insc-9002', 'Anne Premier', '2027-01-05 18:00'),
      waiting('insc-9003', 'Marc Troisième', '2027-01-07 08:00'),
    );
    const { gas, ctx } = withClock(sheets, '2027-01-10');
    gas.runTrigger(ctx, DAILY);
    expect(gas.sentMails).toEqual([]); // full: nobody moves
    // The coordinator marks one registered person « désinscrit ».
    const statut = col(gas, 'Inscriptions', 'Statut');
    const values = gas.values('Inscriptions');
    const row = values.findIndex((r, i) => i > 0 && r[1] === 'renc-020' && r[statut] === 'inscrit') + 1;
    gas.uncounted(() =>
      gas.spreadsheet
        .getSheetByName('Inscriptions')!
        .getRange(row, statut + 1)
        .setValue('désinscrit'),
    );
    gas.runTrigger(ctx, DAILY);
    expect(gas.sentMails.map((m) => m.to)).toEqual(['insc-9002@mediatheque.example']);
    expect(gas.sentMails[0]!.subject).toBe('Une place s’est libérée : Accueillir les personnes allophones');
    expect(gas.sentMails[0]!.body).toContain(
      'vous êtes maintenant inscrit(e) à « Accueillir les personnes allophones »',
    );
    const after = gas.values('Inscriptions');
    const byId = (id: string) => after.find((r) => r[0] === id)![statut];
    expect([byId('insc-9002'), byId('insc-9001'), byId('insc-9003')]).toEqual([
      'inscrit',
      'liste d’attente',
      'liste d’attente',
    ]);
    expect(String(gas.values('Journal').at(-1)![4])).toContain('Liste d’attente → inscrit');
    gas.runTrigger(ctx, DAILY);
    expect(gas.sentMails).toHaveLength(1);

    // Another seat freed: the coordinator gives it at once from the menu.
    const again = gas.values('Inscriptions');
    const next = again.findIndex((r, i) => i > 0 && r[1] === 'renc-020' && r[statut] === 'inscrit') + 1;
    gas.uncounted(() =>
      gas.spreadsheet
        .getSheetByName('Inscriptions')!
        .getRange(next, statut + 1)
        .setValue('désinscrit'),
    );
    gas.runMenuItem(ctx, MENU, 'Listes d’attente et rappels maintenant');
    expect(gas.sentMails.map((m) => m.to)).toEqual([
      'insc-9002@mediatheque.example',
      'insc-9001@mediatheque.example',
    ]);
    expect(gas.uiLog.at(-1)?.content).toMatch(
      /^• 1 personne passe de la liste d’attente à « inscrit » \(prévenue par courriel\)\.\n• 0 rappel envoyé/,
    );
    expect(gas.values('Journal').at(-1)![2]).toBe('Listes d’attente et rappels maintenant');
  });

  it('makes the same service calls with 500 and 5,000 registrations (quota 10)', () => {
    const counts = [500, 5000].map((n) => {
      const { gas, ctx } = withClock(withRows(sampleSheets(), 'Inscriptions', n), '2026-12-13', {
        mailQuota: 10,
      });
      gas.resetCalls();
      gas.runTrigger(ctx, DAILY);
      expect(gas.sentMails).toHaveLength(10);
      return { log: gas.calls.log, services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES) };
    });
    expect(counts[1]).toEqual(counts[0]);
    const log = counts[0]!.log;
    expect(log.filter((c) => c === 'MailApp.sendEmail')).toHaveLength(10);
    expect(log.filter((c) => c === 'Sheet.getSheetValues')).toHaveLength(3); // 2 tabs + Journal header
    expect(log.filter((c) => c === 'Sheet.getRangeList')).toHaveLength(1); // the reminders' stamps
    expect(log.filter((c) => c === 'RangeList.setValue')).toHaveLength(1);
    // Lock, zone, 2 reads, quota, 10 mails, one RangeList write, the form triggers, the effective user,
    // the Journal.
    expect(counts[0]!.services).toBe(28);
  });
});

/** One meeting a day through 2025, one registration to each (and one with a presence recorded). */
function yearOfMeetings(): Record<string, unknown[][]> {
  const sheets = sampleSheets();
  const days = Array.from({ length: 365 }, (_, i) => addDaysIso('2025-01-01', i));
  const fr = (iso: string) => iso.split('-').reverse().join('/');
  sheets.Rencontres = [
    headerOf('Rencontres'),
    ...days.map((d, i) =>
      rowOf('Rencontres', {
        id: `renc-${String(i + 1).padStart(3, '0')}`,
        type: 'Échange de pratiques',
        sujet: `Rencontre du ${fr(d)}`,
        date: fr(d),
        debut: '14:00',
        fin: '16:00',
        lieu: 'Salle',
        publique: 'oui',
        statut: 'réalisée',
      }),
    ),
  ];
  sheets.Inscriptions = [
    headerOf('Inscriptions'),
    ...days.map((d, i) =>
      rowOf('Inscriptions', {
        id: `insc-${String(i + 1).padStart(4, '0')}`,
        rencontre: `renc-${String(i + 1).padStart(3, '0')}`,
        nom: `Personne ${i + 1}`,
        courriel: `personne${i + 1}@exemple.example`,
        inscrit_le: `${fr(addDaysIso(d, -10))} 09:00`,
        statut: 'inscrit',
        presence: i % 2 ? 'présent' : 'absent',
      }),
    ),
  ];
  return sheets;
}

describe('« Purger les anciennes inscriptions »', () => {
  it('removes only the registrations to meetings more than 12 months old, and says how many', () => {
    const { gas, ctx } = withClock(yearOfMeetings(), '2026-06-15');
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, PURGE);
    const question = String(gas.uiLog.find((e) => e.answer === 'YES')?.content);
    expect(question).toMatch(
      /^165 inscriptions concernent des rencontres passées depuis plus de 12 mois \(réglage MAILLAGE_INSCRIPTIONS_CONSERVATION_MOIS\)\./,
    );
    // 1 January to 14 June 2025: 165 meetings more than 12 months before 15 June 2026.
    expect(gas.uiLog.at(-1)?.content).toBe(
      '165 inscriptions supprimées (rencontres passées depuis plus de 12 mois). 200 inscriptions restent dans l’onglet Inscriptions.',
    );
    const rows = gas.values('Inscriptions').slice(1);
    expect(rows).toHaveLength(200);
    expect(rows[0]!.slice(0, 2)).toEqual(['insc-0166', 'renc-166']); // 15 June 2025: kept
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['insc-0365', 'renc-365']);
    // Every kept row keeps all its cells (the presence recorded afterwards, too).
    const presence = col(gas, 'Inscriptions', 'Présence');
    expect(rows.map((r) => r[presence])).toEqual(
      Array.from({ length: 200 }, (_, i) => ((i + 165) % 2 ? 'présent' : 'absent')),
    );
    const journal = gas.values('Journal').at(-1)!;
    expect(journal[2]).toBe(PURGE);
    expect(journal[3]).toBe(165);
    expect(String(journal[4])).toMatch(/^165 inscriptions supprimées .*: insc-0001, insc-0002, /);
    // Again: nothing left to remove.
    gas.runMenuItem(ctx, MENU, PURGE);
    expect(gas.uiLog.at(-1)?.content).toBe(
      'Aucune inscription à une rencontre passée depuis plus de 12 mois : rien n’a été supprimé.',
    );
  });

  it('follows the setting of the script properties, and removes nothing when the coordinator says no', () => {
    const setting = { script: { MAILLAGE_INSCRIPTIONS_CONSERVATION_MOIS: '6' } };
    const { gas, ctx } = withClock(yearOfMeetings(), '2026-01-01', { properties: setting });
    gas.ui.answers.push('NO');
    gas.runMenuItem(ctx, MENU, PURGE);
    expect(gas.values('Inscriptions')).toHaveLength(366);
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, PURGE);
    // Up to 30 June 2025: more than 6 months before 1 January 2026 (181 days).
    expect(gas.uiLog.at(-1)?.content).toMatch(
      /^181 inscriptions supprimées \(rencontres passées depuis plus de 6 mois\)/,
    );
    expect(gas.values('Inscriptions')[1]![1]).toBe('renc-182');
  });

  it('makes the same service calls on 500 and 5,000 registrations', () => {
    const counts = [500, 5000].map((n) => {
      const { gas, ctx } = withClock(withRows(sampleSheets(), 'Inscriptions', n), '2027-06-15');
      gas.resetCalls();
      gas.ui.answers.push('YES');
      gas.runMenuItem(ctx, MENU, PURGE);
      expect(gas.uiLog.at(-1)?.content).toMatch(/^\d+ inscriptions supprimées/);
      return { log: gas.calls.log, services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES) };
    });
    expect(counts[1]).toEqual(counts[0]);
    const log = counts[0]!.log;
    expect(log.filter((c) => c === 'Range.setValues')).toHaveLength(1);
    expect(log.filter((c) => c === 'Range.clearContent')).toHaveLength(1);
    expect(counts[0]!.services).toBe(32);
  });
});
