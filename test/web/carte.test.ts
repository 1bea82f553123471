/**
 * The map in a real browser (Debian's Chromium, offline): the list and the map agree, every filter
 * narrows both, the commune search, the details, the printed fiche, the URL, the keyboard, the XSS
 * case, no tiles, a feed that cannot be loaded, and both ways of embedding it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlacesFeed } from '../../src/core/publish/feed-types';
import {
  eventually,
  launchBrowser,
  listIds,
  mapMarkers,
  type OpenedPage,
  openMap,
  openPage,
  plain,
  resultCount,
  screenshot,
  txt,
} from './browser';
import { at, CALENDAR, COMMUNES, feature, makeFeed, NOW, properties } from './feed-fixture';
import { expectedIds, openNow, openOnWeekend, type Predicate } from './oracle';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;
const feed: PlacesFeed = makeFeed({ places: 30, stops: 3 });
const opened: OpenedPage[] = [];

beforeAll(async () => {
  server = await startServer();
  server.set('/lieux.geojson', JSON.stringify(feed));
  server.set('/carte/communes.json', JSON.stringify(COMMUNES));
  server.set('/permanences.ics', CALENDAR);
  server.set('/permanences/arret-saint-junien.ics', CALENDAR);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(
  path = `/carte/?maintenant=${NOW}`,
  options: Parameters<typeof openPage>[1] = {},
): Promise<OpenedPage> {
  const o = await openPage(browser, options);
  opened.push(o);
  await openMap(o, `${server.url}${path}`);
  return o;
}

async function close(o: OpenedPage) {
  expect(o.errors, 'no error in the page').toEqual([]);
  expect(o.dialogs, 'no dialog opened').toEqual([]);
  await o.context.close();
}

/** Total of what the map shows: clusters count their places. */
async function mapTotal(page: Page): Promise<number> {
  return (await mapMarkers(page)).reduce((n, m) => n + m.count, 0);
}

/** List count, summary count and map count agree; returns the ids in the list. */
async function expectAgreement(page: Page, expected: Set<string>) {
  await eventually(() => resultCount(page)).toBe(expected.size);
  await eventually(() => mapTotal(page)).toBe(expected.size);
  const ids = await listIds(page);
  if (expected.size <= 50) expect(new Set(ids)).toEqual(expected);
  else {
    expect(ids).toHaveLength(50);
    for (const id of ids) expect(expected.has(id)).toBe(true);
  }
  return ids;
}

