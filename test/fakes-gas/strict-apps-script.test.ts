/**
 * The fake is as strict as Google's documentation: each behaviour below quotes the page it follows.
 * - Base.User.getEmail: https://developers.google.com/apps-script/reference/base/user
 * - Protection: https://developers.google.com/apps-script/reference/spreadsheet/protection
 * - Simple triggers: https://developers.google.com/apps-script/guides/triggers
 * - Installable triggers: https://developers.google.com/apps-script/guides/triggers/installable
 * - Spreadsheet.getSpreadsheetTimeZone, Session.getScriptTimeZone, Lock.releaseLock.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppsScript } from '../fakes/gas';

const NOW = new Date('2027-03-01T09:00:00Z');
const OWNER = 'coordination@reseau87.example';
const PARTNER = 'mediatheque@gmail.com';

function gasOf(extra: Parameters<typeof createAppsScript>[0] = {}) {
  return createAppsScript({
    sheets: {
      Lieux: [
        ['Nom', 'Modifié par'],
        ['Médiathèque', ''],
        ['France services', ''],
      ],
    },
    now: () => NOW,
    user: OWNER,
    owner: OWNER,
    editors: [PARTNER, 'adjoint@reseau87.example'],
    ...extra,
  });
}

/** A script that writes who Google says is editing, from the simple and the installable trigger. */
const EDIT_SCRIPT = `
  var seen = [];
  function onEdit(e) { seen.push(['simple', e.user.getEmail(), Session.getActiveUser().getEmail()]); }
  function triggerEdition(e) { seen.push(['installable', e.user.getEmail(), Session.getActiveUser().getEmail()]); }
  function install() { ScriptApp.newTrigger('triggerEdition').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
  function whoAmI() { return Session.getActiveUser().getEmail(); }
`;

describe('who is editing (User.getEmail)', () => {
  // « the user's email address is not available in any context that allows a script to run without
  // that user's authorization, like a simple onOpen(e) or onEdit(e) trigger […] However, these
  // restrictions generally do not apply if the developer runs the script themselves or belongs to the
  // same Google Workspace domain as the user. »
  it('is blank for a partner outside the domain, in the simple and the installable edit trigger', () => {
    const gas = gasOf({ workspaceDomain: 'reseau87.example' });
    const ctx = gas.loadScript(EDIT_SCRIPT);
    ctx.install();
    gas.fireEdit(ctx, 'Lieux', 'A2', 'Médiathèque Aragon', { user: PARTNER });
    expect(ctx.seen).toEqual([
      ['simple', '', ''],
      ['installable', '', ''],
    ]);
  });

  it('is known within the owner’s Workspace domain, and never in a consumer account’s triggers', () => {
    const inDomain = gasOf({ workspaceDomain: 'reseau87.example' });
    const ctx = inDomain.loadScript(EDIT_SCRIPT);
    ctx.install();
    inDomain.fireEdit(ctx, 'Lieux', 'A2', 'x', { user: 'adjoint@reseau87.example' });
    expect(ctx.seen).toEqual([
      ['simple', 'adjoint@reseau87.example', 'adjoint@reseau87.example'],
      ['installable', 'adjoint@reseau87.example', 'adjoint@reseau87.example'],
    ]);
    const consumer = gasOf();
    const c2 = consumer.loadScript(EDIT_SCRIPT);
    c2.install();
    consumer.fireEdit(c2, 'Lieux', 'A2', 'x', { user: 'adjoint@reseau87.example' });
    expect(c2.seen).toEqual([
      ['simple', '', ''],
      ['installable', '', ''],
    ]);
  });

  it('is known to a function the user runs with their own authorization (a menu item, a dialog)', () => {
    const gas = gasOf();
    const ctx = gas.loadScript(EDIT_SCRIPT);
    gas.setUser(PARTNER);
    expect(gas.runServerCall(ctx, 'whoAmI')).toBe(PARTNER);
  });
});

