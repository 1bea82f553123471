import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppsScript, EditRejectedError, LOCAL_OBJECT_SERVICES } from '../fakes/gas';

const tmp = mkdtempSync(join(tmpdir(), 'fake-gas-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NOW = new Date('2024-06-03T04:00:00Z'); // Monday 06:00 in Paris

function gasWithLieux(extra: Parameters<typeof createAppsScript>[0] = {}) {
  return createAppsScript({
    sheets: {
      Lieux: [
        ['Nom', 'Commune', 'Ouverture'],
        ['Médiathèque', 'Limoges', new Date('2024-01-15T09:00:00Z')],
        ['France services'],
      ],
      Listes: [['Communes'], ['Limoges'], ['Saint-Junien']],
    },
    now: () => NOW,
    ...extra,
  });
}

function sheet(gas: ReturnType<typeof createAppsScript>, tab: string) {
  const s = gas.globals.SpreadsheetApp.getActive().getSheetByName(tab);
  if (!s) throw new Error(`no ${tab}`);
  return s;
}

describe('ranges are 1-based with Apps Script errors', () => {
  it('addresses cells from 1 and reports their position', () => {
    const gas = gasWithLieux();
    const s = sheet(gas, 'Lieux');
    expect(s.getRange(1, 1).getValue()).toBe('Nom');
    expect(s.getRange(2, 2).getValue()).toBe('Limoges');
    const r = s.getRange('B2:C3');
    expect([
      r.getRow(),
      r.getColumn(),
      r.getNumRows(),
      r.getNumColumns(),
      r.getLastRow(),
      r.getLastColumn(),
    ]).toEqual([2, 2, 2, 2, 3, 3]);
    expect(s.getRange(2, 1, 2, 3).getA1Notation()).toBe('A2:C3');
    expect(s.getRange('A:B').getA1Notation()).toBe('A:B');
    expect(s.getRange('A2:C').getA1Notation()).toBe('A2:C');
    expect(s.getRange('A2:C').getNumRows()).toBe(999);
    expect(s.getRange('B2').offset(1, -1, 1, 2).getA1Notation()).toBe('A3:B3');
    expect(s.getRange('B2:C3').getCell(2, 1).getA1Notation()).toBe('B3');
  });

  it('throws the messages Apps Script throws', () => {
    const s = sheet(gasWithLieux(), 'Lieux');
    expect(() => s.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => s.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => s.getRange(2, 1, 0, 3)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => s.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => s.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => s.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => s.getRange('nope')).toThrow('Range not found');
    expect(() => s.getRange('B2:C3').getCell(3, 1)).toThrow('Cell reference out of range');
    try {
      s.getRange(0, 1);
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
      expect(String(e)).toBe('Exception: The starting row of the range is too small.');
    }
  });

  it('sizes sheets like Sheets (1000 x 26 at least) and finds tabs case-insensitively', () => {
    const gas = gasWithLieux();
    const ss = gas.globals.SpreadsheetApp.getActiveSpreadsheet();
    const s = sheet(gas, 'Lieux');
    expect([s.getMaxRows(), s.getMaxColumns(), s.getLastRow(), s.getLastColumn()]).toEqual([1000, 26, 3, 3]);
    expect(ss.getSheetByName('lieux')?.getName()).toBe('Lieux');
    expect(ss.getSheetByName('Absent')).toBeNull();
    expect(() => ss.insertSheet('LISTES')).toThrow(
      'A sheet with the name "LISTES" already exists. Please enter another name.',
    );
    const inserted = ss.insertSheet('Indicateurs', 0);
    expect(inserted.getIndex()).toBe(1);
    expect(ss.getActiveSheet().getName()).toBe('Indicateurs');
    expect(gas.sheetNames()).toEqual(['Indicateurs', 'Lieux', 'Listes']);
  });
});

describe('values', () => {
  it('pads to a rectangle with empty strings, never undefined', () => {
    const gas = gasWithLieux();
    const values = sheet(gas, 'Lieux').getDataRange().getValues();
    expect(values).toHaveLength(3);
    expect(values.every((row) => row.length === 3)).toBe(true);
    expect(values[2]).toEqual(['France services', '', '']);
    expect(sheet(gas, 'Lieux').getRange('E10:F11').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(sheet(gas, 'Listes').getRange('A1').getDataValidation()).toBeNull();
  });

  it('keeps Dates as Dates, numbers as numbers, booleans as booleans, and stores copies', () => {
    const gas = gasWithLieux();
    const s = sheet(gas, 'Lieux');
    const when = new Date('2024-03-01T08:30:00Z');
    const row = [when, 42, true];
    const data = [row];
    s.getRange('A5:C5').setValues(data);
    row[1] = 0;
    when.setTime(0);
    const [read] = s.getRange('A5:C5').getValues();
    expect(read![0]).toBeInstanceOf(Date);
    expect((read![0] as Date).toISOString()).toBe('2024-03-01T08:30:00.000Z');
    expect(read![1]).toBe(42);
    expect(read![2]).toBe(true);
    (read![0] as Date).setTime(0);
    expect((s.getRange('A5').getValue() as Date).toISOString()).toBe('2024-03-01T08:30:00.000Z');
    expect(s.getRange('C2').getValue()).toBeInstanceOf(Date);
  });

  it('parses written strings like typed text, as Apps Script does', () => {
    const gas = gasWithLieux();
    const s = sheet(gas, 'Lieux');
    s.getRange('A6:F6').setValues([['05', "'05", '2024-01-15', '3,5', 'TRUE', '=A1']]);
    const [v] = s.getRange('A6:F6').getValues();
    expect(v![0]).toBe(5);
    expect(v![1]).toBe('05');
    expect((v![2] as Date).toISOString()).toBe('2024-01-14T23:00:00.000Z'); // midnight in Paris
    expect(v![3]).toBe(3.5);
    expect(v![4]).toBe(true);
    expect(v![5]).toBe('');
    expect(s.getRange('F6').getFormula()).toBe('=A1');
    s.getRange('A7').setNumberFormat('@').setValue('05');
    expect(s.getRange('A7').getValue()).toBe('05');
    expect(s.getRange('A6:D6').getDisplayValues()).toEqual([['5', '05', '2024-01-15', '3,5']]);
    expect(s.getRange('C2').getDisplayValue()).toBe('15/01/2024 10:00:00');
  });

  it('rejects setValues whose shape differs from the range, or that is not 2-D', () => {
    const s = sheet(gasWithLieux(), 'Lieux');
    expect(() => s.getRange('A1').setValues('x' as never)).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(() => s.getRange('A1:B3').setValues([['a', 'b']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(() => s.getRange('A1:B1').setValues([['a', 'b', 'c']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  it('appends after the last row with content and grows a full sheet', () => {
    const gas = createAppsScript({ sheets: { T: [['a'], ['b']] }, sheetSize: { rows: 2, columns: 1 } });
    const s = sheet(gas, 'T');
    s.appendRow(['c', 'd']);
    expect(gas.values('T')).toEqual([
      ['a', ''],
      ['b', ''],
      ['c', 'd'],
    ]);
    expect([s.getMaxRows(), s.getMaxColumns()]).toEqual([3, 2]);
  });

  it('moves stored ranges when rows are inserted or deleted, and refuses impossible deletions', () => {
    const gas = gasWithLieux();
    const s = sheet(gas, 'Lieux');
    s.getRange('B2:B10').protect().setDescription('communes');
    s.insertRowsAfter(1, 2);
    expect(gas.protections('Lieux')[0]?.range).toBe('B4:B12');
    expect(s.getRange('A4').getValue()).toBe('Médiathèque');
    s.deleteRows(4, 1);
    expect(gas.protections('Lieux')[0]?.range).toBe('B4:B11');
    expect(s.getMaxRows()).toBe(1001);
    expect(() => s.deleteRows(1, 1002)).toThrow('Those rows are out of bounds.');
    s.setFrozenRows(1);
    expect(() => s.deleteRows(2, 1000)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    expect(() => s.deleteRows(1, s.getMaxRows())).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
  });
});

describe('protections', () => {
  it('returns the existing sheet protection, and never removes the owner or the current user', () => {
    const gas = gasWithLieux({
      user: 'coord@example.org',
      editors: ['partenaire@example.org', 'autre@example.org'],
    });
    const s = sheet(gas, 'Lieux');
    const p = s.protect().setDescription('Lieux protégés');
    expect(s.protect().getDescription()).toBe('Lieux protégés');
    expect(s.getProtections(gas.globals.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([
      'coord@example.org',
      'partenaire@example.org',
      'autre@example.org',
    ]);
    p.removeEditors(p.getEditors());
    p.addEditor('partenaire@example.org');
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['coord@example.org', 'partenaire@example.org']);
    p.setUnprotectedRanges([s.getRange('C2:C')]);
    expect(p.canEdit()).toBe(true);
    expect(p.getProtectionType()).toBe(gas.globals.SpreadsheetApp.ProtectionType.SHEET);
    expect(gas.protections('Lieux')).toEqual([
      {
        type: 'SHEET',
        range: 'A1:Z1000',
        description: 'Lieux protégés',
        editors: ['coord@example.org', 'partenaire@example.org'],
        mirrorsSharing: false,
        warningOnly: false,
        domainEdit: false,
        unprotectedRanges: ['C2:C1000'],
      },
    ]);
  });

  it('lets everyone edit while a new protection still mirrors the sharing', () => {
    const gas = gasWithLieux({ user: 'coord@example.org' });
    const p = sheet(gas, 'Lieux').getRange('A1:C1').protect();
    gas.editEvent('Lieux', 'A1', 'Nom du lieu', { user: 'partenaire@example.org' });
    p.removeEditors(['partenaire@example.org']);
    expect(() => gas.editEvent('Lieux', 'B1', 'Ville', { user: 'partenaire@example.org' })).toThrow(
      'partenaire@example.org cannot edit Lieux!B1: protected cell.',
    );
  });

  it('refuses user edits on protected cells, except for editors, unprotected ranges and warning-only', () => {
    const gas = gasWithLieux({ user: 'coord@example.org', editors: ['partenaire@example.org'] });
    const s = sheet(gas, 'Lieux');
    const p = s.protect();
    p.removeEditors(['partenaire@example.org']);
    p.setUnprotectedRanges([s.getRange('C2:C')]);
    expect(() => gas.editEvent('Lieux', 'B2', 'Aixe', { user: 'partenaire@example.org' })).toThrow(
      EditRejectedError,
    );
    expect(gas.values('Lieux')[1]?.[1]).toBe('Limoges');
    gas.editEvent('Lieux', 'C3', '2024-02-01', { user: 'partenaire@example.org' });
    gas.editEvent('Lieux', 'B2', 'Aixe', { user: 'coord@example.org' });
    p.setWarningOnly(true);
    gas.editEvent('Lieux', 'B3', 'Isle', { user: 'partenaire@example.org' });
    expect(gas.values('Lieux').map((r) => r[1])).toEqual(['Commune', 'Aixe', 'Isle']);
    p.remove();
    expect(gas.protections('Lieux')).toEqual([]);
  });
});

describe('data validation and conditional formatting', () => {
  it('builds rules, groups them for assertions, and enforces rejecting rules on user edits only', () => {
    const gas = gasWithLieux();
    const app = gas.globals.SpreadsheetApp;
    const s = sheet(gas, 'Lieux');
    const rule = app
      .newDataValidation()
      .requireValueInRange(sheet(gas, 'Listes').getRange('A2:A'), true)
      .setAllowInvalid(false)
      .setHelpText('Choisissez une commune')
      .build();
    s.getRange('B2:B100').setDataValidation(rule);
    s.getRange('C2:C100').setDataValidation(app.newDataValidation().requireDate().build());
    const read = s.getRange('B5').getDataValidation();
    expect(read?.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_RANGE);
    expect(read?.getCriteriaValues()[1]).toBe(true);
    expect(read?.getAllowInvalid()).toBe(false);
    sheet(gas, 'Listes')
      .getRange('B2:C3')
      .setDataValidation(app.newDataValidation().requireCheckbox().build());
    expect(gas.dataValidations('Listes').map((v) => [v.range, v.criteria])).toEqual([['B2:C3', 'CHECKBOX']]);
    expect(gas.dataValidations('Lieux')).toEqual([
      {
        range: 'B2:B100',
        criteria: 'VALUE_IN_RANGE',
        values: ['Listes!A2:A1000', true],
        allowInvalid: false,
        helpText: 'Choisissez une commune',
      },
      { range: 'C2:C100', criteria: 'DATE_IS_VALID_DATE', values: [], allowInvalid: true, helpText: '' },
    ]);
    // A script may write anything; a user is refused.
    s.getRange('B4').setValue('Paris');
    expect(() => gas.editEvent('Lieux', 'B5', 'Paris')).toThrow('Choisissez une commune');
    gas.editEvent('Lieux', 'B5', 'Saint-Junien');
    expect(s.getRange('B5').getValue()).toBe('Saint-Junien');
    // Forgetting build() fails like in Apps Script.
    expect(() => s.getRange('A1').setDataValidation(app.newDataValidation().requireCheckbox())).toThrow(
      "The parameters (SpreadsheetApp.DataValidationBuilder) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
    );
  });

  it('stores conditional format rules with their ranges', () => {
    const gas = gasWithLieux();
    const app = gas.globals.SpreadsheetApp;
    const s = sheet(gas, 'Lieux');
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$B2=""')
      .setBackground('#F4CCCC')
      .setRanges([s.getRange('A2:C')])
      .build();
    s.setConditionalFormatRules([...s.getConditionalFormatRules(), rule]);
    expect(s.getConditionalFormatRules()[0]?.getBooleanCondition()?.getBackground()).toBe('#f4cccc');
    expect(gas.conditionalFormatRules('Lieux')).toEqual([
      {
        ranges: ['A2:C1000'],
        criteria: 'CUSTOM_FORMULA',
        values: ['=$B2=""'],
        format: { background: '#f4cccc' },
      },
    ]);
    expect(() =>
      s.setConditionalFormatRules([app.newConditionalFormatRule().whenTextEqualTo('x').build()]),
    ).toThrow('A conditional format rule must have at least one range.');
  });

  it('inserts and updates charts', () => {
    const gas = gasWithLieux();
    const s = sheet(gas, 'Lieux');
    const chart = s
      .newChart()
      .setChartType(gas.globals.Charts.ChartType.COLUMN)
      .addRange(s.getRange('A1:B3'))
      .setPosition(5, 5, 0, 0)
      .setOption('title', 'Lieux')
      .build();
    expect(chart.getChartId()).toBeNull();
    s.insertChart(chart);
    const [inserted] = s.getCharts();
    expect(inserted?.getChartId()).toBe(1);
    s.updateChart(inserted!.modify().setOption('title', 'Lieux par commune').build());
    expect(gas.charts('Lieux')).toEqual([
      {
        id: 1,
        type: 'COLUMN',
        ranges: ['Lieux!A1:B3'],
        options: { title: 'Lieux par commune' },
        position: { anchorRow: 5, anchorColumn: 5, offsetX: 0, offsetY: 0 },
      },
    ]);
  });
});

describe('locks, mail, properties, cache, fetch', () => {
  it('refuses a busy lock like Apps Script', () => {
    const gas = gasWithLieux({ lockBusy: true });
    const lock = gas.globals.LockService.getDocumentLock();
    expect(lock.tryLock(5000)).toBe(false);
    expect(lock.hasLock()).toBe(false);
    expect(() => lock.waitLock(10000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(gas.locks.document.refused).toBe(2);
    expect(gas.now().getTime()).toBe(NOW.getTime() + 15000);
  });

  it('times console.time/timeEnd on the fake clock, which Utilities.sleep advances', () => {
    const gas = gasWithLieux();
    gas.globals.console.time('lecture');
    gas.globals.Utilities.sleep(1500);
    gas.globals.console.timeEnd('lecture');
    expect(gas.logs.at(-1)).toEqual({ source: 'console', level: 'log', message: 'lecture: 1500ms' });
  });

  it('grants and releases a free lock', () => {
    const gas = gasWithLieux();
    const lock = gas.globals.LockService.getScriptLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(gas.locks.script).toEqual({ acquired: 1, released: 0, refused: 0, held: true });
    lock.releaseLock();
    expect(gas.locks.script.held).toBe(false);
  });

  it('sends mail in every form, counts recipients against the quota, and fails at zero', () => {
    const gas = gasWithLieux({ mailQuota: 3 });
    const mailApp = gas.globals.MailApp;
    mailApp.sendEmail({
      to: 'a@example.org, b@example.org',
      subject: 'Bilan',
      body: 'texte',
      htmlBody: '<p>texte</p>',
    });
    expect(mailApp.getRemainingDailyQuota()).toBe(1);
    mailApp.sendEmail('c@example.org', 'Rappel', 'corps', { name: 'Maillage' });
    expect(gas.sentMails.map((m) => [m.to, m.subject, m.name])).toEqual([
      ['a@example.org,b@example.org', 'Bilan', undefined],
      ['c@example.org', 'Rappel', 'Maillage'],
    ]);
    expect(() => mailApp.sendEmail('d@example.org', 'x', 'y')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(() => mailApp.sendEmail('pas-une-adresse', 'x', 'y')).toThrow('Invalid email: pas-une-adresse');
  });

  it('keeps properties as strings and honours cache expirations on the fake clock', () => {
    const gas = gasWithLieux({ properties: { document: { version: '1' } } });
    const props = gas.globals.PropertiesService.getDocumentProperties();
    expect(props.getProperty('version')).toBe('1');
    expect(props.getProperty('absent')).toBeNull();
    props.setProperty('count', 3 as unknown as string).setProperties({ a: 'x' });
    expect(gas.properties.document).toEqual({ version: '1', count: '3', a: 'x' });
    props.deleteProperty('a');
    expect(props.getKeys()).toEqual(['version', 'count']);
    const cache = gas.globals.CacheService.getScriptCache();
    cache.put('k', 'v', 60);
    expect(cache.get('k')).toBe('v');
    gas.globals.Utilities.sleep(61_000);
    expect(cache.get('k')).toBeNull();
  });

  it('fetches through the handler and throws on HTTP errors unless muted', () => {
    const seen: string[] = [];
    const gas = gasWithLieux({
      urlFetch: (req) => {
        seen.push(`${req.method} ${req.url} ${req.payload ?? ''}`);
        return req.url.includes('missing')
          ? { status: 404, body: 'not found' }
          : { status: 200, body: '{"ok":true}', headers: { 'Content-Type': 'application/json' } };
      },
    });
    const fetchApp = gas.globals.UrlFetchApp;
    const res = fetchApp.fetch('https://api.example.org/search?q=1', {
      method: 'post',
      payload: JSON.stringify({ a: 1 }),
      contentType: 'application/json',
    });
    expect([res.getResponseCode(), JSON.parse(res.getContentText()), res.getHeaders()]).toEqual([
      200,
      { ok: true },
      { 'Content-Type': 'application/json' },
    ]);
    expect(() => fetchApp.fetch('https://api.example.org/missing')).toThrow(
      'Request failed for https://api.example.org returned code 404. Truncated server response: not found (use muteHttpExceptions option to examine full response)',
    );
    expect(
      fetchApp.fetch('https://api.example.org/missing', { muteHttpExceptions: true }).getResponseCode(),
    ).toBe(404);
    expect(
      fetchApp.fetchAll(['https://api.example.org/a', { url: 'https://api.example.org/b' }]),
    ).toHaveLength(2);
    expect(seen[0]).toBe('POST https://api.example.org/search?q=1 {"a":1}');
    expect(gas.fetches.map((f) => f.status)).toEqual([200, 404, 404, 200, 200]);
  });
});

describe('triggers', () => {
  it('creates, lists and deletes installable triggers', () => {
    const gas = gasWithLieux({ user: 'coord@example.org' });
    const app = gas.globals.ScriptApp;
    const weekly = app
      .newTrigger('weeklyRollup')
      .timeBased()
      .onWeekDay(app.WeekDay.MONDAY)
      .atHour(6)
      .nearMinute(15)
      .inTimezone('Europe/Paris')
      .everyWeeks(1)
      .create();
    app
      .newTrigger('onEditInstalled')
      .forSpreadsheet(gas.globals.SpreadsheetApp.getActive())
      .onEdit()
      .create();
    expect(weekly.getHandlerFunction()).toBe('weeklyRollup');
    expect(weekly.getEventType()).toBe(app.EventType.CLOCK);
    expect(String(weekly.getTriggerSource())).toBe('CLOCK');
    expect(gas.triggers.map((t) => [t.handlerFunction, t.eventType, t.schedule])).toEqual([
      [
        'weeklyRollup',
        'CLOCK',
        { kind: 'weeks', every: 1, weekDay: 'MONDAY', hour: 6, nearMinute: 15, timeZone: 'Europe/Paris' },
      ],
      ['onEditInstalled', 'ON_EDIT', undefined],
    ]);
    const [first] = app.getProjectTriggers();
    app.deleteTrigger(first!);
    expect(app.getProjectTriggers().map((t) => t.getUniqueId())).toEqual([gas.triggers[0]?.id]);
    expect(() => app.newTrigger('x').timeBased().everyMinutes(7)).toThrow(
      'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
    );
    expect(() => app.newTrigger('x').timeBased().atHour(6).create()).toThrow('no schedule');
  });

  it('limits a user to 20 triggers per script', () => {
    const gas = gasWithLieux();
    const app = gas.globals.ScriptApp;
    for (let i = 0; i < 20; i++) app.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => app.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });
});

describe('call counting', () => {
  it('counts every service call, including chained ones, but not internal calls or enums', () => {
    const gas = gasWithLieux();
    const app = gas.globals.SpreadsheetApp;
    const s = app.getActive().getSheetByName('Lieux')!;
    s.getDataRange().getValues();
    s.getRange('A5:B5')
      .setValues([['x', 'y']])
      .setFontWeight('bold');
    void app.ProtectionType.RANGE;
    app.newDataValidation().requireCheckbox().build();
    expect(gas.calls.byMethod).toEqual({
      'SpreadsheetApp.getActive': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getDataRange': 1,
      'Range.getValues': 1,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
      'Range.setFontWeight': 1,
      'SpreadsheetApp.newDataValidation': 1,
      'DataValidationBuilder.requireCheckbox': 1,
      'DataValidationBuilder.build': 1,
    });
    expect(gas.calls.total).toBe(10);
    expect(gas.calls.byService.Range).toBe(3);
    expect(gas.calls.count('Range.getValues')).toBe(1);
    expect(gas.calls.totalExcept(LOCAL_OBJECT_SERVICES)).toBe(8);
    gas.uncounted(() => s.getRange('A1').getValue());
    expect(gas.calls.total).toBe(10);
    gas.resetCalls();
    expect([gas.calls.total, gas.calls.byMethod, gas.calls.log]).toEqual([0, {}, []]);
  });

  it('counts a RangeList write as one call, whatever the number of its ranges', () => {
    // « RangeList.setValue(value): Sets the value for each Range in the RangeList. » One call.
    const gas = gasWithLieux();
    const s = gas.globals.SpreadsheetApp.getActive().getSheetByName('Lieux')!;
    gas.resetCalls();
    s.getRangeList(['A2', 'B3', 'C4']).setValue('x');
    expect(gas.calls.log).toEqual(['Sheet.getRangeList', 'RangeList.setValue']);
    expect(gas.uncounted(() => [s.getRange('A2').getValue(), s.getRange('B3').getValue()])).toEqual([
      'x',
      'x',
    ]);
  });
});

describe('Ui and HtmlService', () => {
  it('answers alerts and prompts from the scripted queue and logs them', () => {
    const gas = gasWithLieux();
    const ui = gas.globals.SpreadsheetApp.getUi();
    gas.ui.answers.push('YES', { button: 'OK', text: '87' });
    expect(ui.alert('Publier', 'Publier la carte ?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    const answer = ui.prompt('Département', 'Numéro ?', ui.ButtonSet.OK_CANCEL);
    expect([answer.getSelectedButton(), answer.getResponseText()]).toEqual([ui.Button.OK, '87']);
    expect(ui.alert('Terminé')).toBe(ui.Button.OK);
    expect(() => ui.alert('Encore ?', ui.ButtonSet.YES_NO)).toThrow('no scripted answer');
    gas.spreadsheet.toast('Fini', 'Maillage');
    expect(gas.uiLog.map((e) => [e.kind, e.title, e.content, e.answer])).toEqual([
      ['alert', 'Publier', 'Publier la carte ?', 'YES'],
      ['prompt', 'Département', 'Numéro ?', 'OK'],
      ['alert', '', 'Terminé', 'OK'],
      ['toast', 'Maillage', 'Fini', undefined],
    ]);
  });

  it('evaluates templates from files and shows sidebars and dialogs', () => {
    const htmlDir = mkdtempSync(join(tmp, 'html-'));
    writeFileSync(
      join(htmlDir, 'Sidebar.html'),
      '<h1><?= title ?></h1><? for (const l of lieux) { ?><li><?= l ?></li><? } ?><?!= raw ?>',
    );
    const gas = gasWithLieux({ htmlDir });
    const html = gas.globals.HtmlService;
    const t = html.createTemplateFromFile('Sidebar');
    Object.assign(t, { title: 'Lieux', lieux: ['A & B', 'C'], raw: '<hr>' });
    const out = t.evaluate().setTitle('Maillage').setWidth(300);
    expect(out.getContent()).toBe('<h1>Lieux</h1><li>A &amp; B</li><li>C</li><hr>');
    const ui = gas.globals.SpreadsheetApp.getUi();
    ui.showSidebar(out);
    ui.showModalDialog(html.createHtmlOutput('<p>ok</p>').setHeight(200), 'Confirmation');
    expect(gas.uiLog).toEqual([
      { kind: 'sidebar', title: 'Maillage', content: out.getContent(), width: 300 },
      { kind: 'modalDialog', title: 'Confirmation', content: '<p>ok</p>', height: 200, width: undefined },
    ]);
    expect(() => html.createHtmlOutputFromFile('Absent')).toThrow('No HTML file named Absent was found.');
  });
});

describe('utilities and session', () => {
  it('formats dates with Java patterns in a time zone', () => {
    const u = gasWithLieux().globals.Utilities;
    const d = new Date('2024-06-03T04:05:06Z');
    expect(u.formatDate(d, 'Europe/Paris', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2024-06-03T06:05:06');
    expect(u.formatDate(d, 'Europe/Paris', 'EEE dd/MM/yy HH:mm')).toBe('Mon 03/06/24 06:05');
    expect(u.formatDate(new Date('2024-01-15T12:00:00Z'), 'Europe/Paris', 'EEEE d MMMM yyyy XXX')).toBe(
      'Monday 15 January 2024 +01:00',
    );
    expect(u.formatDate(d, 'GMT+1', 'HH:mm Z')).toBe('05:05 +0100');
    expect(u.base64Encode('é')).toBe('w6k=');
    expect(u.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('knows the user, or not', () => {
    expect(gasWithLieux({ user: 'a@example.org' }).globals.Session.getActiveUser().getEmail()).toBe(
      'a@example.org',
    );
    const unknown = gasWithLieux({ user: '', effectiveUser: 'owner@example.org' });
    expect(unknown.globals.Session.getActiveUser().getEmail()).toBe('');
    expect(unknown.globals.Session.getEffectiveUser().getEmail()).toBe('owner@example.org');
    expect(unknown.globals.Session.getScriptTimeZone()).toBe('Europe/Paris');
  });
});

describe('loading a bundle', () => {
  const bundle = join(tmp, 'Code.js');
  // Scripts run inside the fake: their `new Date()` is the fake's clock (asserted below), never the machine's.
  writeFileSync(
    bundle,
    [
      "function onOpen(){ SpreadsheetApp.getUi().createMenu('X').addItem('A','a').addToUi(); }",
      'function a(){ var v = SpreadsheetApp.getActive().getSheetByName("Lieux").getDataRange().getValues();',
      '  return { isDate: v[1][2] instanceof Date, now: new Date().toISOString(), user: Session.getActiveUser().getEmail() }; }',
      'function fails(){ try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (e) { return e instanceof Error; } }',
      'function onEdit(e){ e.range.setNote("vu " + e.value + " / " + e.oldValue + " par [" + e.user.getEmail() + "] " + e.authMode);',
      '  try { MailApp.sendEmail("a@example.org", "s", "b"); } catch (err) { e.range.offset(0, 1).setValue(err.message); } }',
      'function weekly(){ SpreadsheetApp.getUi(); }',
      'function platform(){ return [typeof setTimeout, typeof URL, JSON.stringify({ r: SpreadsheetApp.getActiveRange() })]; }',
      'function mail(e){ MailApp.sendEmail("a@example.org", "Modifié", e.range.getA1Notation()); }',
    ].join('\n'),
  );

  it('runs onOpen and a menu item, with the fake clock and vm-realm errors', () => {
    const gas = gasWithLieux({ user: 'coord@example.org' });
    const ctx = gas.loadBundle(bundle);
    gas.fireOpen(ctx);
    expect(gas.ui.menus).toEqual([
      { title: 'X', addon: false, items: [{ caption: 'A', functionName: 'a' }] },
    ]);
    expect(gas.runMenuItem(ctx, 'X', 'A')).toEqual({
      isDate: true,
      now: '2024-06-03T04:00:00.000Z',
      user: 'coord@example.org',
    });
    expect(ctx.fails()).toBe(true);
    expect(ctx.platform()).toEqual(['undefined', 'undefined', '{"r":{}}']);
    gas.resetCalls();
    ctx.onOpen({});
    expect(gas.calls.log).toEqual(['SpreadsheetApp.getUi', 'Ui.createMenu', 'Menu.addItem', 'Menu.addToUi']);
  });

  it('fires onEdit as a simple trigger (LIMITED) and installable triggers as their owner', () => {
    const gas = gasWithLieux({ user: 'coord@example.org' });
    const ctx = gas.loadBundle(bundle);
    gas.globals.ScriptApp.newTrigger('mail').forSpreadsheet(gas.spreadsheet).onEdit().create();
    const e = gas.fireEdit(ctx, 'Lieux', 'B2', 'Aixe-sur-Vienne', { user: 'partenaire@example.org' });
    expect([e.value, e.oldValue, e.range.getA1Notation(), e.range.columnStart, String(e.authMode)]).toEqual([
      'Aixe-sur-Vienne',
      'Limoges',
      'B2',
      2,
      'LIMITED',
    ]);
    expect(gas.notes('Lieux')).toEqual({ B2: 'vu Aixe-sur-Vienne / Limoges par [] LIMITED' });
    expect(sheet(gas, 'Lieux').getRange('C2').getValue()).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(gas.sentMails.map((m) => [m.subject, m.body, m.from])).toEqual([
      ['Modifié', 'B2', 'coord@example.org'],
    ]);
  });

  it('can align the process time zone with the script time zone for local-time Date methods', () => {
    const saved = process.env.TZ;
    try {
      const gas = gasWithLieux({ timeZone: 'Europe/Paris', alignProcessTimeZone: true });
      const ctx = gas.loadScript('function hour(){ return new Date().getHours(); }');
      expect(ctx.hour()).toBe(6);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('gives no Ui to time-driven triggers', () => {
    const gas = gasWithLieux();
    const ctx = gas.loadBundle(bundle);
    gas.globals.ScriptApp.newTrigger('weekly').timeBased().everyDays(1).atHour(6).create();
    expect(() => gas.runTrigger(ctx, 'weekly')).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
  });
});