describe('the map and its list', () => {
  it('shows the places and the bus stops; list and map hold the same places in the same order', async () => {
    const o = await open();
    const all = expectedIds(feed, () => true);
    const ids = await expectAgreement(o.page, all);
    // Map keyboard order follows the list: ranks increase along the marker pane, and each single
    // marker sits at its own place's position in the list.
    const sorted = async () => {
      const ranks = (await mapMarkers(o.page)).map((m) => m.rang);
      return ranks.every((r, i) => i === 0 || (ranks[i - 1] ?? 0) <= r);
    };
    await eventually(sorted).toBe(true);
    const markers = await mapMarkers(o.page);
    for (const m of markers.filter((m) => m.kind === 'lieu')) expect(ids[m.rang]).toBe(m.id);
    // Bus stops are shown as such, in the list and on the map.
    await eventually(() => o.page.locator('.mc-liste .mc-etiquette-bus').count()).toBe(feed.maillage.arrets);
    expect(await txt(o.page.locator('.leaflet-control-attribution'))).toContain('OpenStreetMap');
    expect(o.tiles.length).toBeGreaterThan(0);
    expect(o.blocked).toEqual([]);
    await screenshot(o.page, 'bureau-accueil');
    await close(o);
  });

  it('narrows the list and the map alike with each filter', async () => {
    const o = await open();
    const { page } = o;
    const has =
      (
        key: 'services' | 'publics_specifiquement_adresses' | 'prise_en_charge_specifique',
        v: string,
      ): Predicate =>
      (f) =>
        f.properties[key].includes(v);
    const cases: { label: string; group?: string; keep: Predicate }[] = [
      { label: 'Ouvert maintenant', keep: (f) => openNow(f, NOW) },
      { label: 'Ouvert le samedi ou le dimanche', keep: (f) => openOnWeekend(f, NOW) },
      { label: 'Gratuit', keep: (f) => f.properties.frais_a_charge.includes('Gratuit') },
      { label: 'Rendez-vous en ligne possible', keep: (f) => f.properties.prise_rdv !== null },
      { label: 'Lieux fixes', keep: (f) => f.properties.categorie === 'lieu' },
      { label: 'Arrêts du bus numérique', keep: (f) => f.properties.categorie === 'arret' },
      {
        label: 'Aide aux démarches administratives',
        group: 'Services proposés',
        keep: has('services', 'Aide aux démarches administratives'),
      },
      {
        label: 'Seniors',
        group: 'Publics accueillis en particulier',
        keep: has('publics_specifiquement_adresses', 'Seniors'),
      },
      {
        label: 'Surdité',
        group: 'Prise en charge spécifique',
        keep: has('prise_en_charge_specifique', 'Surdité'),
      },
    ];
    const total = feed.features.length;
    for (const c of cases) {
      if (c.group) {
        const details = page.locator('details.mc-depliant', {
          has: page.locator('summary', { hasText: c.group }),
        });
        if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
          await details.locator('summary').click();
      }
      const control = page.getByLabel(c.label, { exact: false }).first();
      await control.check();
      const expected = expectedIds(feed, c.keep);
      expect(expected.size, c.label).toBeLessThan(total);
      expect(expected.size, c.label).toBeGreaterThan(0);
      await expectAgreement(page, expected);
      if (c.label === 'Lieux fixes' || c.label === 'Arrêts du bus numérique')
        await page.getByLabel('Tous', { exact: true }).check();
      else await control.uncheck();
      await eventually(() => resultCount(page)).toBe(total);
    }
    // Filters combine: free AND open now.
    await page.getByLabel('Gratuit', { exact: true }).check();
    await page.getByLabel('Ouvert maintenant', { exact: true }).check();
    await expectAgreement(
      page,
      expectedIds(feed, (f) => f.properties.frais_a_charge.includes('Gratuit') && openNow(f, NOW)),
    );
    await screenshot(page, 'bureau-filtres');
    await page.getByRole('button', { name: 'Effacer tous les filtres' }).click();
    await eventually(() => resultCount(page)).toBe(total);
    await close(o);
  });

  it('tells open from closed at a fixed clock (Saturday morning)', async () => {
    const saturday = '2026-12-05T11:00';
    const o = await open(`/carte/?maintenant=${saturday}`);
    await o.page.getByLabel('Ouvert maintenant', { exact: true }).check();
    const ids = await expectAgreement(
      o.page,
      expectedIds(feed, (f) => openNow(f, saturday)),
    );
    expect(ids).toContain('limoges-samedi');
    expect(ids).toContain('arret-cussac'); // the bus is in Cussac on Saturday 5 December, 9 h – 12 h
    expect(ids).not.toContain('sj-france-services');
    expect(await txt(o.page.locator('a[data-id="limoges-samedi"] .mc-etat'))).toBe(
      'Ouvert en ce moment, jusqu’à 18 h.',
    );
    await close(o);
  });
});

describe('commune search', () => {
  it('finds Saint-Junien however it is written, and lists its places first', async () => {
    const o = await open();
    const { page } = o;
    const field = page.getByLabel('Votre commune ou votre code postal');
    let reference: string[] | null = null;
    for (const query of ['saint-junien', 'St Junien', 'Saint-Junien']) {
      await field.fill(query);
      await field.press('Enter');
      expect(await txt(page.locator('.mc-centre'))).toContain('Saint-Junien (87200)');
      const ids = await listIds(page);
      expect(ids[0], query).toBe('sj-france-services');
      if (reference) expect(ids).toEqual(reference);
      reference = ids;
      expect(page.url()).toContain('commune=87154');
    }
    // The bus in Saint-Junien: it is there this morning.
    expect(await txt(page.locator('.mc-bus-commune'))).toMatch(
      /Le bus numérique à Saint-Junien.*aujourd’hui de 9 h 30 à 12 h/,
    );
    await expect(page.locator('.mc-bus-commune a').getAttribute('href')).resolves.toBe(
      `${server.url}/permanences.ics`,
    );
    // « Dans la commune seulement »: Saint-Junien's own places and stops, nothing else.
    await page.getByLabel('Distance').selectOption('0');
    const inTown = expectedIds(feed, (f) => f.properties.code_insee === '87154');
    await eventually(() => resultCount(page)).toBe(inTown.size);
    expect(new Set(await listIds(page))).toEqual(inTown);
    await screenshot(page, 'bureau-commune');
    // Several communes start with « saint »: the person chooses.
    await field.fill('saint-l');
    await field.press('Enter');
    await expect(page.locator('.mc-suggestions button').count()).resolves.toBeGreaterThan(1);
    await page.getByRole('button', { name: /Saint-Léonard-de-Noblat/ }).click();
    expect(await txt(page.locator('.mc-centre'))).toContain('Saint-Léonard-de-Noblat');
    await field.fill('Bordeaux');
    await field.press('Enter');
    expect(await txt(page.locator('.mc-commune-message'))).toContain(
      'Aucune commune de Haute-Vienne ne correspond à « Bordeaux »',
    );
    await close(o);
  });

  it('searches around the person’s position, without putting it in the URL', async () => {
    const o = await open(`/carte/?maintenant=${NOW}`, {
      geolocation: { latitude: 45.884, longitude: 0.905 },
    });
    await o.page.getByRole('button', { name: 'Autour de moi' }).click();
    // The position arrives asynchronously: wait for the search to be centred on it.
    await eventually(() => txt(o.page.locator('.mc-centre'))).toContain('autour de votre position');
    const ids = await listIds(o.page);
    expect(ids.slice(0, 3)).toContain('sj-france-services');
    expect(await txt(o.page.locator('.mc-lieu-distance').first())).toMatch(/^à [\d,]+ k?m$/);
    expect(o.page.url()).not.toMatch(/45\.88|0\.90/);
    // Not in a commune: the nearest stop of the bus, and when it comes.
    expect(await txt(o.page.locator('.mc-bus-commune'))).toMatch(
      /Arrêt le plus proche : Saint-Junien \(à [\d,]+ k?m\), prochain passage aujourd’hui de 9 h 30 à 12 h\./,
    );
    await close(o);
  });
});

