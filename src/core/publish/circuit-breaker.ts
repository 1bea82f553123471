/**
 * The circuit breaker: a publication that would make the map lose more than a fifth of its points
 * compared with the previous `lieux.geojson` is refused (unless forced), naming what would vanish.
 * A renamed tab or column, a filter left on, a half-pasted sheet: the map keeps yesterday's points.
 */
export const MAX_DROP = 0.2;

export interface FeedEntry {
  id: string;
  nom: string;
}

export interface BreakerVerdict {
  previous: number;
  next: number;
  /** True when the drop exceeds MAX_DROP. */
  tripped: boolean;
  vanished: FeedEntry[];
}

/** The features of a previously published feed; null when there is none or it cannot be read. */
export function feedEntries(text: string | null): FeedEntry[] | null {
  if (text === null) return null;
  try {
    const feed = JSON.parse(text) as { features?: unknown };
    if (!Array.isArray(feed.features)) return null;
    return feed.features.map((f: { id?: unknown; properties?: { id?: unknown; nom?: unknown } }) => ({
      id: String(f.id ?? f.properties?.id ?? ''),
      nom: String(f.properties?.nom ?? ''),
    }));
  } catch {
    return null;
  }
}

/** `next`: the ids of the features about to be published. */
export function checkDrop(
  previous: FeedEntry[] | null,
  next: readonly string[],
  maxDrop = MAX_DROP,
): BreakerVerdict {
  const count = next.length;
  if (previous === null) return { previous: 0, next: count, tripped: false, vanished: [] };
  const kept = new Set(next);
  const vanished = previous.filter((e) => !kept.has(e.id));
  const tripped = previous.length > 0 && count < previous.length * (1 - maxDrop);
  return { previous: previous.length, next: count, tripped, vanished };
}

/** French explanation of a refusal, naming up to `limit` vanished points. */
export function refusalMessage(verdict: BreakerVerdict, limit = 20): string {
  const drop = ((100 * (verdict.previous - verdict.next)) / verdict.previous).toFixed(1).replace('.', ',');
  const names = verdict.vanished.slice(0, limit).map((e) => `  - ${e.nom || e.id} (${e.id})`);
  const more = verdict.vanished.length > limit ? [`  … et ${verdict.vanished.length - limit} autres`] : [];
  return [
    `Publication refusée : la carte passerait de ${verdict.previous} à ${verdict.next} points (−${drop} %, plus de ${Math.round(MAX_DROP * 100)} %). Disparaîtraient :`,
    ...names,
    ...more,
    'Vérifiez le classeur (onglet ou colonne renommé, filtre, lignes effacées) avec « maillage verifier ». Si la baisse est voulue, relancez avec --forcer. Les fichiers publiés précédemment sont inchangés.',
  ].join('\n');
}
