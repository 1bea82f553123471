import { describe, expect, it } from 'vitest';
import { col, fakeGeocoder, gasWith, MENU, sampleSheets } from './helpers';

const COMPLETE = 'Compléter les coordonnées';

/** The sample with the coordinates of the first `n` places erased. */
function withoutCoordinates(n: number) {
  const sheets = sampleSheets();
  const lieux = sheets.Lieux!;
  const header = lieux[0] as string[];
  const lat = header.indexOf('Latitude');
  const lon = header.indexOf('Longitude');
  const original = lieux.slice(1, n + 1).map((r) => [r[lat], r[lon]]);
  for (let i = 1; i <= n; i++) {
    lieux[i]![lat] = '';
    lieux[i]![lon] = '';
  }
  return { sheets, original, header };
}

describe('« Compléter les coordonnées »', () => {
  it('geocodes in batches with fetchAll, accepts confident answers in the right commune, falls back otherwise', () => {
    const { sheets, original, header } = withoutCoordinates(45);
    const code = header.indexOf('Code INSEE');
    const rows = sheets.Lieux!;
    // Row 3: half-typed coordinates are the partner's: never touched, never queried.
    rows[2]![header.indexOf('Latitude')] = 45.8;
    const addressOf = (i: number) => String(rows[i]![header.indexOf('Adresse')]);
    const latIndex = header.indexOf('Latitude');
    const lonIndex = header.indexOf('Longitude');
    // The BAN answers with the INSEE code of the commune, whether the row has it or only the name.
    const communes = new Map(sheets.Communes!.slice(1).map((r) => [String(r[1]), String(r[0])]));
    const citycode = (i: number) =>
      String(rows[i]![code]) || communes.get(String(rows[i]![header.indexOf('Commune')])) || '';
    const candidates = rows.filter((r, k) => k > 0 && r[latIndex] === '' && r[lonIndex] === '').length;
    const geocoder = fakeGeocoder((q) => {
      const i = rows.findIndex(
        (r, k) =>
          k > 0 &&
          q ===
            [r[header.indexOf('Adresse')], r[header.indexOf('Code postal')], r[header.indexOf('Commune')]]
              .map(String)
              .filter(Boolean)
              .join(' '),
      );
      if (i === 4) return { score: 0.35, citycode: citycode(i), lon: 1.1, lat: 45.1, label: 'Rue au hasard' };
      if (i === 5)
        return { score: 0.97, citycode: '23096', lon: 1.9, lat: 46.1, label: 'Même rue, ailleurs' };
      if (i === 6) return { score: 0, citycode: '', lon: 0, lat: 0, status: 429 };
      const known = original[i - 1];
      const [lat, lon] = known && known[0] !== '' ? known.map(Number) : [45.83, 1.25];
      return { score: 0.93, citycode: citycode(i), lon: lon!, lat: lat! };
    });
    const { gas, ctx } = gasWith(sheets, { urlFetch: geocoder.handler });
    gas.ui.answers.push('YES');
    gas.resetCalls();
    gas.runMenuItem(ctx, MENU, COMPLETE);

    expect(candidates).toBeGreaterThan(40);
    // Batches of 40; the busy answer asked twice more, 5 s apart (the service blocks for 5 s).
    expect(gas.calls.count('UrlFetchApp.fetchAll')).toBe(Math.ceil(candidates / 40) + 2);
    expect(geocoder.queries).toHaveLength(candidates + 2);
    expect(geocoder.queries).not.toContain(expect.stringContaining(addressOf(2)));
    expect(gas.fetches[0]?.request.url).toMatch(
      /^https:\/\/data\.geopf\.fr\/geocodage\/search\?q=.+&limit=1&index=address&autocomplete=0$/,
    );

    const values = gas.values('Lieux');
    const lat = col(gas, 'Lieux', 'Latitude');
    const lon = col(gas, 'Lieux', 'Longitude');
    // Confident: the BAN point.
    expect([values[1]![lat], values[1]![lon]]).toEqual(original[0]);
    // Half-typed: untouched.
    expect([values[2]![lat], values[2]![lon]]).toEqual([45.8, '']);
    // Low score and wrong commune: the commune's point, flagged by a note.
    const notes = gas.notes('Lieux');
    const latLetter = String.fromCharCode(65 + lat);
    for (const row of [5, 6]) {
      expect(typeof values[row - 1]![lat]).toBe('number');
      expect(values[row - 1]![lat]).not.toBe(original[row - 2]![0]);
      expect(notes[`${latLetter}${row}`]).toMatch(
        /^Maillage \(coordonnées\) : position approximative \(centre de la commune\)/,
      );
    }
    expect(notes[`${latLetter}5`]).toContain('confiance 35 %');
    expect(notes[`${latLetter}6`]).toContain('autre commune (code 23096)');
    // Busy geocoder: left empty, listed.
    expect([values[6]![lat], values[6]![lon]]).toEqual(['', '']);
    const report = String(gas.uiLog.at(-1)?.content);
    expect(report).toContain(`${candidates - 3} lieux placés à leur adresse.`);
    expect(report).toContain(
      '2 lieux placés au centre de la commune, à vérifier (note sur la latitude) : ligne 5, ligne 6.',
    );
    expect(report).toContain(
      '1 lieu non complété : ligne 7 (le géocodeur n’a pas répondu (code 429) : relancez plus tard).',
    );
    expect(gas.values('Journal').at(-1)?.slice(2, 4)).toEqual([COMPLETE, candidates - 1]);
    // The places are valid afterwards.
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    const etat = col(gas, 'Lieux', 'État');
    expect(gas.values('Lieux').filter((r, i) => i > 0 && r[etat] !== 'OK').length).toBe(1); // the half-typed row
  });

  it('waits as the service asks after a busy answer (Retry-After, else 5 s), then asks again', () => {
    const { sheets } = withoutCoordinates(0);
    const busy = new Map<string, number>();
    const geocoder = fakeGeocoder((q) => {
      const n = (busy.get(q) ?? 0) + 1;
      busy.set(q, n);
      if (n === 1) return { score: 0, citycode: '', lon: 0, lat: 0, status: 429, retryAfter: '7' };
      if (n === 2) return { score: 0, citycode: '', lon: 0, lat: 0, status: 429 };
      return null;
    });
    const { gas, ctx } = gasWith(sheets, { urlFetch: geocoder.handler });
    gas.ui.answers.push('YES');
    const before = gas.now().getTime();
    gas.runMenuItem(ctx, MENU, COMPLETE);
    expect(gas.calls.count('UrlFetchApp.fetchAll')).toBe(3);
    expect(gas.calls.log.filter((c) => c === 'Utilities.sleep')).toHaveLength(2);
    // 7 s asked by Retry-After, then the 5-second block of a 429 without it.
    expect(gas.now().getTime() - before).toBe(12_000);
    expect(String(gas.uiLog.at(-1)?.content)).toContain('9 lieux placés au centre de la commune');
  });

  it('asks first and fetches nothing when the coordinator says no', () => {
    const { sheets } = withoutCoordinates(0);
    const geocoder = fakeGeocoder(() => null);
    const { gas, ctx } = gasWith(sheets, { urlFetch: geocoder.handler });
    gas.ui.answers.push('NO');
    gas.runMenuItem(ctx, MENU, COMPLETE);
    expect(geocoder.queries).toEqual([]);
    expect(gas.uiLog.find((e) => e.answer === 'NO')?.content).toMatch(
      /^9 lieux ont une adresse mais pas de coordonnées/,
    );
  });

  it('reads the geocoder address from the script properties', () => {
    const { sheets } = withoutCoordinates(0);
    const geocoder = fakeGeocoder(() => null);
    const { gas, ctx } = gasWith(sheets, {
      urlFetch: geocoder.handler,
      properties: { script: { MAILLAGE_GEOCODEUR_URL: 'http://127.0.0.1:8080/ban/search' } },
    });
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, COMPLETE);
    expect(new Set(gas.fetches.map((f) => f.request.url.split('?')[0]))).toEqual(
      new Set(['http://127.0.0.1:8080/ban/search']),
    );
    expect(String(gas.uiLog.at(-1)?.content)).toContain('9 lieux placés au centre de la commune');
  });
});