describe('a place', () => {
  it('shows hours in plain French, contacts, appointment, accessibility and directions', async () => {
    const o = await open();
    const { page } = o;
    await page.locator('a[data-id="sj-france-services"]').click();
    const details = page.locator('.mc-details');
    expect(await txt(details.getByRole('heading', { level: 2 }))).toBe('France Services de Saint-Junien');
    const text = await txt(details);
    expect(text).toContain('Ouvert en ce moment, jusqu’à 12 h.');
    expect(text).toContain('Ouvert aujourd’hui de 9 h à 12 h et de 14 h à 17 h.');
    expect(text).toContain('Du lundi au vendredi');
    expect(text).toContain('Jours fériés');
    expect(text).toContain('Aide aux démarches administratives');
    // The feed's +33555021717: shown in national form, dialled as +33, read digit by digit.
    const phone = details.getByRole('link', { name: '0 5 5 5 0 2 1 7 1 7' });
    await expect(phone.getAttribute('href')).resolves.toBe('tel:+33555021717');
    await expect(phone.locator('[aria-hidden="true"]').textContent()).resolves.toBe('05 55 02 17 17');
    expect(text).not.toContain('+33');
    await expect(
      details.getByRole('link', { name: /Prendre rendez-vous en ligne/ }).getAttribute('href'),
    ).resolves.toBe('https://rdv.example.org/saint-junien');
    await expect(details.getByRole('link', { name: /Acceslibre/ }).getAttribute('href')).resolves.toContain(
      'acceslibre.beta.gouv.fr',
    );
    const directions = details.getByRole('link', { name: /Itinéraire/ });
    const sj = feed.features.find((f) => f.id === 'sj-france-services')?.properties;
    await expect(directions.getAttribute('href')).resolves.toBe(
      `https://www.openstreetmap.org/directions?to=${sj?.latitude.toFixed(5)}%2C${sj?.longitude.toFixed(5)}`,
    );
    await expect(directions.getAttribute('target')).resolves.toBe('_blank');
    // Focus moved to the details; the list marks the place; the marker is highlighted.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'France Services de Saint-Junien',
    );
    await expect(page.locator('a[data-id="sj-france-services"]').getAttribute('aria-current')).resolves.toBe(
      'true',
    );
    await eventually(() => page.locator('.mc-marqueur--choisi[data-id="sj-france-services"]').count()).toBe(
      1,
    );
    await screenshot(page, 'bureau-fiche-lieu');
    await close(o);
  });

  it('shows the bus’s next passages, a cancelled one flagged, and the calendar link', async () => {
    const o = await open();
    const { page } = o;
    await page.locator('a[data-id="arret-saint-junien"]').click();
    const details = page.locator('.mc-details');
    const passages = (await details.locator('.mc-passages li').allTextContents()).map(plain);
    expect(passages[0]).toMatch(/^Aujourd’hui de 9 h 30 à 12 h \(confirmé\)/);
    expect(passages[1]).toMatch(/^Mardi 8 décembre de 9 h 30 à 12 h : annulé/);
    expect(passages[2]).toMatch(/^Mardi 15 décembre de 14 h à 17 h/);
    expect(await txt(details.locator('.mc-etat'))).toBe('Le bus est là en ce moment, de 9 h 30 à 12 h.');
    // This stop's own calendar (written by publier beside the whole one, which is linked too).
    const calendar = details.getByRole('link', {
      name: 'Ajouter les prochains passages à cet arrêt à mon agenda',
    });
    const href = (await calendar.getAttribute('href')) ?? '';
    expect(href).toBe(`${server.url}/permanences/arret-saint-junien.ics`);
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('BEGIN:VCALENDAR');
    await expect(
      details
        .getByRole('link', { name: 'Tout le calendrier du bus (toutes les communes)' })
        .getAttribute('href'),
    ).resolves.toBe(`${server.url}/permanences.ics`);
    await screenshot(page, 'bureau-fiche-arret');
    await close(o);
  });

  it('reads unusual hours with the library it loads on demand', async () => {
    const o = await open();
    expect(server.requests).toContain('/carte/horaires-osm.js');
    await o.page.locator('a[data-id="bellac-atelier"]').click();
    // Shown as soon as the library has come (it is fetched after the first render).
    await eventually(() => txt(o.page.locator('.mc-details'))).toContain(
      'Ouvert aujourd’hui de 9 h 30 à 11 h 30.',
    );
    expect(await txt(o.page.locator('.mc-details'))).toContain('Ouvert en ce moment, jusqu’à 11 h 30.');
    expect(await txt(o.page.locator('a[data-id="bellac-atelier"] .mc-etat'))).toBe(
      'Ouvert en ce moment, jusqu’à 11 h 30.',
    );
    await close(o);
  });

  it('prints a one-page fiche d’orientation', async () => {
    const o = await open();
    const { page } = o;
    await page.locator('a[data-id="sj-france-services"]').click();
    await page.emulateMedia({ media: 'print' });
    const sheet = page.locator('.mc-fiche-orientation');
    await expect(sheet.isVisible()).resolves.toBe(true);
    await expect(page.locator('.mc-liste').isVisible()).resolves.toBe(false);
    await expect(page.locator('.leaflet-container').isVisible()).resolves.toBe(false);
    const text = await txt(sheet);
    for (const part of [
      'Fiche d’orientation',
      'France Services de Saint-Junien',
      '12 rue Lucien Dumas',
      '87200 Saint-Junien',
      'Du lundi au vendredi',
      'Téléphone : 05 55 02 17 17',
      'Rendez-vous en ligne : https://rdv.example.org/saint-junien',
      'pièce d’identité',
      'Le bus numérique à Saint-Junien',
      'Aujourd’hui de 9 h 30 à 12 h – Place Auguste Roche',
      'Mardi 15 décembre de 14 h à 17 h',
      'lieu=sj-france-services',
      'Coût : Gratuit.',
      'Accessibilité (fauteuil, vue, ouïe) : https://acceslibre.beta.gouv.fr/app/87-saint-junien/',
      'Accueil adapté : Surdité.',
      'Accueille en particulier : Seniors.',
    ]) {
      expect(text, part).toContain(part);
    }
    await screenshot(page, 'impression-fiche', true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    await close(o);
  });
});