describe('protections are enforced on script writes and on getEditors', () => {
  function protectRow3(gas: ReturnType<typeof createAppsScript>) {
    const s = gas.globals.SpreadsheetApp.getActive().getSheetByName('Lieux')!;
    const p = s.getRange('A3:B3').protect();
    p.removeEditors(p.getEditors());
    p.addEditor('adjoint@reseau87.example');
    return s;
  }

  // Sheets refuses to let a user change a protected range, and a script runs as its user.
  it('refuses a partner’s script write to a row protected for others, and allows their own', () => {
    const gas = gasOf();
    protectRow3(gas);
    const ctx = gas.loadScript(`
      function write(a1, v) { SpreadsheetApp.getActive().getSheetByName('Lieux').getRange(a1).setValue(v); }
      function note(a1) { SpreadsheetApp.getActive().getSheetByName('Lieux').getRange(a1).setNote('x'); }
      function whole() { SpreadsheetApp.getActive().getSheetByName('Lieux').getRange('B2:B3').setValues([['a'], ['b']]); }
    `);
    gas.setUser(PARTNER);
    expect(() => gas.runServerCall(ctx, 'write', 'B3', 'moi')).toThrow(
      /You are trying to edit a protected cell or object/,
    );
    expect(() => gas.runServerCall(ctx, 'note', 'A3')).toThrow(/protected cell/);
    expect(() => gas.runServerCall(ctx, 'whole')).toThrow(/protected cell/);
    gas.runServerCall(ctx, 'write', 'B2', 'moi');
    expect(gas.values('Lieux')[1]).toEqual(['Médiathèque', 'moi']);
    expect(gas.values('Lieux')[2]).toEqual(['France services', '']);
    gas.setUser('adjoint@reseau87.example');
    gas.runServerCall(ctx, 'write', 'B3', 'adjoint');
    expect(gas.values('Lieux')[2]).toEqual(['France services', 'adjoint']);
  });

  // Protection.getEditors: « Throws an exception if the user does not have permission to edit the
  // protected range or sheet itself. »
  it('throws from getEditors for a user who may not edit the protected range', () => {
    const gas = gasOf();
    protectRow3(gas);
    const ctx = gas.loadScript(`
      function editors() {
        return SpreadsheetApp.getActive().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0]
          .getEditors().map(function (u) { return u.getEmail(); });
      }
    `);
    expect(gas.runServerCall(ctx, 'editors')).toEqual(expect.arrayContaining(['adjoint@reseau87.example']));
    gas.setUser(PARTNER);
    expect(() => gas.runServerCall(ctx, 'editors')).toThrow();
  });
});

describe('simple and installable edit triggers are separate executions', () => {
  // Both fire for the same edit, each in its own execution: nothing orders them.
  const SCRIPT = `
    var log = [];
    function onEdit(e) {
      var lock = LockService.getScriptLock();
      var got = lock.tryLock(5000);
      log.push('simple:' + got);
      SpreadsheetApp.getActive().getSheetByName('Lieux').getRange('B2').setValue('simple');
      if (got) lock.releaseLock();
    }
    function triggerEdition(e) {
      var lock = LockService.getScriptLock();
      log.push('installable:' + lock.tryLock(5000));
      SpreadsheetApp.getActive().getSheetByName('Lieux').getRange('B2').setValue('installable');
    }
    function install() { ScriptApp.newTrigger('triggerEdition').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
  `;

  it('may interleave: the installable one runs in the middle of the simple one, and cannot take its lock', () => {
    const gas = gasOf();
    const ctx = gas.loadScript(SCRIPT);
    ctx.install();
    const before = gas.now().getTime();
    gas.fireEdit(ctx, 'Lieux', 'A2', 'x', { interleaveAt: 'Range.setValue' });
    expect(ctx.log).toEqual(['simple:true', 'installable:false']);
    // The installable one waited its whole timeout; then the simple one wrote last.
    expect(gas.now().getTime() - before).toBe(5000);
    expect(gas.values('Lieux')[1]?.[1]).toBe('simple');
  });

  // Lock.releaseLock: « The lock is automatically released when the script terminates ».
  it('release the locks they forgot when they end', () => {
    const gas = gasOf();
    const ctx = gas.loadScript(SCRIPT);
    ctx.install();
    gas.fireEdit(ctx, 'Lieux', 'A2', 'x');
    expect(ctx.log).toEqual(['simple:true', 'installable:true']);
    expect(gas.locks.script.held).toBe(false);
    gas.fireEdit(ctx, 'Lieux', 'A3', 'y');
    expect(ctx.log.slice(2)).toEqual(['simple:true', 'installable:true']);
  });
});

describe('the spreadsheet’s time zone is apart from the script’s', () => {
  // Spreadsheet.getSpreadsheetTimeZone: « Gets the time zone for the spreadsheet. »
  // Session.getScriptTimeZone: « Gets the time zone of the script. »
  it('reads each one, and a typed date is midnight in the spreadsheet’s zone', () => {
    const gas = gasOf({ timeZone: 'Indian/Reunion', scriptTimeZone: 'Europe/Paris' });
    const ctx = gas.loadScript(`
      function zones() { return [SpreadsheetApp.getActive().getSpreadsheetTimeZone(), Session.getScriptTimeZone()]; }
    `);
    expect(gas.runServerCall(ctx, 'zones')).toEqual(['Indian/Reunion', 'Europe/Paris']);
    gas.editEvent('Lieux', 'B2', '01/03/2027');
    expect((gas.values('Lieux')[1]![1] as Date).toISOString()).toBe('2027-02-28T20:00:00.000Z');
  });
});

