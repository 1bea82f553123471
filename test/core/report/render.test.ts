import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { longDate as fmtDate } from '../../../src/core/french/dates';
import { DEFINITIONS, definitionsMarkdown, parsePeriod } from '../../../src/core/indicators';
import { TABS, type TabName } from '../../../src/core/model';
import {
  buildReportInput,
  type CommuneOutlines,
  esc,
  fmtInt,
  fmtKm,
  fmtPct,
  renderReport,
} from '../../../src/core/report';
import { niceMax } from '../../../src/core/report/charts';
import { readWorkbook } from '../../../src/core/workbook';
import { ROOT, sampleWorkbook } from '../../helpers/workbook';
import { cells, LIEUX, read, TODAY, territory } from '../indicators/hand-workbook';

const outlines = JSON.parse(
  readFileSync(join(ROOT, 'src/core/data/commune-outlines/87.json'), 'utf8'),
) as CommuneOutlines;
const T4 = parsePeriod('2026-T4')!;

/** lieu-0001 signs the charter in T4: its name shows in the report. Give it characters HTML must escape. */
const HOSTILE = 'Médiathèque <script>alert("x")</script> & « Cie »';
const lieux = LIEUX.map((l) => (l.id === 'lieu-0001' ? { ...l, nom: HOSTILE } : l));

function report(options: { lieux?: typeof LIEUX; withOutlines?: boolean; history?: number } = {}) {
  const tables = read(cells(undefined, options.lieux ?? lieux)).tables;
  const input = buildReportInput(tables, {
    territory,
    quarter: T4,
    today: TODAY,
    outlines: options.withOutlines === false ? null : outlines,
    ...(options.history === undefined ? {} : { history: options.history }),
  });
  return { input, html: renderReport(input) };
}

describe('French formats', () => {
  it('writes numbers, percentages, distances and dates the French way', () => {
    expect(fmtInt(373167)).toBe('373\u202f167');
    expect(fmtInt(null)).toBe('—');
    expect(fmtPct(5 / 6)).toBe('83\u00a0%');
    expect(fmtPct(0.0123, 1)).toBe('1,2\u00a0%');
    expect(fmtKm(12.345)).toBe('12,3\u00a0km');
    expect(fmtDate('2026-10-01')).toBe('1er octobre 2026');
    expect(fmtDate('2026-12-31')).toBe('31 décembre 2026');
  });

  it('chooses axis maxima whose four intervals are whole numbers', () => {
    expect(niceMax(21)).toBe(24);
    expect(niceMax(70)).toBe(80);
    expect(niceMax(3)).toBe(4);
    expect(niceMax(0)).toBe(4);
    expect(niceMax(1100)).toBe(1200);
    expect(niceMax(0.7, false)).toBe(0.8);
  });
});