describe('the fiche d’orientation, complete on one A4 page', () => {
  /** Pages of the PDF the browser prints. */
  async function pdfPages(page: Page): Promise<number> {
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }

  it('offers online booking only with a booking address, says when accessibility is unknown', async () => {
    const plainPlace = feature(
      properties({
        id: 'sans-rdv',
        nom: 'Point numérique sans rendez-vous en ligne',
        ...at('Bellac'),
        modalites_acces: ['Se présenter', 'Prendre un RDV en ligne'],
        prise_rdv: null,
        frais_a_charge: ['Payant'],
        telephone: '+33555683400',
      }),
    );
    server.set('/flux/fiche.geojson', JSON.stringify({ ...feed, features: [...feed.features, plainPlace] }));
    const o = await open(`/carte/?flux=/flux/fiche.geojson&maintenant=${NOW}#lieu=sans-rdv`);
    const { page } = o;
    await eventually(() => txt(page.locator('.mc-details h2'))).toBe(
      'Point numérique sans rendez-vous en ligne',
    );
    expect(await txt(page.locator('.mc-details'))).not.toMatch(/en ligne\W/i);
    await page.emulateMedia({ media: 'print' });
    const text = await txt(page.locator('.mc-fiche-orientation'));
    expect(text).toContain('Pour venir : se présenter.');
    expect(text).not.toMatch(/RDV en ligne|Rendez-vous en ligne/);
    expect(text).toContain('Coût : Payant.');
    expect(text).toContain('Accessibilité : non renseignée, appelez avant de venir si besoin.');
    expect(text).toContain('Téléphone : 05 55 68 34 00');
    expect(await pdfPages(page)).toBe(1);
    await close(o);
  });

  it('stays one page with everything filled at length, printed from a phone too', async () => {
    const long = 'Accompagnement aux démarches en ligne, prise en main de l’ordinateur et du téléphone. ';
    const full = feature(
      properties({
        id: 'tout-rempli',
        nom: 'Maison France Services intercommunale du Haut-Limousin – antenne de Saint-Junien, pôle numérique',
        ...at('Saint-Junien', 300, 300),
        adresse: '12 avenue du Président Salvador Allende, bâtiment B, rez-de-chaussée',
        complement_adresse: 'Entrée par le parking de la médiathèque, côté rue Lucien Dumas',
        horaires:
          'Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00; We 14:00-18:00; Th 09:00-12:00,13:30-17:30; Fr 09:00-12:00; Sa 10:00-12:00; PH off',
        telephone: '+33555021717',
        courriels: ['france-services@haut-limousin.example', 'numerique@haut-limousin.example'],
        site_web: ['https://www.haut-limousin.example/france-services/antenne-saint-junien'],
        services: [
          'Aide aux démarches administratives',
          'Maîtrise des outils numériques du quotidien',
          'Accès internet et matériel informatique',
          'Insertion professionnelle via le numérique',
          'Utilisation sécurisée du numérique',
          'Parentalité et éducation avec le numérique',
        ],
        publics_specifiquement_adresses: ['Seniors', 'Jeunes', 'Familles/enfants'],
        prise_en_charge_specifique: [
          'Surdité',
          'Handicaps moteurs',
          'Illettrisme',
          'Langues étrangères (anglais)',
        ],
        frais_a_charge: ['Gratuit', 'Gratuit sous condition'],
        modalites_acces: ['Se présenter', 'Téléphoner', 'Prendre un RDV en ligne', 'Envoyer un mail'],
        prise_rdv: 'https://rdv.example.org/haut-limousin/france-services/saint-junien?motif=numerique',
        fiche_acces_libre:
          'https://acceslibre.beta.gouv.fr/app/87-saint-junien/a/mairie/erp/france-services-haut-limousin/',
        presentation_resume: long.repeat(3).trim(),
      }),
    );
    server.set('/flux/plein.geojson', JSON.stringify({ ...feed, features: [...feed.features, full] }));
    for (const options of [{}, { viewport: { width: 360, height: 740 }, isMobile: true }]) {
      const o = await open(`/carte/?flux=/flux/plein.geojson&maintenant=${NOW}#lieu=tout-rempli`, options);
      const { page } = o;
      await eventually(() => page.locator('.mc-fiche-orientation').count()).toBe(1);
      await page.emulateMedia({ media: 'print' });
      const text = await txt(page.locator('.mc-fiche-orientation'));
      for (const part of [
        'Coût : Gratuit, Gratuit sous condition.',
        'Accessibilité (fauteuil',
        'Rendez-vous en ligne : https://rdv.example.org/',
        'Le bus numérique à Saint-Junien',
        'Notes',
      ]) {
        expect(text, part).toContain(part);
      }
      expect(await pdfPages(page)).toBe(1);
      await close(o);
    }
  });
});

