/**
 * « Compléter les coordonnées »: places with an address and no coordinates are geocoded through the
 * BAN (UrlFetchApp.fetchAll, in batches); a confident result in the row's commune is written, else the
 * commune's point, flagged by a note. Coordinates already in a row are never touched, even one of the
 * two: a row is completed only when both cells are empty, checked again just before writing.
 */

import { runs } from '../../core/a1';
import { isBlank, toText } from '../../core/cells';
import { shortDate } from '../../core/french/dates';
import {
  GEOCODER_BATCH_SIZE,
  GEOCODER_RETRIES,
  type GeocodeOutcome,
  geocodeQuery,
  judgeHit,
  parseAnswer,
  retryDelayMs,
  searchUrl,
} from '../../core/geocode';
import { type Commune, findCommunesByName, resolveCommuneCode } from '../../core/territory';
import { type FetchResult, fetchAllText, pause } from '../adapters/fetch';
import type { GeocoderSettings } from '../adapters/properties';
import { type Cells, readAll, type Sheet } from '../adapters/spreadsheet';
import { territory, today } from '../env';
import { hasContent, type Layout, layoutOf } from './rows';
import { GEOCODE_NOTE_PREFIX } from './status';

export interface Candidate {
  row: number;
  id: string;
  nom: string;
  query: string;
  commune: Commune | null;
}

export interface GeocodeResult extends Candidate {
  outcome: GeocodeOutcome;
}

function communeOf(layout: Layout, row: readonly unknown[]): Commune | null {
  const t = territory();
  const code = layout.index.code_insee === undefined ? '' : toText(row[layout.index.code_insee]);
  if (code) {
    const c = resolveCommuneCode(t, code);
    if (c) return c;
  }
  const name = layout.index.commune === undefined ? '' : toText(row[layout.index.commune]);
  if (!name) return null;
  const postcode = layout.index.code_postal === undefined ? '' : toText(row[layout.index.code_postal]);
  const matches = findCommunesByName(t, name);
  const byPostcode = matches.filter((c) => c.codesPostaux.includes(postcode.padStart(5, '0')));
  const found = byPostcode.length > 0 ? byPostcode : matches;
  return found.length === 1 ? found[0]! : null;
}

/** The rows to geocode: content, an address, and both coordinate cells empty. */
export function candidates(cells: Cells): { layout: Layout; list: Candidate[] } | null {
  const header = cells[0] ?? [];
  const layout = layoutOf('Lieux', header);
  const { latitude, longitude, adresse } = layout.index;
  if (latitude === undefined || longitude === undefined || adresse === undefined) return null;
  const list: Candidate[] = [];
  for (let r = 1; r < cells.length; r++) {
    const row = cells[r]!;
    if (!hasContent(layout, row) || isBlank(row[adresse])) continue;
    if (!isBlank(row[latitude]) || !isBlank(row[longitude])) continue;
    const text = (key: string) => (layout.index[key] === undefined ? null : toText(row[layout.index[key]!]));
    list.push({
      row: r + 1,
      id: text('id') ?? '',
      nom: text('nom') || `ligne ${r + 1}`,
      query: geocodeQuery({
        adresse: text('adresse'),
        code_postal: text('code_postal'),
        commune: text('commune'),
      }),
      commune: communeOf(layout, row),
    });
  }
  return { layout, list };
}

/**
 * One batch: busy answers (429, 503) are asked again, at most GEOCODER_RETRIES times, after the wait
 * the service asks for (Retry-After; 5 s after a 429, when it blocks the caller).
 */
function askWithRetries(urls: readonly string[]): FetchResult[] {
  const answers = fetchAllText(urls);
  for (let attempt = 0; attempt < GEOCODER_RETRIES; attempt++) {
    const now = Date.now();
    let wait = 0;
    const busy: number[] = [];
    answers.forEach((a, i) => {
      const delay = retryDelayMs(a.status, a.retryAfter, now);
      if (delay === null) return;
      busy.push(i);
      wait = Math.max(wait, delay);
    });
    if (busy.length === 0) break;
    pause(wait);
    const again = fetchAllText(busy.map((i) => urls[i]!));
    busy.forEach((i, k) => {
      answers[i] = again[k]!;
    });
  }
  return answers;
}