describe('renderReport', () => {
  const { input, html } = report();

  it('is one self-contained page: no script, no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|@import|url\((?!#)/i);
    // The only URL is the SVG namespace.
    const urls = html.match(/https?:\/\/[^\s"'<)]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('escapes every value', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Médiathèque &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; « Cie »');
  });

  it('shows the quarter, its key figures and five quarters of trends', () => {
    expect(html).toContain('Rapport au comité de pilotage — 4e trimestre 2026');
    expect(html).toContain('Du 1er octobre 2026 au 31 décembre 2026');
    expect(html).toContain('Trimestre en cours : données au 18 novembre 2026.');
    expect(input.quarters.map((q) => q.period.key)).toEqual([
      '2025-T4',
      '2026-T1',
      '2026-T2',
      '2026-T3',
      '2026-T4',
    ]);
    // Hand-computed T4 (see test/core/indicators/compute.test.ts): 4 held, 26 people, 25 accompaniments, 10/12.
    const figure = (id: string) => html.match(new RegExp(`<li id="chiffre-${id}">(.*?)</li>`))![1]!;
    expect(figure('permanences')).toContain('<span class="valeur">4</span>');
    expect(figure('permanences')).toContain('2\u00a0prévues · 1\u00a0annulée');
    expect(figure('personnes')).toContain('<span class="valeur">26</span>');
    expect(figure('accompagnements')).toContain('<span class="valeur">25</span>');
    expect(figure('accompagnements')).toContain('14 individuels + 11 participants aux ateliers');
    expect(figure('satisfaction')).toContain('<span class="valeur">83\u00a0%</span>');
    expect(figure('satisfaction')).toContain('10 satisfaits sur 12\u00a0réponses');
    expect(figure('communes')).toContain('<span class="valeur">3</span>');
    for (const id of ['permanences', 'communes', 'personnes', 'satisfaction', 'relais']) {
      expect(html).toContain(`id="graphique-${id}"`);
    }
  });

  it('puts the five seed indicators first, each with its exact definition, and explains the relay counts', () => {
    const headline = html.match(/<ul class="chiffres">([\s\S]*?)<\/ul>/)![1]!;
    expect([...headline.matchAll(/<li id="chiffre-([a-z]+)">/g)].map((m) => m[1])).toEqual([
      'communes',
      'personnes',
      'accompagnements',
      'satisfaction',
      'relais',
    ]);
    const byId = new Map(DEFINITIONS.flatMap((g) => g.definitions).map((d) => [d.id, d.definition]));
    for (const id of [
      'communes-couvertes',
      'personnes-recues',
      'accompagnements',
      'satisfaction',
      'relais-mobilises',
    ]) {
      const text = byId.get(id)!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      expect(headline, id).toContain(`<span class="definition">${text}</span>`);
    }
    const q = input.quarters.at(-1)!;
    expect(headline).toContain(`<span class="valeur">${fmtInt(q.relais.mobilises)}</span>`);
    const note = html.match(/<ol class="renvois">([\s\S]*?)<\/ol>/)![1]!;
    expect(note).toContain(
      `Relais mobilisés (${fmtInt(q.relais.mobilises)}) et relais actifs (${fmtInt(q.relais.actifs)})`,
    );
  });

  it('says « pas de données » for quarters before the bus started, never zero bars', () => {
    const empty = input.quarters.filter(
      (q) => q.permanences.realisees + q.permanences.prevues + q.permanences.annulees === 0,
    );
    expect(empty.length).toBeGreaterThan(0);
    const chart = html.match(/<figure class="chart" id="graphique-permanences">[\s\S]*?<\/figure>/)![0];
    expect(chart.match(/pas de données/g)).toHaveLength(empty.length);
    expect(html).toContain('Pas encore de données pour');
    // Bars only for the quarters with data: three series each.
    expect(chart.match(/<rect class="bar"/g)?.length ?? 0).toBeLessThanOrEqual(
      3 * (input.quarters.length - empty.length),
    );
  });

  it('names the main towns on the coverage map, and forces no page break', () => {
    const towns = [...html.matchAll(/<text class="ville"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(towns).toHaveLength(8);
    expect(towns[0]).toBe('Limoges');
    expect(towns).toContain('Saint-Junien');
    expect(html).not.toMatch(/break-before:\s*page/);
    expect(html).not.toContain('Classeur d’exemple'); // a real workbook: no sample note
    // Active places (the bus row included) beside the 3 fixed places of the map: the gap explained.
    const d = input.network.directory;
    expect(html).toContain(
      `Lieux actifs (${fmtInt(d.actifs)}) et lieux fixes sur la carte de couverture et la carte publiée (3) : l’écart vient de ce que 1\u00a0ligne décrit le bus`,
    );
    expect(d.actifs).toBe(4);
  });

  it('never shows a satisfaction rate without answers', () => {
    // Quarters before T4 have no answers: their points say so instead of 0 %.
    const chart = html.match(/<figure class="chart" id="graphique-satisfaction">[\s\S]*?<\/figure>/)![0];
    expect(chart.match(/pas de taux/g)).toHaveLength(4);
    expect(chart.match(/aucune réponse/g)).toHaveLength(4);
    expect(chart).toContain('12 réponses');
    expect(chart).not.toContain('>0\u00a0%</text><circle');
    expect(chart.match(/<circle class="point"/g)).toHaveLength(1);
  });

  it('draws every commune of the département on the map, shaded by distance class', () => {
    const paths = html.match(/<path class="commune" data-code="(\d{5})" data-classe="(\d)"/g) ?? [];
    expect(paths).toHaveLength(outlines.features.length);
    expect(paths).toHaveLength(195);
    // Cussac has a bus stop in T4: distance 0, first class. Limoges has fixed places.
    expect(html).toContain('data-code="87054" data-classe="0"');
    expect(html).toContain('data-code="87085" data-classe="0"');
    // Three fixed places (the bus and the closed place are not fixed places), four bus stops.
    expect(html.match(/<circle class="lieu"/g)).toHaveLength(3);
    expect(html.match(/<path class="arret"/g)).toHaveLength(4);
    expect(html).toContain('lieu fixe (3)');
  });

  it('lists the under-served communes and the suggested stops, and prints every definition', () => {
    expect(input.coverage.suggestions.length).toBeGreaterThan(0);
    const first = input.coverage.suggestions[0]!;
    expect(html).toContain(`<td class="n">1</td><td>${first.nom}</td>`);
    for (const group of DEFINITIONS) {
      for (const d of group.definitions) expect(html).toContain(`<dt id="def-${d.id}">`);
    }
  });

  it('tells the network’s life: charter signatures, new relays, stale records', () => {
    // lieu-0001 signed on 05/11/2026 (T4); lieu-0003 on 01/09/2026 (T3). relais-002's agreement: 05/11/2026.
    expect(input.network.chartesSignees.map((c) => c.commune)).toEqual(['Limoges']);
    expect(input.network.nouveauxRelais).toEqual([
      { nom: 'Boulangerie', type: 'Commerce', commune: 'Bujaleuf' },
    ]);
    // date_maj in T4 up to 18/11: lieu-0001 (01/10) and the bus lieu-0005 (01/11).
    expect(input.network.lieuxMisAJour).toBe(2);
    expect(input.network.directory.anciens).toBe(1);
    expect(html).toContain('Boulangerie — Commerce (Bujaleuf)');
  });

  it('shows who offers what, where: a service × EPCI table counted from the places, then the places of each cell', () => {
    // From LIEUX by hand: Médiathèque (Limoges: A and B), France Services (Bellac: A), Point numérique
    // (Bellac: B); the bus and the closed place are not counted.
    const section = html.match(/<section id="offre">([\s\S]*?)<\/section>/)![1]!;
    const table = section.match(/<table id="tableau-offre"[\s\S]*?<\/table>/)![0];
    const rows = [...table.matchAll(/<tr(?: class="total")?><th scope="row">([^<]+)<\/th>(.*?)<\/tr>/g)].map(
      (m) => [m[1], [...m[2]!.matchAll(/<td class="n[^"]*">([^<]+)<\/td>/g)].map((c) => c[1]).join(' ')],
    );
    const epcis = new Set(territory.communes.map((c) => c.epci?.nom ?? 'Sans EPCI'));
    expect(rows).toHaveLength(epcis.size + 1);
    const line = (n: string) => rows.find((r) => r[0] === n)![1];
    expect(line('CU Limoges Métropole')).toBe('1 1 — — — — — — —');
    expect(line('CC Haut Limousin en Marche')).toBe('1 1 — — — — — — —');
    expect(line('CC de Noblat')).toBe('— — — — — — — — —');
    expect(line('Département')).toBe('2 2 0 0 0 0 0 0 0');
    // Column headers keep the standard's full label for screen readers.
    expect(table).toContain('<span class="lecteur">Maîtrise des outils numériques du quotidien</span>');
    expect(section).toContain('<h3>Aide aux démarches administratives — 2\u00a0lieux</h3>');
    expect(section).toContain(
      '<li><strong>CC Haut Limousin en Marche</strong> : France Services (Bellac)</li>',
    );
    expect(section).toContain('3\u00a0lieux fixes actifs, 13\u00a0EPCI');
    const others = epcis.size - 2;
    expect(section).toContain(`Aucun lieu dans ${others}\u00a0EPCI : `);
    // Loisirs: nobody; its communes without the service are all of them.
    expect(section).toContain(
      `<h3>Loisirs et créations numériques — 0\u00a0lieu</h3><p>Aucun lieu dans aucun EPCI. ${fmtInt(territory.communes.length)}\u00a0communes sur ${fmtInt(territory.communes.length)} sans lieu qui le propose (100\u00a0% des habitants).</p>`,
    );
  });

  it('says « pas de données » for the network’s life when its tabs hold nothing for the quarter', () => {
    const life = html.match(/<table id="tableau-vie-reseau">([\s\S]*?)<\/table>/)![1]!;
    const value = (label: string) =>
      new RegExp(`${label}[^<]*<a[^>]*>\\(définition\\)</a></th><td class="n">([^<]*)</td>`).exec(life)?.[1];
    expect(value('Rencontres tenues en T4 2026')).toBe('pas de données');
    expect(value('Chèques Pass Numérique')).toBe('pas de données');
    expect(value('Professionnels formés aux services des opérateurs')).toBe('0 (aucune formation tenue)');
    // Two active places signed the charter by 18/11 (lieu-0001 in T4, lieu-0003 in T3).
    expect(value('Signataires de la charte \\(structures membres\\)')).toBe('2, dont 1 en T4 2026');
    // Updated since 18/05/2026: lieu-0001 and the bus (lieu-0002 and lieu-0003 date from November 2025).
    expect(value('Lieux actifs mis à jour depuis six mois')).toBe('50\u00a0% (2 sur 4)');
    expect(html).toContain('Rencontres par type : pas de données');
    expect(html).toContain('Chèques Pass Numérique : pas de données');
  });

  it('says when rows were set aside, and works without outlines', () => {
    expect(html).toContain('1\u00a0ligne de Permanences comportent des erreurs');
    const bare = report({ withOutlines: false, lieux: LIEUX }).html;
    expect(bare).toContain('Carte indisponible');
    expect(bare).not.toContain('<path class="commune"');
  });

  it('uses the weekly snapshots of the Indicateurs tab for past quarters', () => {
    const raw = cells(undefined, lieux);
    raw.Indicateurs = [
      raw.Indicateurs![0]!,
      ...[
        ['2026-W30', '2026-07-20', '2026-07-26', '40'],
        ['2026-W39', '2026-09-21', '2026-09-27', '57'],
      ].map(([periode, du, au, n]) => {
        const h = raw.Indicateurs![0]!;
        const row = h.map(() => '');
        row[h.indexOf('Période')] = periode!;
        row[h.indexOf('Du')] = du!;
        row[h.indexOf('Au')] = au!;
        row[h.indexOf('Lieux actifs')] = n!;
        return row;
      }),
    ];
    const input2 = buildReportInput(read(raw).tables, {
      territory,
      quarter: T4,
      today: TODAY,
      outlines: null,
    });
    // T3: the last snapshot of the quarter (W39: 57); T4: today's directory (4); before: no snapshot.
    expect(input2.lieuxActifsHistory).toEqual([null, null, null, 57, 4]);
  });
});

describe('nothing private in the report', () => {
  it('names no referent, registrant, e-mail, phone, video link or note, even planted in the network tabs', () => {
    const raw = sampleWorkbook();
    const put = (tab: TabName, match: (row: string[]) => boolean, key: string, value: string) => {
      const header = raw[tab]![0]!;
      const at = header.indexOf(TABS[tab].columns.find((c) => c.key === key)!.header);
      const row = raw[tab]!.slice(1).find(match)!;
      row[at] = value;
    };
    const first = (tab: TabName, id: string) => (row: string[]) =>
      row[raw[tab]![0]!.indexOf('Rencontre')] === id || row[0] === id;
    const secrets = {
      registrant: 'Philibert Inscrit-Secret',
      registrantMail: 'philibert@inscription-privee.example',
      registrantStructure: 'Association Très Confidentielle',
      referent: 'Ombeline Réservée',
      referentMail: 'ombeline@referent-prive.example',
      referentPhone: '05 36 49 77 03',
      placeReferent: 'Gaspard Confidentiel',
      video: 'https://visio.secret.example/salle-privee',
      meetingNote: 'Traiteur réservé chez Mme Confidentielle',
      passNote: 'Chèques comptés par M. Secret-Pass',
    };
    // A registrant present at a meeting held in T4 (renc-015, 20 October), so the row is counted.
    put('Inscriptions', first('Inscriptions', 'renc-015'), 'nom', secrets.registrant);
    put('Inscriptions', first('Inscriptions', 'renc-015'), 'courriel', secrets.registrantMail);
    put('Inscriptions', first('Inscriptions', 'renc-016'), 'structure', secrets.registrantStructure);
    put('Référents', first('Référents', 'ref-001'), 'nom', secrets.referent);
    put('Référents', first('Référents', 'ref-001'), 'courriel', secrets.referentMail);
    put('Référents', first('Référents', 'ref-001'), 'telephone', secrets.referentPhone);
    put('Lieux', first('Lieux', 'lieu-0002'), 'referent_nom', secrets.placeReferent);
    put('Rencontres', first('Rencontres', 'renc-016'), 'lien_visio', secrets.video);
    put('Rencontres', first('Rencontres', 'renc-015'), 'notes', secrets.meetingNote);
    put('Pass Numérique', (row) => row[1] === '04/10/2026', 'notes', secrets.passNote);
    const wb = readWorkbook(raw, { territory, today: '2026-11-28' });
    expect(wb.tables.Inscriptions.rows.every((r) => r.valid)).toBe(true);
    const input = buildReportInput(wb.tables, { territory, quarter: T4, today: '2026-11-28', outlines });
    expect(input.network.vie.structures!.representees).toBeGreaterThan(0);
    const page = renderReport(input);
    for (const [name, value] of Object.entries(secrets)) {
      for (const form of [
        value,
        esc(value),
        value.replace(/\s/g, ''),
        value.replace(/^0/, '+33').replace(/\s/g, ''),
      ])
        expect(page.includes(form), `${name}: ${form}`).toBe(false);
    }
    expect(page).not.toMatch(/@[a-z-]+\.example/);
  });
});

describe('definitions', () => {
  it('gives the README section as Markdown, one bullet per definition', () => {
    const md = definitionsMarkdown();
    const count = DEFINITIONS.reduce((n, g) => n + g.definitions.length, 0);
    expect(md.match(/^- \*\*/gm)).toHaveLength(count);
    expect(md).toContain('### Le bus « aller vers »');
  });
});