describe('closures told in words', () => {
  it('reads a year-end closure right on the map and the printed fiche on 5, 21 and 28 December', async () => {
    const bellac = feature(
      properties({
        id: 'bellac-mairie',
        nom: 'Espace numérique de Bellac',
        ...at('Bellac'),
        horaires: 'Mo-Fr 09:00-17:00; Dec 24-Jan 01 off',
      }),
    );
    server.set('/flux/bellac.geojson', JSON.stringify({ ...feed, features: [...feed.features, bellac] }));
    for (const [day, status] of [
      ['2026-12-05', 'Fermé en ce moment. Ouvre lundi à 9 h.'],
      ['2026-12-21', 'Ouvert en ce moment, jusqu’à 17 h.'],
      ['2026-12-28', 'Fermé en ce moment. Ouvre le lundi 4 janvier 2027 à 9 h.'],
    ] as const) {
      const o = await open(`/carte/?flux=/flux/bellac.geojson&maintenant=${day}T10:00#lieu=bellac-mairie`);
      const { page } = o;
      const details = page.locator('.mc-details');
      await eventually(() => txt(details.locator('.mc-etat'))).toBe(status);
      expect(await txt(details.locator('.mc-semaine'))).toBe(
        'Du lundi au vendredide 9 h à 17 hSamedi et dimanchefermé',
      );
      expect(await txt(details.locator('.mc-exceptions'))).toBe('Fermé du 24 décembre au 1er janvier.');
      await page.emulateMedia({ media: 'print' });
      const sheet = page.locator('.mc-fiche-orientation');
      expect(await txt(sheet.locator('.mc-semaine'))).toBe(
        'Du lundi au vendredide 9 h à 17 hSamedi et dimanchefermé',
      );
      expect(await txt(sheet.locator('.mc-fo-exceptions'))).toBe('Fermé du 24 décembre au 1er janvier.');
      await close(o);
    }
  });
});

