/**
 * Small SVG charts for the report, readable printed in black and white: every series has its own
 * pattern (solid, white, hatched, dotted…), every bar and point has its number written on it.
 */
import { esc, fmtInt, fmtPct } from './format';

export type Fill = 'solid' | 'white' | 'hatch' | 'cross' | 'dots' | 'grey';

/** Pattern definitions, prefixed so that several charts can live in one document. */
export function patternDefs(prefix: string): string {
  return `<defs>
<pattern id="${prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern>
<pattern id="${prefix}-cross" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M6 0L0 6" stroke="#000" stroke-width="1"/></pattern>
<pattern id="${prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" fill="#000"/></pattern>
</defs>`;
}

export function fillOf(fill: Fill, prefix: string): string {
  switch (fill) {
    case 'solid':
      return '#262626';
    case 'white':
      return '#ffffff';
    case 'grey':
      return '#a6a6a6';
    default:
      return `url(#${prefix}-${fill})`;
  }
}

/**
 * A round upper bound for an axis of four intervals: each interval is a round number (1, 1.5, 2, 2.5,
 * 3, 4, 5, 6 or 8 times a power of ten), never a fraction when the values are counts.
 */
export function niceMax(value: number, integers = true): number {
  if (value <= 0) return integers ? 4 : 1;
  const tick = value / 4;
  const power = 10 ** Math.floor(Math.log10(tick));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const candidate = step * power;
    if (integers && !Number.isInteger(candidate)) continue;
    if (candidate >= tick) return candidate * 4;
  }
  return 40 * power;
}

export interface Category {
  label: string;
  /** Second line under the label (e.g. « en cours »). */
  sub?: string;
}

export interface BarSeries {
  label: string;
  values: readonly (number | null)[];
  fill: Fill;
}

export interface BarChartSpec {
  /** Unique in the document (pattern ids, aria). */
  id: string;
  title: string;
  categories: readonly Category[];
  series: readonly BarSeries[];
  format?: (n: number) => string;
  caption?: string;
  width?: number;
  height?: number;
}

const FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif"';

function legend(
  items: readonly { label: string; fill: Fill }[],
  prefix: string,
  x: number,
  y: number,
): string {
  let cursor = x;
  return items
    .map((item) => {
      const swatch = `<rect x="${cursor}" y="${y - 10}" width="16" height="11" fill="${fillOf(item.fill, prefix)}" stroke="#000" stroke-width="0.8"/>`;
      const text = `<text x="${cursor + 21}" y="${y}" font-size="11.5">${esc(item.label)}</text>`;
      cursor += 30 + item.label.length * 6.6;
      return swatch + text;
    })
    .join('');
}

function axisAndGrid(
  x0: number,
  y0: number,
  plotW: number,
  plotH: number,
  max: number,
  format: (n: number) => string,
) {
  const lines: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    const y = y0 + plotH - (plotH * k) / 4;
    lines.push(
      `<line x1="${x0}" y1="${y.toFixed(1)}" x2="${x0 + plotW}" y2="${y.toFixed(1)}" stroke="${k === 0 ? '#000' : '#bbb'}" stroke-width="${k === 0 ? 1 : 0.6}"${k === 0 ? '' : ' stroke-dasharray="3 3"'}/>`,
      `<text x="${x0 - 6}" y="${(y + 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#333">${esc(format(v))}</text>`,
    );
  }
  return lines.join('');
}

function categoryLabels(categories: readonly Category[], x0: number, groupW: number, y: number): string {
  return categories
    .map((c, i) => {
      const cx = (x0 + groupW * (i + 0.5)).toFixed(1);
      const sub = c.sub
        ? `<text x="${cx}" y="${y + 14}" font-size="10" text-anchor="middle" font-style="italic">${esc(c.sub)}</text>`
        : '';
      return `<text x="${cx}" y="${y}" font-size="11.5" text-anchor="middle" font-weight="bold">${esc(c.label)}</text>${sub}`;
    })
    .join('');
}

function figure(id: string, title: string, svg: string, caption?: string): string {
  const cap = caption ? `<figcaption>${esc(caption)}</figcaption>` : '';
  return `<figure class="chart" id="${esc(id)}"><h3 class="chart-title" id="${esc(id)}-titre">${esc(title)}</h3>${svg}${cap}</figure>`;
}

