/**
 * A small workbook whose indicators are computed by hand in the tests. Cells are written as a partner
 * would type them (strings, French dates); `cells()` gives the raw workbook, `records()` the read one.
 */
import { headers, TABS, type TabName } from '../../../src/core/model';
import { readWorkbook } from '../../../src/core/workbook';
import { loadTerritory } from '../../../src/node/territory';

export const territory = loadTerritory('87');

type Row = Record<string, string>;

export function tabCells(tab: TabName, rows: readonly Row[]): string[][] {
  return [headers(tab), ...rows.map((r) => TABS[tab].columns.map((c) => r[c.key] ?? ''))];
}

const SERVICE_A = 'Aide aux démarches administratives';
const SERVICE_B = 'Maîtrise des outils numériques du quotidien';

function lieu(id: string, nom: string, commune: string, postcode: string, extra: Row): Row {
  return {
    id,
    pivot: `W87000000${id.slice(-1)}`,
    nom,
    commune,
    code_postal: postcode,
    adresse: '1 place de la Mairie',
    services: SERVICE_A,
    itinerance: 'Fixe',
    statut: 'actif',
    ...extra,
  };
}

/** Lieux: 4 active (one is the bus, itinerant), 1 closed. Today 2026-11-18: L2 is stale, L3 just not. */
export const LIEUX: Row[] = [
  lieu('lieu-0001', 'Médiathèque', 'Limoges', '87000', {
    date_maj: '01/10/2026',
    services: `${SERVICE_A}|${SERVICE_B}`,
    charte_signee_le: '05/11/2026',
  }),
  lieu('lieu-0002', 'France Services', 'Bellac', '87300', { date_maj: '17/11/2025' }),
  lieu('lieu-0003', 'Point numérique', 'Bellac', '87300', {
    date_maj: '18/11/2025',
    services: SERVICE_B,
    charte_signee_le: '01/09/2026',
  }),
  lieu('lieu-0004', 'Ancien espace', 'Limoges', '87000', { date_maj: '01/01/2026', statut: 'fermé' }),
  lieu('lieu-0005', 'Bus numérique', 'Limoges', '87000', { date_maj: '01/11/2026', itinerance: 'Itinérant' }),
];

export const RELAIS: Row[] = [
  {
    id: 'relais-001',
    nom: 'Mairie de Cussac',
    type: 'Mairie',
    code_insee: '87054',
    actif: 'oui',
    convention_le: '15/09/2026',
  },
  {
    id: 'relais-002',
    nom: 'Boulangerie',
    type: 'Commerce',
    code_insee: '87024',
    actif: 'oui',
    convention_le: '05/11/2026',
  },
  {
    id: 'relais-003',
    nom: 'Club des aînés',
    type: 'Association',
    code_insee: '87104',
    actif: 'non',
    convention_le: '01/01/2026',
  },
];

function perm(id: string, date: string, code: string, statut: string, offres: string, extra: Row = {}): Row {
  return {
    id,
    date,
    debut: '09:30',
    fin: '12:00',
    code_insee: code,
    lieu: 'Place de la Mairie',
    statut,
    offres,
    ...extra,
  };
}

const CUSSAC = '87054';
const BUJALEUF = '87024';
const NEDDE = '87104';
const BLOND = '87018';

/** Figures: personnes, accompagnements individuels, participants aux ateliers, réponses, satisfaits. */
function held(p: number, ind: number, ws: number, answers: number | null, satisfied: number | null): Row {
  return {
    personnes_recues: String(p),
    accompagnements_individuels: String(ind),
    participants_ateliers: String(ws),
    reponses_satisfaction: answers === null ? '' : String(answers),
    satisfaits: satisfied === null ? '' : String(satisfied),
  };
}

export const PERMANENCES: Row[] = [
  // W44 (26 Oct – 1 Nov 2026). 27/10 is the Tuesday after the switch back to winter time.
  perm('perm-0007', '27/10/2026', BUJALEUF, 'réalisée', 'Accès libre', held(3, 3, 0, 2, 1)),
  // W45 (2 – 8 Nov): no permanence at all.
  // W46 (9 – 15 Nov)
  perm('perm-0001', '10/11/2026', CUSSAC, 'réalisée', 'Assistance|Accès libre', {
    ...held(8, 7, 0, 6, 5),
    relais: 'relais-001',
  }),
  perm('perm-0002', '12/11/2026', BUJALEUF, 'réalisée', 'Assistance, Formation', {
    ...held(10, 4, 6, null, null),
    relais: 'relais-002',
  }),
  perm('perm-0003', '13/11/2026', CUSSAC, 'annulée', 'Formation'),
  // An error (5 satisfied out of 3 answers): the row is set aside, it counts nowhere.
  perm('perm-0008', '10/11/2026', BLOND, 'réalisée', 'Assistance', {
    ...held(9, 9, 0, 3, 5),
    debut: '14:00',
    fin: '16:00',
  }),
  // W47 (16 – 22 Nov); today is Wednesday 18.
  perm('perm-0004', '17/11/2026', NEDDE, 'réalisée', 'Formation', held(5, 0, 5, 4, 4)),
  perm('perm-0005', '19/11/2026', BLOND, 'prévue', 'Assistance'),
  perm('perm-0006', '20/11/2026', CUSSAC, 'confirmée', 'Assistance|Accès libre'),
];

export const TODAY = '2026-11-18';

export function cells(
  permanences: readonly Row[] = PERMANENCES,
  lieux: readonly Row[] = LIEUX,
): Record<string, string[][]> {
  return {
    Lieux: tabCells('Lieux', lieux),
    Permanences: tabCells('Permanences', permanences),
    Relais: tabCells('Relais', RELAIS),
    Indicateurs: tabCells('Indicateurs', []),
    Communes: tabCells('Communes', []),
    Journal: tabCells('Journal', []),
  };
}

export function read(raw: Record<string, unknown[][]> = cells(), today = TODAY) {
  return readWorkbook(raw, { territory, today });
}