describe('the URL', () => {
  it('keeps filters, commune and selected place; the same link gives the same view; Back closes the place', async () => {
    const o = await open();
    const { page } = o;
    await page.getByLabel('Gratuit', { exact: true }).check();
    await page.locator('summary', { hasText: 'Services proposés' }).click();
    await page.getByLabel(/Aide aux démarches administratives/).check();
    const field = page.getByLabel('Votre commune ou votre code postal');
    await field.fill('Saint-Junien');
    await field.press('Enter');
    await page.getByLabel('Distance').selectOption('20');
    await page.locator('a[data-id="sj-france-services"]').click();
    const url = page.url();
    expect(url).toMatch(/#.*gratuit=1/);
    expect(url).toContain('services=aide-aux-demarches-administratives');
    expect(url).toContain('commune=87154');
    expect(url).toContain('rayon=20');
    expect(url).toContain('lieu=sj-france-services');
    const ids = await listIds(page);

    const other = await openPage(browser);
    await openMap(other, url);
    await expect(other.page.getByLabel('Gratuit', { exact: true }).isChecked()).resolves.toBe(true);
    await expect(other.page.getByLabel(/Aide aux démarches administratives/).isChecked()).resolves.toBe(true);
    await expect(other.page.getByLabel('Distance').inputValue()).resolves.toBe('20');
    expect(await listIds(other.page)).toEqual(ids);
    expect(await txt(other.page.locator('.mc-details h2'))).toBe('France Services de Saint-Junien');
    await expect(other.page.title()).resolves.toMatch(/^France Services de Saint-Junien – /);
    await close(other);

    // « Copier le lien » puts the same link in the clipboard.
    await o.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByRole('button', { name: 'Copier le lien' }).click();
    await eventually(() => txt(page.locator('.mc-copie'))).toContain('Lien copié');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(url);

    await page.goBack();
    await eventually(() => page.locator('.mc-details').count()).toBe(0);
    expect(page.url()).not.toContain('lieu=');
    await close(o);
  });
});

describe('keyboard only', () => {
  it('reaches a place from the skip link, comes back to the list, and reaches the map’s markers', async () => {
    const o = await open();
    const { page } = o;
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          text: el?.textContent?.trim() ?? '',
          id: el?.getAttribute('data-id') ?? null,
          tag: el?.tagName ?? '',
          outline: style ? Number.parseFloat(style.outlineWidth) : 0,
          outlineStyle: style?.outlineStyle ?? 'none',
          marker: el?.classList.contains('mc-marqueur') ?? false,
        };
      });
    await page.keyboard.press('Tab');
    const skip = await active();
    expect(skip.text).toBe('Aller directement à la liste des lieux');
    expect(skip.outline).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await expect(active()).resolves.toMatchObject({ text: 'Liste des lieux' });
    await page.keyboard.press('Tab');
    const first = await active();
    const ids = await listIds(page);
    expect(first.id).toBe(ids[0]);
    expect(first.outlineStyle).toBe('solid');
    expect(first.outline).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const third = await active();
    expect(third.id).toBe(ids[2]);
    await page.keyboard.press('Enter');
    const heading = await active();
    expect(heading.tag).toBe('H2');
    expect(await txt(page.locator(`a[data-id="${third.id}"] .mc-lieu-nom`))).toBe(heading.text);
    // « Retour à la liste » comes first in the details (before print and copy); Escape does the same.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
    await expect(active()).resolves.toMatchObject({ text: 'Retour à la liste' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await eventually(() => page.locator('.mc-details').count()).toBe(0);
    await expect(active()).resolves.toMatchObject({ id: third.id });
    // On to the map: its markers are buttons too.
    const onMarker = () =>
      page.evaluate(() => document.activeElement?.classList.contains('mc-marqueur') ?? false);
    for (let i = 0; i < 150 && !(await onMarker()); i++) await page.keyboard.press('Tab');
    const marker = await active();
    expect(marker.marker).toBe(true);
    expect(marker.outline).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'clavier-repere');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('.mc-details h2').count()).toBe(1);
    await expect(page.locator(`a[data-id="${marker.id}"]`).getAttribute('aria-current')).resolves.toBe(
      'true',
    );
    await close(o);
  }, 60_000);
});

