/** Shared by the publication tests: the sample workbook published in memory, and the schema check. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { buildPublication, fileText, type Publication } from '../../../src/core/publish/index';
import type { RawWorkbook } from '../../../src/core/read-context';
import { readWorkbook } from '../../../src/core/workbook';
import { loadTerritory } from '../../../src/node/territory';
import { ROOT, sampleWorkbook } from '../../helpers/workbook';

export const territory = loadTerritory('87');
/** The sample's reference day: permanences before it are held, after it planned. */
export const TODAY = '2026-11-28';
export const NOW = new Date('2026-11-28T09:15:00Z');

export function publishRaw(
  raw: RawWorkbook,
  options: {
    today?: string;
    now?: Date;
    previousCalendar?: string | null;
    previousRencontres?: string | null;
  } = {},
): Publication {
  const today = options.today ?? TODAY;
  const workbook = readWorkbook(raw, { territory, today });
  return buildPublication(workbook, {
    territory,
    today,
    now: options.now ?? NOW,
    source: 'test',
    requests: 0,
    previousCalendar: options.previousCalendar ?? null,
    previousRencontres: options.previousRencontres ?? null,
  });
}

export function publishSample(options: Parameters<typeof publishRaw>[1] = {}): Publication {
  return publishRaw(sampleWorkbook(), options);
}

export function fileOf(publication: Publication, name: string): string {
  const file = publication.files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name}`);
  return fileText(file);
}

interface SchemaField {
  name: string;
  type: string;
  constraints: { required?: boolean; pattern?: string; maxLength?: number; unique?: boolean };
}

/** The official Table Schema, read from the copy in the repository. */
export const SCHEMA = JSON.parse(
  readFileSync(join(ROOT, 'src/core/standard/schema-v1.0.1.json'), 'utf8'),
) as {
  fields: SchemaField[];
};

/**
 * Checks a CSV text against the schema file itself: header = the fields in order; every row has every
 * column; required fields filled; patterns (whole value), maxLength, number and date types; unique ids.
 * Returns one French-free line per violation (empty when valid).
 */
export function schemaViolations(csv: string): string[] {
  const rows = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  const out: string[] = [];
  const header = rows[0] ?? [];
  const names = SCHEMA.fields.map((f) => f.name);
  if (JSON.stringify(header) !== JSON.stringify(names)) out.push(`header ${header.join(',')}`);
  const patterns = SCHEMA.fields.map((f) =>
    f.constraints.pattern ? new RegExp(`^(?:${f.constraints.pattern})$`, 'u') : null,
  );
  const seen = new Map<string, Set<string>>();
  rows.slice(1).forEach((row, r) => {
    const line = r + 2;
    if (row.length !== names.length) out.push(`line ${line}: ${row.length} columns`);
    SCHEMA.fields.forEach((field, i) => {
      const value = row[i] ?? '';
      const c = field.constraints;
      if (value === '') {
        if (c.required) out.push(`line ${line}: ${field.name} required`);
        return;
      }
      const pattern = patterns[i];
      if (pattern && !pattern.test(value))
        out.push(`line ${line}: ${field.name} «${value}» fails ${c.pattern}`);
      if (c.maxLength !== undefined && [...value].length > c.maxLength)
        out.push(`line ${line}: ${field.name} too long`);
      if (field.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value))
        out.push(`line ${line}: ${field.name} not a number`);
      if (field.type === 'date') {
        const ok =
          /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
        if (!ok) out.push(`line ${line}: ${field.name} «${value}» not a date`);
      }
      if (c.unique) {
        const set = seen.get(field.name) ?? new Set<string>();
        if (set.has(value)) out.push(`line ${line}: ${field.name} «${value}» not unique`);
        set.add(value);
        seen.set(field.name, set);
      }
    });
  });
  return out;
}

/** Parses a calendar with ical.js (an independent parser) and returns its events with absolute instants. */
export function parseCalendar(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return root.getAllSubcomponents('vevent').map((c) => {
    const event = new ICAL.Event(c);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: event.startDate.zone?.tzid,
      status: c.getFirstPropertyValue('status'),
      sequence: event.sequence,
      geo: c.getFirstPropertyValue('geo') as number[] | null,
      dtstamp: String(c.getFirstPropertyValue('dtstamp')),
    };
  });
}
