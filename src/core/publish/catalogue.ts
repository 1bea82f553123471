/**
 * What gets published, decided once for every output (GeoJSON, standard CSV, calendar, report):
 * the valid active places, the bus (its template row in `Lieux`), its stops (one per commune and
 * place of `Permanences`) and its permanences. Only valid rows are kept; the writers read only
 * their public columns. Pure: no I/O.
 */
import { compareIso } from '../calendar/civil';
import { fold } from '../cells';
import { type Lieu, type Permanence, publicColumns } from '../model';
import type { Problem } from '../problems';
import { type Commune, resolveCommuneCode, type Territory } from '../territory';
import type { WorkbookResult } from '../workbook';
import type { UpcomingPermanence } from './feed-types';

/** `Lieux` row of the bus: itinerant and typology ENM (Espace Numérique Mobile). */
export const BUS_TYPOLOGY = 'ENM';
export const ITINERANT = 'Itinérant';
export const FIXED = 'Fixe';

/** The public fields of `Lieux`, in the model's (and the standard's) order. */
export const PUBLIC_LIEU_COLUMNS = publicColumns('Lieux');

export interface PublishedPlace {
  categorie: 'lieu' | 'arret';
  /**
   * The row (for a stop, a row made from the bus's): only its public columns are ever written, through
   * PUBLIC_LIEU_COLUMNS (the GeoJSON and CSV writers). Kept as is, not copied: a
   * publication of 100,000 places makes no second object per place.
   */
  record: Lieu;
  /** [lon, lat], or null when neither the row nor its commune has a point. */
  point: [number, number] | null;
  precision: 'adresse' | 'commune';
  /** Stops: upcoming permanences, soonest first. */
  permanences?: UpcomingPermanence[];
  /** Sheet row (places) or first permanence row (stops), for messages. */
  row: number;
}

export interface PublishedPermanence {
  record: Permanence;
  /** The stop it belongs to. */
  stopId: string;
  stopName: string;
  commune: string;
  codePostal: string | null;
  point: [number, number] | null;
}

/** Something worth saying about the publication that is not a problem of one cell. */
export interface Notice {
  tab: 'Lieux' | 'Permanences' | '';
  row: number;
  message: string;
}

export interface Catalogue {
  /** Valid active fixed places, by id. */
  places: PublishedPlace[];
  /** Bus stops with at least one upcoming permanence that is not cancelled, by id. */
  stops: PublishedPlace[];
  /** The bus template row (first one), when there is one. */
  bus: Lieu | null;
  /** Every valid permanence (past ones too), by date and time: the calendar. */
  permanences: PublishedPermanence[];
  notices: Notice[];
  /** Rows left out because they have an error (every tab). */
  rejected: { tab: string; row: number; id: string | null; problems: Problem[] }[];
}

export interface CatalogueOptions {
  territory: Territory;
  /** `YYYY-MM-DD`: permanences from this day on are upcoming. */
  today: string;
}

function has(values: readonly string[] | null | undefined, wanted: string): boolean {
  return Array.isArray(values) && values.includes(wanted);
}

export function isBusTemplate(lieu: Lieu): boolean {
  return has(lieu.itinerance, ITINERANT) && has(lieu.typologie, BUS_TYPOLOGY);
}

/** A bus template that is only itinerant is not a fixed place; `Itinérant|Fixe` is both. */
function isFixedPlace(lieu: Lieu): boolean {
  return !isBusTemplate(lieu) || has(lieu.itinerance, FIXED);
}

function pointOf(commune: Commune | undefined): [number, number] | null {
  const p = commune?.point;
  return p ? [p[0], p[1]] : null;
}