/** Grouped bars, one group per category, the value written above each bar (— when unknown). */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 680;
  const height = spec.height ?? 215;
  const format = spec.format ?? ((n: number) => fmtInt(n));
  const prefix = `p-${spec.id}`;
  const left = 48;
  const right = 8;
  const top = 34;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(0, ...all) * 1.12);
  const groupW = plotW / Math.max(1, spec.categories.length);
  const inner = groupW * 0.78;
  const barW = Math.min(54, inner / Math.max(1, spec.series.length));
  const bars: string[] = [];
  spec.categories.forEach((_, i) => {
    const start = left + groupW * i + (groupW - barW * spec.series.length) / 2;
    spec.series.forEach((s, k) => {
      const v = s.values[i] ?? null;
      const x = start + barW * k;
      const cx = (x + barW / 2).toFixed(1);
      const base = top + plotH;
      if (v === null) {
        bars.push(`<text x="${cx}" y="${base - 4}" font-size="11" text-anchor="middle">—</text>`);
        return;
      }
      const h = (plotH * v) / max;
      const y = base - h;
      bars.push(
        `<rect class="bar" x="${(x + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${fillOf(s.fill, prefix)}" stroke="#000" stroke-width="0.8"><title>${esc(`${s.label} : ${format(v)}`)}</title></rect>`,
        `<text x="${cx}" y="${(y - 4).toFixed(1)}" font-size="${barW < 22 ? 9.5 : 11}" text-anchor="middle" font-weight="bold">${esc(format(v))}</text>`,
      );
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${esc(spec.id)}-titre" ${FONT}>
${patternDefs(prefix)}
${legend(spec.series, prefix, left, 16)}
${axisAndGrid(left, top, plotW, plotH, max, format)}
${bars.join('\n')}
${categoryLabels(spec.categories, left, groupW, top + plotH + 16)}
</svg>`;
  return figure(spec.id, spec.title, svg, spec.caption);
}

export interface RateChartSpec {
  id: string;
  title: string;
  categories: readonly Category[];
  /** 0..1, null when there was no answer. */
  rates: readonly (number | null)[];
  /** Number of answers behind each rate. */
  bases: readonly number[];
  caption?: string;
  width?: number;
  height?: number;
}

/** A rate over time: points joined by a line, each labelled with its rate and its number of answers. */
export function rateChart(spec: RateChartSpec): string {
  const width = spec.width ?? 680;
  const height = spec.height ?? 215;
  const left = 48;
  const right = 8;
  const top = 30;
  const bottom = 56;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const groupW = plotW / Math.max(1, spec.categories.length);
  const points = spec.rates.map((r, i) => ({
    r,
    x: left + groupW * (i + 0.5),
    y: r === null ? null : top + plotH - plotH * r,
    n: spec.bases[i] ?? 0,
  }));
  const segments: string[] = [];
  let path = '';
  for (const p of points) {
    if (p.y === null) {
      if (path) segments.push(path);
      path = '';
      continue;
    }
    path += `${path ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
  }
  if (path) segments.push(path);
  const marks = points
    .map((p) => {
      const base = `<text x="${p.x.toFixed(1)}" y="${top + plotH + 46}" font-size="10.5" text-anchor="middle">${esc(
        p.n > 0 ? `${fmtInt(p.n)} réponse${p.n > 1 ? 's' : ''}` : 'aucune réponse',
      )}</text>`;
      if (p.y === null || p.r === null) {
        return `${base}<text x="${p.x.toFixed(1)}" y="${top + plotH - 6}" font-size="11" text-anchor="middle" font-style="italic">pas de taux</text>`;
      }
      const labelY = p.y < top + 16 ? p.y + 20 : p.y - 9;
      return `${base}<circle class="point" cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="5" fill="#fff" stroke="#000" stroke-width="2"><title>${esc(
        `${fmtPct(p.r)} sur ${fmtInt(p.n)} réponses`,
      )}</title></circle><text x="${p.x.toFixed(1)}" y="${labelY.toFixed(1)}" font-size="12" font-weight="bold" text-anchor="middle">${esc(fmtPct(p.r))}</text>`;
    })
    .join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${esc(spec.id)}-titre" ${FONT}>
${axisAndGrid(left, top, plotW, plotH, 1, (v) => fmtPct(v))}
${segments.map((d) => `<path class="line" d="${d}" fill="none" stroke="#000" stroke-width="2"/>`).join('')}
${marks}
${categoryLabels(spec.categories, left, groupW, top + plotH + 16)}
</svg>`;
  return figure(spec.id, spec.title, svg, spec.caption);
}
