/**
 * The coverage map: the département's communes drawn from their outlines, shaded by distance to the
 * nearest offer (grey levels and hatching, readable in black and white), with fixed places, bus stops
 * and suggested stops on top. Equirectangular projection scaled by cos(latitude): fine at this scale.
 */
import type { CommuneCoverage, LonLat, OfferPoint, StopSuggestion } from '../coverage/coverage';
import { fillOf, patternDefs } from './charts';
import { esc, fmtInt, fmtKm, plural } from './format';

/** Commune outlines as in src/core/data/commune-outlines/<dep>.json. */
export interface CommuneOutlines {
  features: readonly {
    properties: { code: string; nom?: string };
    geometry:
      | { type: 'Polygon'; coordinates: number[][][] }
      | { type: 'MultiPolygon'; coordinates: number[][][][] };
  }[];
}

export interface DistanceClass {
  /** Upper bound (km), inclusive; Infinity for the last class. */
  maxKm: number;
  label: string;
  fill: string;
}

export function distanceClasses(prefix: string): DistanceClass[] {
  return [
    { maxKm: 5, label: '5 km ou moins', fill: '#ffffff' },
    { maxKm: 10, label: 'de 5 à 10 km', fill: '#d9d9d9' },
    { maxKm: 15, label: 'de 10 à 15 km', fill: fillOf('hatch', prefix) },
    { maxKm: 20, label: 'de 15 à 20 km', fill: '#8c8c8c' },
    { maxKm: Infinity, label: 'plus de 20 km', fill: '#3a3a3a' },
  ];
}

export function classOf(km: number | null, classes: readonly DistanceClass[]): number {
  if (km === null) return classes.length - 1;
  const i = classes.findIndex((c) => km <= c.maxKm);
  return i < 0 ? classes.length - 1 : i;
}

export interface MapInput {
  outlines: CommuneOutlines;
  communes: readonly CommuneCoverage[];
  fixedPlaces: readonly OfferPoint[];
  busStops: readonly string[];
  suggestions: readonly StopSuggestion[];
  width?: number;
  maxHeight?: number;
  /** Towns named on the map, the most populated first (default 8). */
  towns?: number;
}