const slugCache = new Map<string, string>();
/** Lower-case ASCII words joined by dashes (no length limit). */
export function slug(text: string): string {
  let s = slugCache.get(text);
  if (s === undefined) {
    s = fold(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    if (slugCache.size > 10_000) slugCache.clear();
    slugCache.set(text, s);
  }
  return s;
}

/** Stable id of a stop: the commune's INSEE code and the place's name. */
export function stopId(codeInsee: string, lieu: string): string {
  return `arret-${codeInsee}-${slug(lieu).slice(0, 60).replace(/-+$/, '') || 'bourg'}`;
}

function byDateTime(a: Permanence, b: Permanence): number {
  return compareIso(a.date, b.date) || compareIso(a.debut, b.debut) || compareIso(a.id, b.id);
}

interface StopDraft {
  id: string;
  codeInsee: string;
  commune: Commune | undefined;
  communeName: string;
  lieu: string;
  adresse: string | null;
  row: number;
  permanences: Permanence[];
}

export function buildCatalogue(workbook: WorkbookResult, options: CatalogueOptions): Catalogue {
  const { territory, today } = options;
  const notices: Notice[] = [];
  const rejected: Catalogue['rejected'] = [];
  for (const table of Object.values(workbook.tables)) {
    for (const row of table.rows) {
      if (row.valid) continue;
      const id = (row.record as { id?: unknown }).id;
      rejected.push({
        tab: table.tab,
        row: row.row,
        id: typeof id === 'string' ? id : null,
        problems: row.problems.filter((p) => p.severity === 'erreur'),
      });
    }
  }

  // Places and the bus template.
  const places: PublishedPlace[] = [];
  let bus: Lieu | null = null;
  let busRow = 0;
  for (const row of workbook.tables.Lieux.rows) {
    const lieu = row.record;
    if (!row.valid || lieu.statut !== 'actif') continue;
    if (isBusTemplate(lieu)) {
      if (bus === null) {
        bus = lieu;
        busRow = row.row;
      } else {
        notices.push({
          tab: 'Lieux',
          row: row.row,
          message: `Plusieurs lignes décrivent le bus (Itinérant, typologie ENM) : les arrêts reprennent la ligne ${busRow} (« ${bus.nom} ») ; celle-ci n’est pas utilisée pour les arrêts.`,
        });
      }
    }
    if (!isFixedPlace(lieu)) continue;
    const own = lieu.latitude !== null && lieu.longitude !== null;
    const commune = lieu.code_insee ? resolveCommuneCode(territory, lieu.code_insee) : undefined;
    const point: [number, number] | null = own ? [lieu.longitude!, lieu.latitude!] : pointOf(commune);
    if (!point) {
      notices.push({
        tab: 'Lieux',
        row: row.row,
        message: `« ${lieu.nom} » n’a pas de coordonnées et sa commune n’a pas de point de référence : il est publié dans le fichier national mais pas sur la carte. Indiquez sa latitude et sa longitude.`,
      });
    }
    places.push({
      categorie: 'lieu',
      record: lieu,
      point,
      precision: own ? 'adresse' : 'commune',
      row: row.row,
    });
  }
  places.sort((a, b) => compareIso(a.record.id, b.record.id));

  // Stops and the calendar.
  const drafts = new Map<string, StopDraft>();
  const valid: { record: Permanence; row: number }[] = [];
  for (const row of workbook.tables.Permanences.rows) {
    if (!row.valid) continue;
    const p = row.record;
    if (!p.code_insee || !p.lieu || !p.date) continue;
    valid.push({ record: p, row: row.row });
    const id = stopId(p.code_insee, p.lieu);
    let draft = drafts.get(id);
    if (!draft) {
      const commune = resolveCommuneCode(territory, p.code_insee);
      draft = {
        id,
        codeInsee: commune?.code ?? p.code_insee,
        commune,
        communeName: commune?.nom ?? p.commune ?? p.code_insee,
        lieu: p.lieu,
        adresse: p.adresse,
        row: row.row,
        permanences: [],
      };
      drafts.set(id, draft);
    }
    if (!draft.adresse && p.adresse) draft.adresse = p.adresse;
    draft.permanences.push(p);
  }

  const stops: PublishedPlace[] = [];
  for (const draft of drafts.values()) {
    const upcoming = draft.permanences
      .filter((p) => p.date! >= today && p.statut !== 'réalisée')
      .sort(byDateTime);
    if (!upcoming.some((p) => p.statut !== 'annulée')) continue;
    const point = pointOf(draft.commune);
    if (!point) {
      notices.push({
        tab: 'Permanences',
        row: draft.row,
        message: `L’arrêt « ${draft.lieu} » (${draft.communeName}) n’a pas de point de référence : il n’apparaît pas sur la carte.`,
      });
    }
    stops.push({
      categorie: 'arret',
      record: stopRecord(draft, bus, upcoming),
      point,
      precision: 'commune',
      permanences: upcoming.map((p) => ({
        id: p.id ?? '',
        date: p.date!,
        debut: p.debut ?? '',
        fin: p.fin ?? '',
        offres: [...p.offres],
        statut: p.statut as UpcomingPermanence['statut'],
      })),
      row: draft.row,
    });
  }
  stops.sort((a, b) => compareIso(a.record.id, b.record.id));
  if (stops.length > 0 && bus === null) {
    notices.push({
      tab: 'Lieux',
      row: 0,
      message:
        'Aucune ligne de l’onglet Lieux ne décrit le bus (itinérance « Itinérant » et typologie « ENM ») : ses arrêts sont sur la carte mais pas dans le fichier national, qui demande un SIRET (pivot). Ajoutez une ligne pour le bus avec le SIRET et les contacts de la structure qui le porte.',
    });
  }

  valid.sort((a, b) => byDateTime(a.record, b.record));
  const permanences: PublishedPermanence[] = valid.map(({ record }) => {
    const draft = drafts.get(stopId(record.code_insee!, record.lieu!))!;
    return {
      record,
      stopId: draft.id,
      stopName: draft.lieu,
      commune: draft.communeName,
      codePostal: draft.commune?.codesPostaux[0] ?? null,
      point: pointOf(draft.commune),
    };
  });

  return { places, stops, bus, permanences, notices, rejected };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Opening hours of a stop in OpenStreetMap syntax: one rule per day the bus comes,
 * e.g. `2026 Dec 01 09:30-12:00; 2026 Dec 15 14:00-16:30`.
 */
export function stopHours(upcoming: readonly Permanence[]): string | null {
  const days = new Map<string, string[]>();
  for (const p of upcoming) {
    if (p.statut === 'annulée' || !p.date || !p.debut || !p.fin) continue;
    const list = days.get(p.date) ?? [];
    list.push(`${p.debut}-${p.fin}`);
    days.set(p.date, list);
  }
  if (days.size === 0) return null;
  return [...days.entries()]
    .map(([date, spans]) => {
      const [y, m, d] = date.split('-');
      return `${y} ${MONTHS[Number(m) - 1]} ${d} ${spans.sort().join(',')}`;
    })
    .join('; ');
}

/** A `Lieux`-shaped row for a stop: the bus's public fields, the stop's place; private columns empty. */
function stopRecord(draft: StopDraft, bus: Lieu | null, upcoming: readonly Permanence[]): Lieu {
  const base: Record<string, unknown> = {};
  const source = (bus ?? {}) as Record<string, unknown>;
  for (const col of PUBLIC_LIEU_COLUMNS) base[col.key] = source[col.key] ?? (col.multiple ? [] : null);
  const busName = bus?.nom ?? 'Bus numérique';
  const adresse = draft.adresse ?? draft.lieu;
  const typologie = (base.typologie as string[]).includes(BUS_TYPOLOGY)
    ? base.typologie
    : [...(base.typologie as string[]), BUS_TYPOLOGY];
  return {
    ...base,
    id: draft.id,
    nom: `${busName} — ${draft.communeName}, ${draft.lieu}`,
    commune: draft.communeName,
    code_postal: draft.commune?.codesPostaux[0] ?? null,
    code_insee: draft.codeInsee,
    adresse,
    complement_adresse: fold(adresse) === fold(draft.lieu) ? null : draft.lieu,
    // The stop has no coordinates of its own: the map places it on the commune's point.
    latitude: null,
    longitude: null,
    typologie,
    horaires: stopHours(upcoming),
    itinerance: [ITINERANT],
    fiche_acces_libre: null,
  } as unknown as Lieu;
}