describe('the edit event object (Event objects, Google Sheets, Edit)', () => {
  const SCRIPT = `
    var seen = [];
    function onEdit(e) {
      seen.push([e.range.getA1Notation(), e.value, e.oldValue, e.source.getSpreadsheetTimeZone(), e.user.getEmail()]);
    }
  `;
  // oldValue: « Cell value prior to the edit, if any. Only available if the edited range is a single
  // cell. Will be undefined if the cell had no previous content. » value: « New cell value after the
  // edit. Only available if the edited range is a single cell. » source: « A Spreadsheet object,
  // representing the Google Sheets file to which the script is bound. » user: « A User object,
  // representing the active user, if available ».
  it('gives value and oldValue for one cell only: not for a paste over several, not an empty old cell', () => {
    const gas = gasOf({ workspaceDomain: 'reseau87.example' });
    const ctx = gas.loadScript(SCRIPT);
    gas.fireEdit(ctx, 'Lieux', 'A2', 'Médiathèque Aragon', { user: 'adjoint@reseau87.example' });
    gas.fireEdit(ctx, 'Lieux', 'A2:B3', [
      ['Médiathèque', 'x'],
      ['France services', 'y'],
    ]);
    gas.fireEdit(ctx, 'Lieux', 'B4', 'nouveau', { user: PARTNER });
    gas.fireEdit(ctx, 'Lieux', 'B4', '', { user: PARTNER });
    expect(ctx.seen).toEqual([
      ['A2', 'Médiathèque Aragon', 'Médiathèque', 'Europe/Paris', 'adjoint@reseau87.example'],
      ['A2:B3', undefined, undefined, 'Europe/Paris', OWNER],
      ['B4', 'nouveau', undefined, 'Europe/Paris', ''],
      ['B4', undefined, 'nouveau', 'Europe/Paris', ''],
    ]);
  });
});

describe('a project’s manifest scopes (oauthScopes)', () => {
  // Session.getActiveUser: « Scripts that use this method require authorization with one or more of
  // the following scopes: https://www.googleapis.com/auth/userinfo.email »; MailApp.sendEmail:
  // « …/auth/script.send_mail ». A manifest that sets oauthScopes grants those and no other.
  const SCRIPT = `
    function who() { return Session.getActiveUser().getEmail(); }
    function mail() { MailApp.sendEmail('a@example.org', 's', 'b'); }
    function dialog() { SpreadsheetApp.getUi().alert('ok'); }
  `;
  it('refuses a call whose scope the manifest does not list, and allows the listed ones', () => {
    const gas = gasOf({
      oauthScopes: [
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
      ],
    });
    const ctx = gas.loadScript(SCRIPT);
    expect(() => ctx.who()).toThrow(
      'You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(() => ctx.mail()).toThrow(
      'Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(gas.sentMails).toEqual([]);
    ctx.dialog();
    expect(gas.uiLog.at(-1)?.content).toBe('ok');
    expect(gasOf().loadScript(SCRIPT).who()).toBe(OWNER);
  });
});

describe('two projects bound to the same workbook', () => {
  // LockService.getScriptLock: « Gets a lock that prevents any user from concurrently running a
  // section of code » — of that script: another project's executions do not share it. Document
  // properties « created by a script cannot be accessed outside that script, even by other scripts
  // accessing the same document » (PropertiesService.getDocumentProperties).
  it('have their own global functions and their own script lock, over the same spreadsheet', () => {
    const gas = gasOf();
    const dir = mkdtempSync(join(tmpdir(), 'projets-'));
    const a = join(dir, 'a.js');
    const b = join(dir, 'b.js');
    writeFileSync(
      a,
      'function hold(other) { LockService.getScriptLock().tryLock(1000); return other(); } function take() { return LockService.getScriptLock().tryLock(1000); } function name() { return "a"; }',
    );
    writeFileSync(
      b,
      'function take() { return LockService.getScriptLock().tryLock(1000); } function name() { return "b"; } function write() { SpreadsheetApp.getActive().getSheetByName("Lieux").getRange("A2").setValue("par b"); }',
    );
    const first = gas.loadBundle(a);
    const second = gas.loadProject(b);
    expect([first.name(), second.name()]).toEqual(['a', 'b']);
    expect(typeof second.hold).toBe('undefined');
    // While an execution of project a holds its lock, another execution of a cannot take it, one of
    // project b takes its own.
    expect(gas.runServerCall(first, 'hold', () => gas.runServerCall(first, 'take'))).toBe(false);
    expect(gas.runServerCall(first, 'hold', () => gas.runServerCall(second, 'take'))).toBe(true);
    second.write();
    expect(gas.values('Lieux')[1]![0]).toBe('par b');
  });
});