describe('safety and failures', () => {
  it('renders a place named <img src=x onerror=alert(1)> as text and runs nothing', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const xss = makeFeed({
      places: 3,
      stops: 0,
      named: false,
      extra: [
        feature(
          properties({
            id: 'xss',
            nom: evil,
            ...at('Limoges'),
            adresse: '<script>alert(2)</script>',
            site_web: ['javascript:alert(3)'],
            prise_rdv: 'javascript:alert(4)',
            fiche_acces_libre: 'javascript:alert(5)',
            courriels: ['"><svg onload=alert(6)>@x.fr'],
            telephone: '<b onmouseover=alert(7)>05</b>',
            horaires: '<iframe src=javascript:alert(8)>',
            services: ['<svg onload=alert(9)>'],
            presentation_resume: '<a href="javascript:alert(10)">clic</a>',
          }),
        ),
      ],
    });
    server.set('/flux/xss.geojson', JSON.stringify(xss));
    const o = await open(`/carte/?flux=/flux/xss.geojson&maintenant=${NOW}`);
    const { page } = o;
    expect(await txt(page.locator('a[data-id="xss"] .mc-lieu-nom'))).toBe(evil);
    await page.locator('a[data-id="xss"]').click();
    expect(await txt(page.locator('.mc-details h2'))).toBe(evil);
    const text = await txt(page.locator('.mc-details'));
    expect(text).toContain('<script>alert(2)</script>');
    expect(text).toContain('<svg onload=alert(9)>');
    await eventually(() =>
      page.evaluate(
        () => document.querySelector('.mc-marqueur[data-id="xss"]')?.getAttribute('aria-label') ?? '',
      ),
    ).toContain(evil);
    const injected = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"]').length,
      scripts: [...document.scripts].filter((s) => s.textContent?.includes('alert')).length,
      svg: document.querySelectorAll('svg[onload]').length,
      handlers: document.querySelectorAll('[onerror],[onload],[onmouseover]').length,
      jsLinks: document.querySelectorAll('a[href^="javascript:" i], iframe').length,
    }));
    expect(injected).toEqual({ images: 0, scripts: 0, svg: 0, handlers: 0, jsLinks: 0 });
    await page.emulateMedia({ media: 'print' });
    expect(await txt(page.locator('.mc-fiche-orientation h2'))).toBe(evil);
    await page.emulateMedia({ media: 'screen' });
    await page.waitForTimeout(300);
    await screenshot(page, 'securite-xss');
    await close(o);
  });

  it('works without any tile server: markers, list and details still work, and a note says so', async () => {
    const o = await open(`/carte/?maintenant=${NOW}`, { tiles: 'blocked' });
    const { page } = o;
    await expectAgreement(
      page,
      expectedIds(feed, () => true),
    );
    await expect(page.locator('.mc-note-carte').isVisible()).resolves.toBe(true);
    expect(await txt(page.locator('.mc-note-carte'))).toContain('Le fond de carte ne s’affiche pas');
    expect(o.blocked.some((u) => u.includes('tile.openstreetmap.fr'))).toBe(true);
    // The département's outline (from the feed) under the markers: they do not float on grey.
    const outline = page.locator('maillage-carte .leaflet-overlay-pane path');
    await eventually(() => outline.count()).toBeGreaterThanOrEqual(1);
    const box = await outline.first().boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    expect(box!.height).toBeGreaterThan(100);
    await page.getByLabel('Votre commune ou votre code postal').fill('Cussac');
    await page.getByLabel('Votre commune ou votre code postal').press('Enter');
    await page.locator('.mc-marqueur[data-id="arret-cussac"]').click();
    expect(await txt(page.locator('.mc-details h2'))).toBe('Bus numérique – Cussac, place de la Mairie');
    await screenshot(page, 'sans-fond-de-carte');
    await close(o);
  });

  it('says clearly when the feed cannot be loaded, and loads it when asked again', async () => {
    const o = await open(`/carte/?flux=/flux/plus-tard.geojson&maintenant=${NOW}`);
    const { page } = o;
    const alert = page.getByRole('alert');
    expect(await txt(alert)).toContain('La liste des lieux n’a pas pu être chargée.');
    expect(await txt(alert)).toContain('erreur 404');
    await screenshot(page, 'flux-introuvable');
    server.set('/flux/plus-tard.geojson', JSON.stringify(feed));
    await alert.getByRole('button', { name: 'Réessayer' }).click();
    await eventually(() => resultCount(page)).toBe(feed.features.length);
    expect(await txt(alert)).toBe('');
    await close(o);

    server.set('/flux/abime.geojson', '{"type": "FeatureCollection", "features": [');
    const broken = await open(`/carte/?flux=/flux/abime.geojson`);
    expect(await txt(broken.page.getByRole('alert'))).toContain('abîmé');
    await close(broken);
  });

  it('does not let a link point the page at another site’s feed', async () => {
    const o = await open(`/carte/?flux=https://faux-site.example/lieux.geojson&maintenant=${NOW}`);
    await eventually(() => resultCount(o.page)).toBe(feed.features.length);
    expect(o.blocked.filter((u) => u.includes('faux-site'))).toEqual([]);
    await close(o);
  });
});