/** Asks the geocoder, batch after batch; failures that last (429, 5xx, network) give `echec`. */
export function geocodeAll(list: readonly Candidate[], settings: GeocoderSettings): GeocodeResult[] {
  const out: GeocodeResult[] = [];
  for (let start = 0; start < list.length; start += GEOCODER_BATCH_SIZE) {
    if (start > 0) pause(1000);
    const batch = list.slice(start, start + GEOCODER_BATCH_SIZE);
    let answers: FetchResult[];
    try {
      answers = askWithRetries(batch.map((c) => searchUrl(settings.url, c.query)));
    } catch (error) {
      const reason = `géocodeur injoignable (${error instanceof Error ? error.message : String(error)}) : relancez plus tard`;
      for (const c of batch) out.push({ ...c, outcome: { kind: 'echec', reason } });
      continue;
    }
    batch.forEach((c, i) => {
      const answer = answers[i]!;
      let outcome: GeocodeOutcome;
      if (answer.status === 429 || answer.status >= 500) {
        outcome = {
          kind: 'echec',
          reason: `le géocodeur n’a pas répondu (code ${answer.status}) : relancez plus tard`,
        };
      } else {
        const hit = answer.status === 200 ? parseAnswer(answer.body) : null;
        outcome = judgeHit(hit, c.commune?.code ?? null, c.commune?.point ?? null, settings.minScore);
      }
      out.push({ ...c, outcome });
    });
  }
  return out;
}

export interface GeocodeWrite {
  found: GeocodeResult[];
  approximate: GeocodeResult[];
  failed: GeocodeResult[];
  /** Rows skipped because someone filled or moved them meanwhile. */
  changedMeanwhile: GeocodeResult[];
}

function frenchDay(now: Date): string {
  return shortDate(today(now));
}

/**
 * Writes the results (call under the lock): the sheet is read again, a row is completed only if it
 * still has the same id and both coordinates empty. One write of the coordinate columns, one of the
 * notes of the latitude column.
 */
export function writeResults(sheet: Sheet, results: readonly GeocodeResult[], now: Date): GeocodeWrite {
  const report: GeocodeWrite = { found: [], approximate: [], failed: [], changedMeanwhile: [] };
  const cells = readAll(sheet);
  const layout = layoutOf('Lieux', cells[0] ?? []);
  const lat = layout.index.latitude;
  const lon = layout.index.longitude;
  const idCol = layout.index.id;
  if (lat === undefined || lon === undefined) return report;
  const writes = new Map<number, { lat: number; lon: number; note: string | null }>();
  for (const r of results) {
    const row = cells[r.row - 1];
    const sameRow =
      row && (idCol === undefined || toText(row[idCol]) === r.id) && isBlank(row[lat]) && isBlank(row[lon]);
    if (r.outcome.kind === 'echec') {
      report.failed.push(r);
      continue;
    }
    if (!sameRow) {
      report.changedMeanwhile.push(r);
      continue;
    }
    if (r.outcome.kind === 'adresse') {
      report.found.push(r);
      writes.set(r.row, { lat: r.outcome.lat, lon: r.outcome.lon, note: null });
    } else {
      report.approximate.push(r);
      writes.set(r.row, {
        lat: r.outcome.lat,
        lon: r.outcome.lon,
        note: `${GEOCODE_NOTE_PREFIX}position approximative (centre de la commune) posée le ${frenchDay(now)} : ${r.outcome.reason}. Placez le point exact si vous le connaissez.`,
      });
    }
  }
  if (writes.size === 0) return report;
  // One write per run of consecutive rows: no other cell of the columns is ever written.
  const rowRuns = runs([...writes.keys()]);
  const first = rowRuns[0]![0]!;
  const lastRun = rowRuns[rowRuns.length - 1]!;
  const lastRow = lastRun[lastRun.length - 1]!;
  const notes = sheet.getRange(first, lat + 1, lastRow - first + 1, 1).getNotes();
  for (const run of rowRuns) {
    const values = run.map((r) => writes.get(r)!);
    if (Math.abs(lat - lon) === 1) {
      const left = Math.min(lat, lon);
      sheet
        .getRange(run[0]!, left + 1, run.length, 2)
        .setValues(values.map((w) => (left === lat ? [w.lat, w.lon] : [w.lon, w.lat])));
    } else {
      sheet.getRange(run[0]!, lat + 1, run.length, 1).setValues(values.map((w) => [w.lat]));
      sheet.getRange(run[0]!, lon + 1, run.length, 1).setValues(values.map((w) => [w.lon]));
    }
    // Maillage's previous coordinate note of a written row is replaced; any other note is kept.
    let changed = false;
    const next = run.map((r) => {
      const current = notes[r - first]?.[0] ?? '';
      const w = writes.get(r)!;
      const others = current
        .split('\n\n')
        .filter((part) => part && !part.startsWith(GEOCODE_NOTE_PREFIX))
        .join('\n\n');
      const note = w.note ? (others ? `${w.note}\n\n${others}` : w.note) : others;
      if (note !== current) changed = true;
      return [note];
    });
    if (changed) sheet.getRange(run[0]!, lat + 1, run.length, 1).setNotes(next);
  }
  return report;
}
