/**
 * The quarterly report for the comité de pilotage: one self-contained HTML page (inline CSS and SVG,
 * no script, no external request), in French, readable on screen and printed in black and white on A4.
 */

import { longDate } from '../french/dates';
import type { PeriodIndicators } from '../indicators/compute';
import { DEFINITIONS, DISTANCE_THRESHOLDS_KM, definition, REACH_KM } from '../indicators/definitions';
import type { ReportInput } from './build';
import { barChart, type Category, rateChart } from './charts';
import { esc, fmtInt, fmtKm, fmtPct, plural, quarterLong, quarterShort } from './format';
import { coverageMap } from './map';

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #111; font: 10.5pt/1.45 "DejaVu Sans", Arial, Helvetica, sans-serif; }
main { max-width: 190mm; margin: 0 auto; padding: 10mm 6mm 16mm; }
header.titre { border-bottom: 3px solid #000; padding-bottom: 4mm; margin-bottom: 5mm; }
header.titre p { margin: 0; }
.surtitre { font-size: 10pt; text-transform: uppercase; letter-spacing: .06em; }
h1 { font-size: 20pt; line-height: 1.2; margin: 1mm 0 1.5mm; }
.periode { font-size: 13pt; font-weight: bold; }
.etat { margin-top: 2mm; font-style: italic; }
h2 { font-size: 14pt; border-bottom: 1.5px solid #000; padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 3mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.chiffres { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 52mm), 1fr)); gap: 3mm; margin: 0; padding: 0; list-style: none; }
.chiffres .definition { display: block; font-size: 8.5pt; margin-top: 1mm; }
.aussi { margin-top: 3mm; }
.renvois { font-size: 9pt; padding-left: 5mm; }
.renvois li { margin-bottom: 1mm; }
.chiffres li { border: 1.5px solid #000; padding: 2.5mm 3mm; break-inside: avoid; }
.chiffres .valeur { display: block; font-size: 20pt; font-weight: bold; line-height: 1.1; }
.chiffres .libelle { display: block; font-weight: bold; }
.chiffres .detail { display: block; font-size: 9pt; }
figure { margin: 0 0 4mm; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 9pt; font-style: italic; }
.map figcaption { font-style: normal; }
ul.legend { list-style: none; margin: 2mm 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 1mm 5mm; }
ul.legend li { display: flex; align-items: center; gap: 1.5mm; font-size: 9pt; }
ul.legend .legend-title { font-weight: bold; width: 100%; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 4mm; font-size: 9.5pt; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
th, td { border: 1px solid #555; padding: 1mm 1.8mm; text-align: left; vertical-align: top; }
thead th { background: #e6e6e6; }
tr { break-inside: avoid; }
#tableau-distances, #tableau-reseau { break-inside: avoid; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; width: 1%; }
td.n { white-space: nowrap; }
th.n { min-width: 17mm; }
.map svg { margin: 0 auto; }
.colonnes { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; align-items: start; }
.note { font-size: 9pt; }
.lecteur { position: absolute; left: 0; top: 0; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
table.offre { font-size: 8pt; table-layout: fixed; }
table.offre th, table.offre td { padding: .8mm 1mm; position: relative; }
table.offre thead th.n { min-width: 0; width: auto; text-align: center; hyphens: manual; vertical-align: bottom; }
table.offre thead th:first-child { width: 20%; }
table.offre thead th { font-size: 7.5pt; }
table.offre td.n { text-align: center; width: auto; }
table.offre td.manque { font-weight: bold; }
a.renvoi { font-weight: normal; font-size: 8.5pt; }
tr.total th, tr.total td { font-weight: bold; }
table.offre tr.total th, table.offre tr.total td { border-top: 2px solid #000; font-weight: bold; }
table.offre tbody th { font-weight: normal; }
.service { break-inside: avoid; }
.service h3 { margin-top: 4mm; }
ul.lieux-offre { margin: 0 0 2mm; padding-left: 5mm; font-size: 9pt; }
dl.definitions { margin: 0; }
dl.definitions dt { font-weight: bold; margin-top: 1.5mm; break-after: avoid; }
dl.definitions dd { margin: 0 0 0 4mm; }
footer { margin-top: 8mm; border-top: 1px solid #000; padding-top: 2mm; font-size: 8.5pt; }
/* A phone: one column, tables scroll sideways inside their box, never the page. */
@media screen and (max-width: 40em) {
  main { padding: 4mm 3mm 10mm; }
  h1 { font-size: 16pt; }
  .colonnes { grid-template-columns: 1fr; }
  table { display: block; overflow-x: auto; }
  .chiffres .valeur { font-size: 18pt; }
}
@page { size: A4 portrait; margin: 12mm 11mm 14mm; }
/* No forced page break (it left pages two-thirds empty): sections flow, figures and tables stay whole. */
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
`;

/** A quarter with no permanence at all (before the bus started): nothing was collected. */
function noData(q: PeriodIndicators): boolean {
  return q.permanences.realisees + q.permanences.prevues + q.permanences.annulees === 0;
}

function categories(quarters: readonly PeriodIndicators[]): Category[] {
  return quarters.map((q) => ({
    label: quarterShort(q.period.key),
    ...(noData(q)
      ? { sub: 'pas de données' }
      : q.complete
        ? {}
        : { sub: q.period.du > q.donneesAu ? 'à venir' : 'en cours' }),
  }));
}

function keyFigure(label: string, value: string, detail: string, id: string, definitionId?: string): string {
  const def = definitionId
    ? `<span class="definition">${esc(definition(definitionId).definition)}</span>`
    : '';
  return `<li id="chiffre-${esc(id)}"><span class="libelle">${esc(label)}</span><span class="valeur">${esc(value)}</span><span class="detail">${esc(detail)}</span>${def}</li>`;
}

function previous(quarters: readonly PeriodIndicators[], pick: (q: PeriodIndicators) => number): string {
  const before = quarters.at(-2);
  return before ? `${quarterShort(before.period.key)} : ${fmtInt(pick(before))}` : '';
}

/**
 * The five indicators of the seed (the call for projects), each with its exact definition; then
 * the other counts of the quarter, every difference between two counts explained in a footnote.
 */
function keyFigures(input: ReportInput): string {
  const q = input.quarters.at(-1)!;
  const qs = input.quarters;
  const s = q.satisfaction;
  const figures = [
    keyFigure(
      'Communes couvertes par le bus',
      fmtInt(q.communes.total),
      `Assistance ${fmtInt(q.communes.parOffre.Assistance)} · Formation ${fmtInt(q.communes.parOffre.Formation)} · Accès libre ${fmtInt(q.communes.parOffre['Accès libre'])}`,
      'communes',
      'communes-couvertes',
    ),
    keyFigure(
      'Personnes reçues',
      fmtInt(q.personnesRecues),
      previous(qs, (x) => x.personnesRecues),
      'personnes',
      'personnes-recues',
    ),
    keyFigure(
      'Accompagnements',
      fmtInt(q.accompagnements.total),
      `${fmtInt(q.accompagnements.individuels)} individuels + ${fmtInt(q.accompagnements.participantsAteliers)} participants aux ateliers`,
      'accompagnements',
      'accompagnements',
    ),
    keyFigure(
      'Taux de satisfaction',
      s.taux === null ? 'pas de taux' : fmtPct(s.taux),
      s.reponses > 0
        ? `${fmtInt(s.satisfaits)} satisfaits sur ${plural(s.reponses, 'réponse', 'réponses')}`
        : 'aucune réponse au questionnaire',
      'satisfaction',
      'satisfaction',
    ),
    keyFigure(
      'Structures relais mobilisées',
      fmtInt(q.relais.mobilises),
      `${plural(q.relais.actifs, 'relais actif', 'relais actifs')} au total¹`,
      'relais',
      'relais-mobilises',
    ),
  ];
  const also = keyFigure(
    'Permanences réalisées',
    fmtInt(q.permanences.realisees),
    `${plural(q.permanences.prevues, 'prévue', 'prévues')} · ${plural(q.permanences.annulees, 'annulée', 'annulées')}`,
    'permanences',
    'permanences-realisees',
  );
  const notes = [relaisNote(q)];
  return `<ul class="chiffres">${figures.join('')}</ul>
<h3 class="aussi">Aussi ce trimestre</h3><ul class="chiffres">${also}</ul>
<ol class="renvois">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ol>`;
}

/** Why the relays mobilised and the active relays differ. */
function relaisNote(q: PeriodIndicators): string {
  const m = q.relais.mobilises;
  const a = q.relais.actifs;
  const base = `Relais mobilisés (${fmtInt(m)}) et relais actifs (${fmtInt(a)}) ne comptent pas la même chose : un relais est mobilisé s’il est rattaché à une permanence réalisée du trimestre, actif si sa case « Actif » vaut oui et sa convention est signée.`;
  if (m > a) {
    return `${base} ${plural(m - a, 'relais mobilisé n’est', 'relais mobilisés ne sont')} plus actif${m - a > 1 ? 's' : ''} aujourd’hui (case « Actif » à non, ou convention datée d’après la fin du trimestre) : il compte parmi les mobilisés, pas parmi les actifs.`;
  }
  if (m < a) {
    return `${base} ${plural(a - m, 'relais actif n’a', 'relais actifs n’ont')} accueilli aucune permanence réalisée ce trimestre.`;
  }
  return base;
}

function trends(input: ReportInput): string {
  const qs = input.quarters;
  const cats = categories(qs);
  const n = qs.length;
  const charts = [
    barChart({
      id: 'graphique-permanences',
      title: 'Permanences du bus',
      categories: cats,
      series: [
        {
          label: 'réalisées',
          fill: 'solid',
          values: qs.map((q) => (noData(q) ? null : q.permanences.realisees)),
        },
        {
          label: 'prévues',
          fill: 'white',
          values: qs.map((q) => (noData(q) ? null : q.permanences.prevues)),
        },
        {
          label: 'annulées',
          fill: 'hatch',
          values: qs.map((q) => (noData(q) ? null : q.permanences.annulees)),
        },
      ],
    }),
    barChart({
      id: 'graphique-communes',
      title: 'Communes couvertes par le bus, au total et par type d’offre',
      categories: cats,
      series: [
        {
          label: 'toutes offres',
          fill: 'solid',
          values: qs.map((q) => (noData(q) ? null : q.communes.total)),
        },
        {
          label: 'Assistance',
          fill: 'white',
          values: qs.map((q) => (noData(q) ? null : q.communes.parOffre.Assistance)),
        },
        {
          label: 'Formation',
          fill: 'hatch',
          values: qs.map((q) => (noData(q) ? null : q.communes.parOffre.Formation)),
        },
        {
          label: 'Accès libre',
          fill: 'dots',
          values: qs.map((q) => (noData(q) ? null : q.communes.parOffre['Accès libre'])),
        },
      ],
    }),
    barChart({
      id: 'graphique-personnes',
      title: 'Personnes reçues et accompagnements',
      categories: cats,
      series: [
        {
          label: 'personnes reçues',
          fill: 'solid',
          values: qs.map((q) => (noData(q) ? null : q.personnesRecues)),
        },
        {
          label: 'accompagnements (méthode Coop)',
          fill: 'hatch',
          values: qs.map((q) => (noData(q) ? null : q.accompagnements.total)),
        },
      ],
    }),
    rateChart({
      id: 'graphique-satisfaction',
      title: 'Taux de satisfaction du public (avec le nombre de réponses)',
      categories: cats,
      rates: qs.map((q) => q.satisfaction.taux),
      bases: qs.map((q) => q.satisfaction.reponses),
    }),
    barChart({
      id: 'graphique-relais',
      title: 'Structures relais et lieux de l’annuaire',
      categories: cats,
      series: [
        { label: 'relais actifs', fill: 'solid', values: qs.map((q) => q.relais.actifs) },
        {
          label: 'relais mobilisés',
          fill: 'hatch',
          values: qs.map((q) => (noData(q) ? null : q.relais.mobilises)),
        },
        { label: 'lieux actifs (relevé)', fill: 'white', values: input.lieuxActifsHistory },
      ],
      caption:
        'Lieux actifs : dernier relevé hebdomadaire du trimestre (onglet Indicateurs) ; « — » quand aucun relevé n’existe pour ce trimestre.',
    }),
  ];
  const empty = qs.filter(noData).map((q) => quarterShort(q.period.key));
  const emptyNote = empty.length
    ? `<p class="note">Pas encore de données pour ${esc(empty.join(', '))} : aucune permanence du bus n’était prévue ni réalisée (« — » sur les graphiques, et non zéro).</p>`
    : '';
  return `${emptyNote}<p>Les ${n} derniers trimestres, du ${esc(longDate(qs[0]!.period.du))} au ${esc(longDate(qs.at(-1)!.period.au))}. Chaque valeur est écrite sur sa barre ; les motifs distinguent les séries à l’impression en noir et blanc.</p>${charts.join('\n')}`;
}

function coverageSection(input: ReportInput): string {
  const c = input.coverage;
  const located = c.communes.filter((x) => x.point !== null).length;
  const rows = c.thresholds
    .map(
      (t) =>
        `<tr><th scope="row">à plus de ${t.km} km</th><td class="n">${esc(fmtInt(t.communes))}</td><td class="n">${esc(fmtInt(t.population))}</td><td class="n">${esc(fmtPct(t.share, 1))}</td></tr>`,
    )
    .join('');
  const table = `<table id="tableau-distances"><caption>Communes et habitants loin de toute offre (lieu fixe ou arrêt du bus)</caption>
<thead><tr><th scope="col">Distance à l’offre la plus proche</th><th scope="col" class="n">Communes</th><th scope="col" class="n">Habitants</th><th scope="col" class="n">Part de la population</th></tr></thead><tbody>${rows}</tbody></table>`;
  const map = input.outlines
    ? coverageMap({
        outlines: input.outlines,
        communes: c.communes,
        fixedPlaces: input.fixedPlaces,
        busStops: input.busStops,
        suggestions: c.suggestions.slice(0, 5),
      })
    : '<p class="note">Carte indisponible : les contours des communes de ce département ne sont pas fournis.</p>';
  const missing = c.withoutPoint.length
    ? `<p class="note">${esc(plural(c.withoutPoint.length, 'commune n’a', 'communes n’ont'))} pas de point de référence et ne sont pas comptées dans les distances.</p>`
    : '';
  return `<p>${esc(fmtInt(located))} communes, ${esc(fmtInt(c.totalPopulation))} habitants. Offres prises en compte : ${esc(plural(input.fixedPlaces.length, 'lieu fixe', 'lieux fixes'))} et ${esc(plural(input.busStops.length, 'commune', 'communes'))} desservies par le bus dans le trimestre.</p>
${map}${table}${missing}`;
}

function underServed(input: ReportInput): string {
  const c = input.coverage;
  const far = c.communes
    .filter((x) => x.point !== null && (x.nearestKm === null || x.nearestKm > REACH_KM))
    .sort((a, b) => (b.nearestKm ?? Infinity) - (a.nearestKm ?? Infinity) || b.population - a.population)
    .slice(0, 15);
  const farRows = far
    .map(
      (x) =>
        `<tr><td>${esc(x.nom)}</td><td>${esc(x.epci ?? '—')}</td><td class="n">${esc(fmtInt(x.population))}</td><td class="n">${esc(fmtKm(x.fixed?.km))}</td><td class="n">${esc(fmtKm(x.bus?.km))}</td></tr>`,
    )
    .join('');
  const farTable = far.length
    ? `<table id="tableau-communes-eloignees"><caption>Les communes les plus éloignées d’une offre (à plus de ${REACH_KM} km)</caption>
<thead><tr><th scope="col">Commune</th><th scope="col">EPCI</th><th scope="col" class="n">Habitants</th><th scope="col" class="n">Lieu fixe le plus proche</th><th scope="col" class="n">Arrêt du bus le plus proche</th></tr></thead><tbody>${farRows}</tbody></table>`
    : `<p>Toutes les communes ont une offre à ${REACH_KM} km ou moins.</p>`;
  const sugRows = c.suggestions
    .map(
      (s) =>
        `<tr><td class="n">${s.rank}</td><td>${esc(s.nom)}</td><td class="n">${esc(fmtInt(s.gain))}</td><td>${esc(
          s.reached.map((r) => `${r.nom} (${fmtInt(r.population)})`).join(', '),
        )}</td><td class="n">${esc(fmtKm(s.nearestKm))}</td></tr>`,
    )
    .join('');
  const sugTable = c.suggestions.length
    ? `<table id="tableau-arrets-suggeres"><caption>Arrêts du bus à étudier : habitants non couverts qu’un arrêt de plus mettrait à ${REACH_KM} km ou moins</caption>
<thead><tr><th scope="col" class="n">Rang</th><th scope="col">Commune de l’arrêt</th><th scope="col" class="n">Habitants atteints</th><th scope="col">Communes non couvertes atteintes (habitants)</th><th scope="col" class="n">Offre la plus proche</th></tr></thead><tbody>${sugRows}</tbody></table>`
    : '';
  return `${farTable}${sugTable}<p class="note">Méthode : voir « Arrêts à étudier » dans les définitions. Les distances sont à vol d’oiseau ; la route est plus longue.</p>`;
}

function list(items: readonly string[], empty: string): string {
  return items.length
    ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`
    : `<p>${esc(empty)}</p>`;
}

const NO_DATA = 'pas de données';

/** Meetings, trainings, members represented, charter, recent records and Pass Numérique in the quarter. */
function lifeSection(input: ReportInput): string {
  const v = input.network.vie;
  const q = quarterShort(input.quarter.key);
  const row = (label: string, value: string, definitionId: string) =>
    `<tr><th scope="row">${esc(label)} <a class="renvoi" href="#def-${esc(definitionId)}">(définition)</a></th><td class="n">${esc(value)}</td></tr>`;
  const held = v.rencontres ? fmtInt(v.meetingsHeld) : NO_DATA;
  const trained =
    v.formations.professionnels === null
      ? NO_DATA
      : v.formations.tenues === 0
        ? '0 (aucune formation tenue)'
        : `${fmtInt(v.formations.professionnels)} (${plural(v.formations.tenues, 'formation', 'formations')})`;
  const members = v.signataires.total;
  const represented = !v.structures
    ? NO_DATA
    : `${fmtInt(v.structures.representees)}, dont ${fmtInt(v.structures.membresRepresentes)} sur ${plural(members, 'membre', 'membres')}${members ? ` (${fmtPct(v.structures.membresRepresentes / members)})` : ''}`;
  const fresh = v.fraicheur
    ? `${fmtPct(v.fraicheur.recents / v.fraicheur.actifs)} (${fmtInt(v.fraicheur.recents)} sur ${fmtInt(v.fraicheur.actifs)})`
    : NO_DATA;
  const pass = v.pass
    ? `${fmtInt(v.pass.distribues)} distribués, ${fmtInt(v.pass.encaisses)} encaissés`
    : NO_DATA;
  const summary = `<table id="tableau-vie-reseau"><caption>Rencontres, formations et membres en ${esc(q)}</caption><tbody>
${row(`Rencontres tenues en ${q}`, held, 'rencontres-tenues')}
${row('Professionnels formés aux services des opérateurs', trained, 'professionnels-formes')}
${row('Structures représentées aux rencontres', represented, 'structures-representees')}
${row('Signataires de la charte (structures membres)', `${fmtInt(members)}${v.signataires.nouveaux ? `, dont ${fmtInt(v.signataires.nouveaux)} en ${q}` : ''}`, 'signataires-charte')}
${row('Lieux actifs mis à jour depuis six mois', fresh, 'lieux-recents')}
${row('Chèques Pass Numérique', pass, 'pass-numerique')}
</tbody></table>`;
  const byType = v.rencontres
    ? `<table id="tableau-rencontres"><caption>Rencontres du réseau par type en ${esc(q)}</caption>
<thead><tr><th scope="col">Type</th><th scope="col" class="n">Tenues</th><th scope="col" class="n">Annulées</th><th scope="col" class="n">À venir</th></tr></thead><tbody>${v.rencontres
        .map(
          (r) =>
            `<tr><th scope="row">${esc(r.type)}</th><td class="n">${esc(fmtInt(r.tenues))}</td><td class="n">${esc(fmtInt(r.annulees))}</td><td class="n">${esc(fmtInt(r.prevues))}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>Rencontres par type : ${NO_DATA} (aucune rencontre datée en ${esc(q)} dans l’onglet Rencontres).</p>`;
  const operators = v.formations.parOperateur.length
    ? `<p>Formations tenues par opérateur : ${esc(
        v.formations.parOperateur.map((o) => `${o.operateur} (${fmtInt(o.tenues)})`).join(', '),
      )}.</p>`
    : '';
  const passTable = v.pass
    ? `<table id="tableau-pass-numerique"><caption>Chèques Pass Numérique par structure (relevés datés en ${esc(q)})</caption>
<thead><tr><th scope="col">Structure</th><th scope="col">Commune</th><th scope="col" class="n">Distribués</th><th scope="col" class="n">Encaissés</th></tr></thead><tbody>${v.pass.structures
        .map(
          (p) =>
            `<tr><td>${esc(p.nom)}</td><td>${esc(p.commune)}</td><td class="n">${esc(fmtInt(p.distribues))}</td><td class="n">${esc(fmtInt(p.encaisses))}</td></tr>`,
        )
        .join(
          '',
        )}<tr class="total"><th scope="row" colspan="2">Total (${esc(plural(v.pass.structures.length, 'structure', 'structures'))})</th><td class="n">${esc(fmtInt(v.pass.distribues))}</td><td class="n">${esc(fmtInt(v.pass.encaisses))}</td></tr></tbody></table>`
    : `<p>Chèques Pass Numérique : ${NO_DATA} (aucun relevé daté en ${esc(q)} dans l’onglet Pass Numérique).</p>`;
  return `${summary}${byType}${operators}${passTable}`;
}

function networkSection(input: ReportInput): string {
  const n = input.network;
  const d = n.directory;
  const q = quarterShort(input.quarter.key);
  const counts = `<table id="tableau-reseau"><caption>Le réseau en chiffres</caption><tbody>
<tr><th scope="row">Lieux actifs dans l’annuaire (au ${esc(longDate(input.today))})²</th><td class="n">${esc(fmtInt(d.actifs))}</td></tr>
<tr><th scope="row">Lieux dont la fiche a été mise à jour en ${esc(q)}</th><td class="n">${esc(fmtInt(n.lieuxMisAJour))}</td></tr>
<tr><th scope="row">Lieux à mettre à jour (fiche de plus d’un an)</th><td class="n">${esc(fmtInt(d.anciens))}</td></tr>
<tr><th scope="row">Nouveaux signataires de la charte en ${esc(q)}</th><td class="n">${esc(fmtInt(n.chartesSignees.length))}</td></tr>
<tr><th scope="row">Structures relais actives</th><td class="n">${esc(fmtInt(n.relaisActifs))}</td></tr>
<tr><th scope="row">Relais mobilisés lors d’une permanence en ${esc(q)}</th><td class="n">${esc(fmtInt(n.relaisMobilises))}</td></tr>
<tr><th scope="row">Nouveaux relais (convention signée en ${esc(q)})</th><td class="n">${esc(fmtInt(n.nouveauxRelais.length))}</td></tr>
</tbody></table>`;
  const breakdown = (
    title: string,
    id: string,
    rows: readonly { label: string; lieux: number }[],
    limit: number,
  ) => {
    const shown = rows.slice(0, limit);
    const rest = rows.length - shown.length;
    return `<table id="${id}"><caption>${esc(title)}</caption><tbody>${shown
      .map((r) => `<tr><td>${esc(r.label)}</td><td class="n">${esc(fmtInt(r.lieux))}</td></tr>`)
      .join(
        '',
      )}${rest > 0 ? `<tr><td colspan="2"><em>… et ${esc(plural(rest, 'autre', 'autres'))}</em></td></tr>` : ''}</tbody></table>`;
  };
  const relaisTypes = n.relaisParType.map((t) => ({ label: t.type, lieux: t.actifs }));
  const onMap = input.fixedPlaces.length;
  const withoutPoint = d.actifs - n.lieuxItinerants - onMap;
  const gap = [
    n.lieuxItinerants > 0
      ? `${plural(n.lieuxItinerants, 'ligne décrit', 'lignes décrivent')} le bus (itinérant : ses arrêts sont comptés à part)`
      : '',
    withoutPoint > 0
      ? `${plural(withoutPoint, 'lieu n’a', 'lieux n’ont')} ni coordonnées ni commune connue`
      : '',
  ].filter(Boolean);
  const note = `<ol class="renvois" start="2"><li>${esc(
    `Lieux actifs (${fmtInt(d.actifs)}) et lieux fixes sur la carte de couverture et la carte publiée (${fmtInt(onMap)}) : ${
      gap.length ? `l’écart vient de ce que ${gap.join(', et ')}.` : 'les mêmes lieux.'
    } Les lignes en erreur ne sont comptées nulle part.`,
  )}</li></ol>`;
  return `<h3>Rencontres, formations et membres</h3>${lifeSection(input)}<h3>Annuaire et relais</h3>${counts}${note}
<div class="colonnes">
${breakdown('Lieux actifs par service proposé', 'tableau-services', d.parService, 12)}
${breakdown('Lieux actifs par intercommunalité (EPCI)', 'tableau-epci', d.parEpci, 20)}
</div>
<div class="colonnes">
${breakdown('Lieux actifs par commune', 'tableau-lieux-communes', d.parCommune, 10)}
${breakdown('Relais actifs par type', 'tableau-relais-types', relaisTypes, 10)}
</div>
<div class="colonnes">
<div><h3>Nouveaux signataires de la charte</h3>${list(
    n.chartesSignees.map((c) => `${c.nom} (${c.commune})`),
    `Aucune signature en ${q}.`,
  )}</div>
<div><h3>Nouveaux relais</h3>${list(
    n.nouveauxRelais.map((r) => `${r.nom} — ${r.type} (${r.commune})`),
    `Aucune convention signée en ${q}.`,
  )}</div>
</div>`;
}

/** Short column headings for the standard's services (the full label is given to screen readers and in the lists). */
const SERVICE_SHORT: Record<string, string> = {
  'Aide aux démarches administratives': 'Démar\u00adches adminis\u00adtratives',
  'Maîtrise des outils numériques du quotidien': 'Outils du quoti\u00addien',
  'Insertion professionnelle via le numérique': 'Inser\u00adtion profes\u00adsion\u00adnelle',
  'Utilisation sécurisée du numérique': 'Sécurité',
  'Parentalité et éducation avec le numérique': 'Parenta\u00adlité, éducation',
  'Loisirs et créations numériques': 'Loisirs, créations',
  'Compréhension du monde numérique': 'Compren\u00addre le numé\u00adrique',
  'Accès internet et matériel informatique': 'Accès internet, matériel',
  'Acquisition de matériel informatique à prix solidaire': 'Matériel à prix solidaire',
};

function offerSection(input: ReportInput): string {
  const t = input.offre;
  const services = t.services;
  const head = services
    .map((s) => {
      const short = SERVICE_SHORT[s.service];
      return short
        ? `<th scope="col" class="n"><span aria-hidden="true">${esc(short)}</span><span class="lecteur">${esc(s.service)}</span></th>`
        : `<th scope="col" class="n">${esc(s.service)}</th>`;
    })
    .join('');
  const rows = t.epcis
    .map(
      (e, i) =>
        `<tr><th scope="row">${esc(e.nom)}</th>${services
          .map((s) => {
            const n = s.cells[i]!.length;
            return n ? `<td class="n">${esc(fmtInt(n))}</td>` : '<td class="n manque">—</td>';
          })
          .join('')}</tr>`,
    )
    .join('');
  const totals = `<tr class="total"><th scope="row">Département</th>${services
    .map((s) => `<td class="n">${esc(fmtInt(s.lieux))}</td>`)
    .join('')}</tr>`;
  const matrix = `<table id="tableau-offre" class="offre"><caption>Nombre de lieux qui proposent chaque service, par EPCI (« — » : aucun)</caption>
<thead><tr><th scope="col">EPCI</th>${head}</tr></thead><tbody>${rows}${totals}</tbody></table>`;
  const details = services
    .map((s, k) => {
      const share = t.population > 0 ? s.populationSans / t.population : null;
      const gaps = s.epcisSans.length
        ? `Aucun lieu dans ${s.epcisSans.length === t.epcis.length ? 'aucun EPCI' : `${plural(s.epcisSans.length, 'EPCI', 'EPCI')} : ${s.epcisSans.join(', ')}`}.`
        : 'Au moins un lieu dans chaque EPCI.';
      const communes = `${plural(s.communesSans.length, 'commune', 'communes')} sur ${fmtInt(t.communes)} sans lieu qui le propose (${fmtPct(share)} des habitants).`;
      const places = t.epcis
        .map((e, i) => ({ e, places: s.cells[i]! }))
        .filter((x) => x.places.length > 0)
        .map(
          (x) =>
            `<li><strong>${esc(x.e.nom)}</strong>${x.places.length > 1 ? ` (${esc(fmtInt(x.places.length))})` : ''} : ${esc(
              x.places.map((p) => `${p.nom} (${p.commune})`).join(', '),
            )}</li>`,
        )
        .join('');
      return `<div class="service" id="offre-service-${k + 1}"><h3>${esc(s.service)} — ${esc(plural(s.lieux, 'lieu', 'lieux'))}</h3><p>${esc(gaps)} ${esc(communes)}</p>${places ? `<ul class="lieux-offre">${places}</ul>` : ''}</div>`;
    })
    .join('');
  const outside = t.horsTerritoire
    ? ` ${plural(t.horsTerritoire, 'lieu actif est', 'lieux actifs sont')} hors du département et ne ${t.horsTerritoire > 1 ? 'sont' : 'est'} pas compté${t.horsTerritoire > 1 ? 's' : ''}.`
    : '';
  return `<p>${esc(plural(t.lieux, 'lieu fixe actif', 'lieux fixes actifs'))}, ${esc(plural(t.epcis.length, 'EPCI', 'EPCI'))} (au ${esc(longDate(input.today))}).${esc(outside)} Plusieurs lieux dans une case : une offre que le réseau peut mutualiser ; « — » : un manque. Le détail de chaque case suit le tableau.</p>
${matrix}${details}<p class="note">Méthode : voir « Offre par service et par EPCI » et « Communes sans ce service » dans les définitions.</p>`;
}

function definitionsSection(): string {
  return DEFINITIONS.map(
    (group) =>
      `<h3>${esc(group.titre)}</h3><dl class="definitions">${group.definitions
        .map((d) => `<dt id="def-${esc(d.id)}">${esc(d.terme)}</dt><dd>${esc(d.definition)}</dd>`)
        .join('')}</dl>`,
  ).join('');
}

function excludedNote(input: ReportInput): string {
  const e = input.excluded;
  const parts = [
    e.permanences ? plural(e.permanences, 'ligne de Permanences', 'lignes de Permanences') : '',
    e.lieux ? plural(e.lieux, 'ligne de Lieux', 'lignes de Lieux') : '',
    e.relais ? plural(e.relais, 'ligne de Relais', 'lignes de Relais') : '',
  ].filter(Boolean);
  return parts.length
    ? `<p class="note"><strong>Lignes écartées :</strong> ${esc(parts.join(', '))} comportent des erreurs et ne sont pas comptées. Lancez « Vérifier tout le classeur » pour les corriger.</p>`
    : '<p class="note">Toutes les lignes du classeur ont été comptées (aucune erreur).</p>';
}

/** The bundled sample: its dates are moved to stay current; its figures describe no real quarter. */
function sampleNote(input: ReportInput): string {
  const shift = input.sampleShift;
  if (!shift) return '';
  const weeks = Math.round(Math.abs(shift.days) / 7);
  const moved =
    shift.days === 0
      ? 'ne sont pas décalées aujourd’hui'
      : `sont décalées de ${plural(weeks, 'semaine', 'semaines')} ${shift.days > 0 ? 'vers l’avant' : 'vers l’arrière'}`;
  return `<p class="etat"><strong>Classeur d’exemple :</strong> ses dates de permanences et de rencontres (référence : ${esc(longDate(shift.reference))}) ${esc(moved)}, pour que des passages et des rencontres restent à venir. Ces chiffres servent de démonstration et ne décrivent aucun trimestre réel.</p>`;
}

export function renderReport(input: ReportInput): string {
  const { departement, quarter, today } = input;
  const current = input.quarters.at(-1)!;
  const state = current.complete
    ? `Trimestre clos. Données au ${longDate(today)}.`
    : quarter.du > today
      ? `Trimestre à venir : seules les permanences prévues sont comptées (données au ${longDate(today)}).`
      : `Trimestre en cours : données au ${longDate(today)}. Les permanences d’après cette date ne sont pas comptées comme réalisées.`;
  const title = `Rapport au comité de pilotage — ${quarterLong(quarter.key)}`;
  const thresholds = DISTANCE_THRESHOLDS_KM.join(', ').replace(/, (\d+)$/, ' et $1');
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${title} — ${departement.nom}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header class="titre">
<p class="surtitre">Réseau départemental d’inclusion numérique — ${esc(departement.nom)} (${esc(departement.code)})</p>
<h1>${esc(title)}</h1>
<p class="periode">Du ${esc(longDate(quarter.du))} au ${esc(longDate(quarter.au))}</p>
<p class="etat">${esc(state)}</p>${sampleNote(input)}
</header>
<section id="essentiel"><h2>L’essentiel du trimestre</h2>${keyFigures(input)}${excludedNote(input)}</section>
<section id="evolution"><h2>Évolution des indicateurs</h2>${trends(input)}</section>
<section id="couverture"><h2>Couverture du territoire</h2>${coverageSection(input)}</section>
<section id="communes-eloignees"><h2>Communes mal desservies et arrêts à étudier</h2>${underServed(input)}</section>
<section id="offre"><h2>Qui propose quoi, où</h2>${offerSection(input)}</section>
<section id="reseau"><h2>Vie du réseau</h2>${networkSection(input)}</section>
<section id="definitions"><h2>Définitions</h2><p>Chaque chiffre de ce rapport suit les règles ci-dessous (seuils de distance : ${esc(thresholds)} km).</p>${definitionsSection()}</section>
<footer>Produit par Maillage à partir du classeur partagé du réseau. Distances à vol d’oiseau entre points de référence des communes ; populations municipales du recensement (Insee, code officiel géographique).</footer>
</main>
</body>
</html>
`;
}