function rings(geometry: CommuneOutlines['features'][number]['geometry']): number[][][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

export function coverageMap(input: MapInput): string {
  const maxWidth = input.width ?? 680;
  const maxHeight = input.maxHeight ?? 540;
  const prefix = 'carte';
  const classes = distanceClasses(prefix);
  const byCode = new Map(input.communes.map((c) => [c.code, c]));
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const f of input.outlines.features) {
    for (const ring of rings(f.geometry)) {
      for (const [lon, lat] of ring as [number, number][]) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  if (!Number.isFinite(minLon)) return '';
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const margin = 8;
  // As large as fits in maxWidth × maxHeight (a tall département must leave room for its legend on the page).
  const scale = Math.min(
    (maxWidth - 2 * margin) / Math.max((maxLon - minLon) * cos, 1e-9),
    (maxHeight - 2 * margin) / Math.max(maxLat - minLat, 1e-9),
  );
  const width = Math.round((maxLon - minLon) * cos * scale + 2 * margin);
  const height = Math.round((maxLat - minLat) * scale + 2 * margin);
  const project = ([lon, lat]: LonLat): [number, number] => [
    margin + (lon - minLon) * cos * scale,
    margin + (maxLat - lat) * scale,
  ];
  const xy = (p: LonLat) => {
    const [x, y] = project(p);
    return `${x.toFixed(1)} ${y.toFixed(1)}`;
  };

  const shapes = input.outlines.features.map((f) => {
    const c = byCode.get(f.properties.code);
    const k = classOf(c?.nearestKm ?? null, classes);
    const d = rings(f.geometry)
      .map((ring) => `M${ring.map((p) => xy(p as unknown as LonLat)).join('L')}Z`)
      .join('');
    const name = c?.nom ?? f.properties.nom ?? f.properties.code;
    const tip = `${name} : ${c?.nearestKm === null || c === undefined ? 'aucune offre' : fmtKm(c.nearestKm)}`;
    return `<path class="commune" data-code="${esc(f.properties.code)}" data-classe="${k}" d="${d}" fill="${classes[k]!.fill}" stroke="#6b6b6b" stroke-width="0.5" fill-rule="evenodd"><title>${esc(tip)}</title></path>`;
  });

  const places = input.fixedPlaces.map((p) => {
    const [x, y] = project(p.point);
    return `<circle class="lieu" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.6" fill="#000" stroke="#fff" stroke-width="1.3"><title>${esc(p.nom)}</title></circle>`;
  });

  const stops = input.busStops
    .map((code) => byCode.get(code))
    .filter((c): c is CommuneCoverage & { point: LonLat } => c?.point != null)
    .map((c) => {
      const [x, y] = project(c.point);
      const s = 6.5;
      return `<path class="arret" d="M${x.toFixed(1)} ${(y - s).toFixed(1)}L${(x + s).toFixed(1)} ${(y + s * 0.75).toFixed(1)}L${(x - s).toFixed(1)} ${(y + s * 0.75).toFixed(1)}Z" fill="#fff" stroke="#000" stroke-width="1.8"><title>${esc(`Arrêt du bus : ${c.nom}`)}</title></path>`;
    });

  const suggested = input.suggestions
    .map((s) => ({ s, c: byCode.get(s.code) }))
    .filter((e): e is { s: StopSuggestion; c: CommuneCoverage & { point: LonLat } } => e.c?.point != null)
    .map(({ s, c }) => {
      const [x, y] = project(c.point);
      return `<g class="suggestion"><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="8.5" fill="#fff" stroke="#000" stroke-width="1.8" stroke-dasharray="3 1.5"/><text x="${x.toFixed(1)}" y="${(y + 4).toFixed(1)}" font-size="11" font-weight="bold" text-anchor="middle">${s.rank}</text><title>${esc(`Arrêt à étudier n° ${s.rank} : ${c.nom}`)}</title></g>`;
    });

  // The main towns by name (the most populated), so that a reader finds their way on the map.
  const towns = input.communes
    .filter((c): c is CommuneCoverage & { point: LonLat } => c.point !== null)
    .sort((a, b) => b.population - a.population)
    .slice(0, input.towns ?? 8)
    .map((c) => {
      const [x, y] = project(c.point);
      const anchor = x > width * 0.75 ? 'end' : x < width * 0.25 ? 'start' : 'middle';
      return `<text class="ville" x="${x.toFixed(1)}" y="${(y - 9).toFixed(1)}" font-size="12" font-weight="bold" text-anchor="${anchor}" paint-order="stroke" stroke="#fff" stroke-width="3.5" stroke-linejoin="round">${esc(c.nom)}</text>`;
    });

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="carte" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="carte-titre" font-family="DejaVu Sans, Arial, Helvetica, sans-serif">
${patternDefs(prefix)}
<g class="communes">${shapes.join('\n')}</g>
<g class="lieux">${places.join('')}</g>
<g class="arrets">${stops.join('')}</g>
<g class="suggestions">${suggested.join('')}</g>
<g class="villes">${towns.join('')}</g>
</svg>`;

  const counts = classes.map(() => ({ communes: 0, population: 0 }));
  for (const c of input.communes) {
    if (c.point === null) continue;
    const k = classOf(c.nearestKm, classes);
    counts[k]!.communes++;
    counts[k]!.population += c.population;
  }
  const legendSvg = (inner: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="26" height="18" viewBox="0 0 26 18" aria-hidden="true">${patternDefs(`${prefix}-l`)}${inner}</svg>`;
  const legendClasses = distanceClasses(`${prefix}-l`);
  const legendRows = legendClasses
    .map(
      (cl, k) =>
        `<li>${legendSvg(`<rect x="1" y="1" width="24" height="16" fill="${cl.fill}" stroke="#000" stroke-width="0.8"/>`)}<span>${esc(cl.label)} : ${esc(plural(counts[k]!.communes, 'commune', 'communes'))}, ${esc(fmtInt(counts[k]!.population))} hab.</span></li>`,
    )
    .join('');
  const markers = [
    `<li>${legendSvg('<circle cx="13" cy="9" r="4" fill="#000" stroke="#fff" stroke-width="1.3"/>')}<span>lieu fixe (${esc(fmtInt(input.fixedPlaces.length))})</span></li>`,
    `<li>${legendSvg('<path d="M13 2L20 14L6 14Z" fill="#fff" stroke="#000" stroke-width="1.8"/>')}<span>arrêt du bus dans le trimestre (${esc(fmtInt(input.busStops.length))})</span></li>`,
    input.suggestions.length
      ? `<li>${legendSvg('<circle cx="13" cy="9" r="7.5" fill="#fff" stroke="#000" stroke-width="1.6" stroke-dasharray="3 1.5"/><text x="13" y="12.5" font-size="9" font-weight="bold" text-anchor="middle">1</text>')}<span>arrêt à étudier, par rang</span></li>`
      : '',
  ].join('');
  return `<figure class="map"><h3 class="chart-title" id="carte-titre">Distance à vol d’oiseau de chaque commune à l’offre la plus proche</h3>${svg}
<figcaption><ul class="legend"><li class="legend-title">Distance à l’offre la plus proche</li>${legendRows}</ul><ul class="legend">${markers}</ul></figcaption></figure>`;
}
