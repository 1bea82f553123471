/**
 * The circuit breaker, on what users see. Compared with the previous `lieux.geojson`, a publication
 * is refused (unless forced) when more than a fifth of the fixed places, or of the bus stops, would
 * vanish: the two are judged apart (a directory emptied by a quarter must not hide behind steady bus
 * stops), and a point counts as vanished when its identifier is gone, whatever the total (a mass
 * rename breaks every website's links as surely as a mass deletion). A renamed tab or column, a
 * filter left on, a half-pasted sheet: the map keeps yesterday's points.
 *
 * And a publication that would publish no place at all, first run or not, is refused too.
 */
import { formatProblem, type Problem } from '../problems';
import type { Catalogue } from './catalogue';

export const MAX_DROP = 0.2;

export interface FeedEntry {
  id: string;
  nom: string;
  /** A bus stop (`categorie: "arret"`), not a fixed place. */
  arret: boolean;
}

export interface GroupVerdict {
  previous: number;
  next: number;
  /** Previous points whose identifier is not published any more. */
  vanished: FeedEntry[];
  /** More than MAX_DROP of the previous points vanished, or the count fell by more than that. */
  tripped: boolean;
}

export interface BreakerVerdict {
  lieux: GroupVerdict;
  arrets: GroupVerdict;
  /** One of the groups tripped. */
  tripped: boolean;
  /** First publication, or a previous feed that cannot be read. */
  first: boolean;
}

/** A feature of a feed: a stop when its `categorie` says so (or, without one, its id is a stop's). */
function entryOf(f: { id?: unknown; properties?: { id?: unknown; nom?: unknown; categorie?: unknown } }) {
  const id = String(f.id ?? f.properties?.id ?? '');
  const categorie = f.properties?.categorie;
  return {
    id,
    nom: String(f.properties?.nom ?? ''),
    arret: categorie === undefined ? id.startsWith('arret-') : categorie === 'arret',
  };
}

/** The features of a previously published feed; null when there is none or it cannot be read. */
export function feedEntries(text: string | null): FeedEntry[] | null {
  if (text === null) return null;
  try {
    const feed = JSON.parse(text) as { features?: unknown };
    if (!Array.isArray(feed.features)) return null;
    return feed.features.map(entryOf);
  } catch {
    return null;
  }
}

export interface NextPoint {
  id: string;
  arret: boolean;
}

function judge(previous: FeedEntry[], next: NextPoint[], maxDrop: number): GroupVerdict {
  const kept = new Set(next.map((p) => p.id));
  const vanished = previous.filter((e) => !kept.has(e.id));
  const limit = previous.length * maxDrop;
  const tripped = previous.length > 0 && (vanished.length > limit || next.length < previous.length - limit);
  return { previous: previous.length, next: next.length, vanished, tripped };
}

/** `next`: the features about to be published. */
export function checkDrop(
  previous: FeedEntry[] | null,
  next: readonly NextPoint[],
  maxDrop = MAX_DROP,
): BreakerVerdict {
  const nextLieux = next.filter((p) => !p.arret);
  const nextArrets = next.filter((p) => p.arret);
  const before = previous ?? [];
  const lieux = judge(
    before.filter((e) => !e.arret),
    nextLieux,
    maxDrop,
  );
  const arrets = judge(
    before.filter((e) => e.arret),
    nextArrets,
    maxDrop,
  );
  return { lieux, arrets, tripped: lieux.tripped || arrets.tripped, first: previous === null };
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1).replace('.', ',')} %`;
}

function groupLines(label: string, g: GroupVerdict, limit: number): string[] {
  if (g.previous === 0 && g.next === 0) return [];
  const head = `${label} : ${g.previous} → ${g.next}, ${g.vanished.length} disparu${g.vanished.length > 1 ? 's' : ''}${g.previous > 0 ? ` (${percent(g.vanished.length, g.previous)})` : ''}${g.tripped ? ` — plus de ${Math.round(MAX_DROP * 100)} %` : ''}`;
  if (!g.tripped) return [head];
  const names = g.vanished.slice(0, limit).map((e) => `  - ${e.nom || e.id} (${e.id})`);
  const more = g.vanished.length > limit ? [`  … et ${g.vanished.length - limit} autres`] : [];
  return [`${head}. Disparaîtraient :`, ...names, ...more];
}

/** French explanation of a refusal, naming up to `limit` vanished points of each tripped group. */
export function refusalMessage(verdict: BreakerVerdict, limit = 20): string {
  return [
    `Publication refusée : trop de points disparaîtraient de la carte par rapport à la publication précédente (lieux fixes et arrêts du bus comptés à part ; un identifiant changé compte comme un point disparu).`,
    ...groupLines('Lieux fixes', verdict.lieux, limit),
    ...groupLines('Arrêts du bus', verdict.arrets, limit),
    'Vérifiez le classeur (onglet ou colonne renommé, filtre, lignes effacées, identifiants modifiés) avec « maillage verifier ». Si le changement est voulu, relancez avec --forcer. Les fichiers publiés précédemment sont inchangés.',
  ].join('\n');
}

/** The publication would put no place in the directory (no fixed place in the feed or the file). */
export function isEmptyPublication(catalogue: Catalogue): boolean {
  return catalogue.places.length === 0;
}

/**
 * French explanation of an empty publication: how many rows were read and rejected, and the most
 * frequent reasons (each with one example row).
 */
export function emptyRefusalMessage(
  catalogue: Catalogue,
  problems: readonly Problem[],
  rowsRead: number,
  limit = 5,
): string {
  const rejected = catalogue.rejected.filter((r) => r.tab === 'Lieux').length;
  const byMessage = new Map<string, { count: number; example: Problem }>();
  for (const p of problems) {
    if (p.severity !== 'erreur' || p.tab !== 'Lieux') continue;
    // Messages quote cell values: group on the wording with quoted values blanked.
    const key = `${p.column}|${p.message.replace(/« [^»]* »/g, '« … »')}`;
    const seen = byMessage.get(key);
    if (seen) seen.count++;
    else byMessage.set(key, { count: 1, example: p });
  }
  const reasons = [...byMessage.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, limit)
    .map(({ count, example }) => `  - ${count} × ${formatProblem(example)}`);
  return [
    `Publication refusée : aucun lieu ne serait publié (${rowsRead} ligne${rowsRead > 1 ? 's' : ''} lue${rowsRead > 1 ? 's' : ''} dans l’onglet Lieux, ${rejected} rejetée${rejected > 1 ? 's' : ''}, les autres fermées ou vides).`,
    ...(reasons.length > 0 ? ['Raisons les plus fréquentes :', ...reasons] : []),
    'Vérifiez la source (--classeur, --dossier, --fichier), le département (--departement) et le classeur avec « maillage verifier ». Pour publier quand même des fichiers vides, relancez avec --forcer. Les fichiers publiés précédemment sont inchangés.',
  ].join('\n');
}