describe('embedding', () => {
  it('works as <maillage-carte> in another site’s page, leaving its window.L and anchors alone', async () => {
    server.set(
      '/hote.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title>
<script>window.L = 'Leaflet de la mairie';</script>
<script src="/carte/carte.js" defer></script></head>
<body><main><h1>Se faire aider</h1><p><a href="#horaires">Nos horaires</a></p>
<maillage-carte data-flux="/lieux.geojson" data-maintenant="${NOW}"></maillage-carte>
<h2 id="horaires">Horaires de la mairie</h2></main></body></html>`,
    );
    const o = await open('/hote.html');
    const { page } = o;
    await eventually(() => resultCount(page)).toBe(feed.features.length);
    await expect(page.evaluate(() => (window as unknown as { L: unknown }).L)).resolves.toBe(
      'Leaflet de la mairie',
    );
    await expect(
      page.evaluate(() =>
        [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => (l as HTMLLinkElement).href),
      ),
    ).resolves.toEqual([`${server.url}/carte/carte.css`]);
    await page.getByLabel('Gratuit', { exact: true }).check();
    const filtered = await resultCount(page);
    await page.getByRole('link', { name: 'Nos horaires' }).click();
    await page.waitForTimeout(100);
    expect(await resultCount(page)).toBe(filtered);
    await expect(page.getByLabel('Gratuit', { exact: true }).isChecked()).resolves.toBe(true);
    await screenshot(page, 'integration-balise', true);
    await close(o);
  });

  it('takes its tiles and their credit from the embedding page, the credit as text', async () => {
    server.set('/tuiles/9/256/181.png', { body: Buffer.from('x'), type: 'image/png' });
    server.set(
      '/hote-tuiles.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Tuiles</title>
<script src="/carte/carte.js" defer></script></head><body><main>
<maillage-carte data-flux="/lieux.geojson" data-tuiles="${server.url}/tuiles/{z}/{x}/{y}.png" data-attribution="<b>Fond IGN</b>"></maillage-carte>
</main></body></html>`,
    );
    const before = server.requests.length;
    const o = await open('/hote-tuiles.html', { tiles: 'blocked' });
    await eventually(
      () => server.requests.slice(before).filter((p) => p.startsWith('/tuiles/')).length,
    ).toBeGreaterThan(0);
    expect(o.blocked.filter((u) => u.includes('openstreetmap'))).toEqual([]);
    expect(await txt(o.page.locator('.leaflet-control-attribution'))).toContain('<b>Fond IGN</b>');
    await expect(o.page.locator('.leaflet-control-attribution b').count()).resolves.toBe(0);
    await close(o);
  });

  it('works in an iframe', async () => {
    server.set(
      '/hote-cadre.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Département</title></head>
<body><h1>Carte</h1><iframe src="/carte/?maintenant=${NOW}" title="Carte des lieux d’aide au numérique" style="width:100%;height:700px;border:0"></iframe></body></html>`,
    );
    const o = await openPage(browser);
    await o.page.goto(`${server.url}/hote-cadre.html`);
    const frame = o.page.frameLocator('iframe');
    await eventually(async () => await txt(frame.locator('.mc-resume'))).toMatch(
      new RegExp(`^${feed.maillage.lieux} lieux et ${feed.maillage.arrets} arrêts du bus`),
    );
    await close(o);
  });

  it('publishes the embedding instructions beside the map', async () => {
    const page = readFileSync(join(server.root, 'integrer.html'), 'utf8');
    expect(page).toContain('&lt;iframe src=');
    expect(page).toContain('&lt;maillage-carte&gt;');
  });
});
