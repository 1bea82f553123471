import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { normalizeCommuneName } from '../../src/core/territory';
import { loadTerritory } from '../../src/node/territory';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { COORDINATION, col, gasWith, MENU, openDialog, sampleGas, sampleSheets, shown } from './helpers';
import { withRows } from './meeting-helpers';

const INVITE = 'Inviter des référents à une rencontre';

interface BlobLike {
  getDataAsString(): string;
  getContentType(): string;
  getName(): string;
}

function icsOf(mail: { attachments: unknown[] }): string {
  expect(mail.attachments).toHaveLength(1);
  const blob = mail.attachments[0] as BlobLike;
  expect(blob.getName()).toBe('invitation.ics');
  expect(blob.getContentType()).toBe('text/calendar; charset=utf-8; method=REQUEST');
  return blob.getDataAsString();
}

function invitedTo(gas: ReturnType<typeof sampleGas>['gas'], id: string): string[] {
  const values = gas.values('Référents');
  const c = col(gas, 'Référents', 'Invité aux rencontres');
  const mail = col(gas, 'Référents', 'Courriel');
  return values
    .slice(1)
    .filter((r) => String(r[c]).split('|').includes(id))
    .map((r) => String(r[mail]));
}

describe('« Inviter des référents à une rencontre »', () => {
  it('offers the meetings to come and the filters, the selected meeting first', () => {
    const { gas, ctx } = sampleGas();
    gas.select('Rencontres', 'C20'); // renc-019
    const content = openDialog(gas, ctx, INVITE);
    // The meetings to come, in date order (renc-016 took place, renc-001… are past).
    const ids = [...content.matchAll(/"id":"(renc-\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['renc-017', 'renc-018', 'renc-019', 'renc-020']);
    expect(content).toContain('"selected":"renc-019"');
    expect(content).toContain('"nom":"CU Limoges Métropole"');
    expect(content).toContain('<legend id="par-titre">Référents à inviter</legend>');
  });

  it('sends within the quota, lists the rest, records who got it, and sends the rest on the next run only', () => {
    const { gas, ctx } = sampleGas({ mailQuota: 5 });
    const form = { rencontre: 'renc-018', filtre: { par: 'tous' } };
    const preview = ctx.inviterApercu(form);
    const total = preview.aInviter.length;
    expect(total).toBeGreaterThan(60);
    expect(preview).toMatchObject({ deja: 0, quota: 5, sansCourriel: [] });

    const first = ctx.inviterEnvoyer(form);
    expect(first.envoyes).toHaveLength(5);
    expect(first.nonEnvoyes).toHaveLength(total - 5);
    expect(first.nonEnvoyes.every((n: { reason: string }) => /quota quotidien/.test(n.reason))).toBe(true);
    expect(gas.sentMails.map((m) => m.to)).toEqual(first.envoyes);
    expect(invitedTo(gas, 'renc-018').sort()).toEqual([...first.envoyes].sort());
    const journal = gas.values('Journal').at(-1)!;
    expect(journal[2]).toBe(INVITE);
    expect(journal[3]).toBe(5);
    const details = String(journal[4]).split('\n');
    expect(details.filter((l) => l.startsWith('Non envoyé à'))).toHaveLength(total - 5);
    expect(details[0]).toBe(
      'La déclaration trimestrielle du RSA (15/12/2026), tous les référents : 5 invitations envoyées.',
    );

    // The next day: only those not reached yet.
    gas.mail.remaining = 1000;
    expect(ctx.inviterApercu(form)).toMatchObject({ deja: 5 });
    const second = ctx.inviterEnvoyer(form);
    expect(second.envoyes).toHaveLength(total - 5);
    expect(second.deja).toBe(5);
    const all = gas.sentMails.map((m) => m.to);
    expect(new Set(all).size).toBe(all.length);
    expect(invitedTo(gas, 'renc-018')).toHaveLength(total);
    // A third run sends nothing.
    const third = ctx.inviterEnvoyer(form);
    expect(third.envoyes).toEqual([]);
    expect(third.deja).toBe(total);
    expect(gas.sentMails).toHaveLength(total);
  });

  it('attaches a valid calendar invitation (METHOD:REQUEST) with the video link for the invitee only', () => {
    const { gas, ctx } = sampleGas();
    ctx.inviterEnvoyer({ rencontre: 'renc-018', filtre: { par: 'pass' } });
    const mail = gas.sentMails[0]!;
    expect(mail.subject).toBe('Invitation : La déclaration trimestrielle du RSA — mardi 15 décembre 2026');
    expect(mail.body).toMatch(
      /^Bonjour .+,\n\nLe Réseau d’inclusion numérique — Haute-Vienne \(87\) vous invite/,
    );
    expect(mail.body).toContain(
      'Où : en visioconférence : https://visio.reseau-numerique-87.example/la-declaration-trimestrielle-du-rsa',
    );
    expect(mail.body).toContain('Quand : mardi 15 décembre 2026, de 10:00 à 11:30');
    expect(mail.name).toBe('Réseau d’inclusion numérique — Haute-Vienne (87)');
    const text = icsOf(mail);
    expect(text).toMatch(/\r\nMETHOD:REQUEST\r\n/);
    const root = new ICAL.Component(ICAL.parse(text));
    for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    expect(root.getFirstPropertyValue('method')).toBe('REQUEST');
    const events = root.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]!);
    expect(event.uid).toBe('renc-018@maillage');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-15T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-15T10:30:00.000Z');
    expect(event.organizer).toBe(`mailto:${COORDINATION}`);
    expect(event.attendees.map((a) => a.getFirstValue())).toEqual([`mailto:${mail.to}`]);
    expect(event.location).toBe(
      'Visioconférence : https://visio.reseau-numerique-87.example/la-declaration-trimestrielle-du-rsa',
    );
    expect(event.description).toContain('Lien de la visioconférence : https://visio.');
    expect(event.attendees[0]!.getParameter('rsvp')).toBe('FALSE');
    // The public calendar never carries the link (rencontres.ics says it is sent to those registered).
    expect(String(gas.values('Rencontres').length)).not.toBe('0');
  });

  it('gives the registration form’s link, and a room instead of a link for a meeting in a room', () => {
    const sheets = sampleSheets();
    const rencontres = sheets.Rencontres!;
    const formCol = (rencontres[0] as string[]).indexOf('Formulaire d’inscription');
    const row = rencontres.find((r) => r[0] === 'renc-019')!;
    row[formCol] = 'https://docs.google.com/forms/d/e/1FAIpQLSfake019/viewform';
    const { gas, ctx } = gasWith(sheets);
    ctx.inviterEnvoyer({ rencontre: 'renc-019', filtre: { par: 'charte' } });
    const mail = gas.sentMails[0]!;
    expect(mail.body).toContain(
      'Inscrivez-vous ici : https://docs.google.com/forms/d/e/1FAIpQLSfake019/viewform',
    );
    expect(mail.body).not.toContain('visio');
    const text = icsOf(mail).replace(/\r\n /g, '');
    expect(text).toContain('URL:https://docs.google.com/forms/d/e/1FAIpQLSfake019/viewform');
    expect(text).toMatch(/LOCATION:Médiathèque francophone/);
  });

  it('chooses referents by the EPCI or the typology of their places', () => {
    const { gas, ctx } = sampleGas();
    const territory = loadTerritory('87');
    const limoges = territory.byCode.get('87085')!.epci!;
    const preview = ctx.inviterApercu({ rencontre: 'renc-019', filtre: { par: 'epci', code: limoges.code } });
    expect(preview.filtre).toBe(`les référents des lieux de ${limoges.nom}`);
    // Check against the sample: referents whose places are in a commune of that EPCI.
    const lieux = gas.values('Lieux');
    const idCol = col(gas, 'Lieux', 'Identifiant unique local du lieu');
    const inseeCol = col(gas, 'Lieux', 'Code INSEE');
    const statutCol = col(gas, 'Lieux', 'Statut');
    const communeCol = col(gas, 'Lieux', 'Commune');
    const inEpci = new Set(
      lieux
        .slice(1)
        .filter((l) => l[statutCol] !== 'fermé')
        .filter((l) => {
          // The code, or the commune's name when the code is left empty (the core finds it).
          const commune =
            territory.byCode.get(String(l[inseeCol])) ??
            territory.byName.get(normalizeCommuneName(String(l[communeCol])))?.[0];
          return commune?.epci?.code === limoges.code;
        })
        .map((l) => String(l[idCol])),
    );
    const refs = gas.values('Référents').slice(1);
    const lieuxCol = col(gas, 'Référents', 'Lieux');
    const mailCol = col(gas, 'Référents', 'Courriel');
    const expected = refs
      .filter((r) =>
        String(r[lieuxCol])
          .split('|')
          .some((id) => inEpci.has(id)),
      )
      .map((r) => String(r[mailCol]).toLowerCase());
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(refs.length);
    expect(preview.aInviter.map((a: string) => /<(.+)>/.exec(a)![1]).sort()).toEqual(
      [...new Set(expected)].sort(),
    );

    const typo = ctx.inviterApercu({ rencontre: 'renc-019', filtre: { par: 'typologie', code: 'BIB' } });
    expect(typo.aInviter.length).toBeGreaterThan(0);
    expect(typo.aInviter.length).toBeLessThan(refs.length);
  });

  it('refuses a past or cancelled meeting, and an unknown one, in French', () => {
    const { ctx } = sampleGas();
    expect(() => ctx.inviterEnvoyer({ rencontre: 'renc-016', filtre: { par: 'tous' } })).toThrow(
      /« Titres d’identité et permis de conduire en ligne \(17\/11\/2026\) » est réalisée : on n’y invite plus\./,
    );
    expect(() => ctx.inviterEnvoyer({ rencontre: 'renc-999', filtre: { par: 'tous' } })).toThrow(
      /Rencontre « renc-999 » introuvable dans l’onglet Rencontres/,
    );
    expect(() => ctx.inviterEnvoyer({ rencontre: 'renc-019', filtre: { par: 'epci' } })).toThrow(
      'Choisissez à qui envoyer l’invitation.',
    );
  });

  it('makes the same service calls with 500 and 5,000 referents (quota 40)', () => {
    const counts = [500, 5000].map((n) => {
      const { gas, ctx } = gasWith(withRows(sampleSheets(), 'Référents', n), { mailQuota: 40 });
      gas.resetCalls();
      const result = gas.runServerCall(ctx, 'inviterEnvoyer', {
        rencontre: 'renc-019',
        filtre: { par: 'tous' },
      }) as { envoyes: string[]; nonEnvoyes: unknown[] };
      expect(result.envoyes).toHaveLength(40);
      expect(result.nonEnvoyes).toHaveLength(n - 40);
      return { log: gas.calls.log, services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES) };
    });
    expect(counts[1]).toEqual(counts[0]);
    const log = counts[0]!.log;
    expect(log.filter((c) => c === 'MailApp.sendEmail')).toHaveLength(40);
    expect(log.filter((c) => c === 'Utilities.newBlob')).toHaveLength(40);
    expect(log.filter((c) => c === 'MailApp.getRemainingDailyQuota')).toHaveLength(1);
    // Rencontres, Référents, Lieux read once each; the invitations column written once.
    expect(log.filter((c) => c === 'Sheet.getSheetValues')).toHaveLength(4); // + the Journal's header
    expect(log.filter((c) => c === 'Range.setValues')).toHaveLength(1);
    expect(log.filter((c) => !['MailApp.sendEmail', 'Utilities.newBlob'].includes(c))).toMatchInlineSnapshot(`
      [
        "PropertiesService.getDocumentProperties",
        "Properties.getProperty",
        "SpreadsheetApp.getActiveSpreadsheet",
        "Session.getActiveUser",
        "User.getEmail",
        "LockService.getScriptLock",
        "Lock.tryLock",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "SpreadsheetApp.getActiveSpreadsheet",
        "Spreadsheet.getSpreadsheetTimeZone",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "MailApp.getRemainingDailyQuota",
        "Sheet.getRange",
        "Range.setValues",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Sheet.appendRow",
        "Lock.releaseLock",
      ]
    `);
  });

  it('is refused to a partner, and nothing is sent', () => {
    const { gas, ctx } = sampleGas({ properties: { document: { MAILLAGE_COORDINATION: COORDINATION } } });
    gas.setUser('partenaire@commune.example');
    expect(() =>
      gas.runServerCall(ctx, 'inviterEnvoyer', { rencontre: 'renc-019', filtre: { par: 'tous' } }),
    ).toThrow(/réservé à la coordination/);
    gas.runMenuItem(ctx, MENU, INVITE);
    expect(shown(gas).at(-1)).toMatch(/réservé à la coordination du réseau/);
    expect(gas.sentMails).toEqual([]);
  });
});
