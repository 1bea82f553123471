/**
 * « Comparer avec un fichier national… »: the same comparison as `maillage comparer` (places the
 * national file has that Lieux lacks, active places it lacks, values that differ, places to decide),
 * read in the dialog and downloaded as the same to-do CSV. Writes nothing.
 */
import { comparisonLines, comparisonRows, todoCsv } from '../../core/import';
import type { Spreadsheet } from '../adapters/spreadsheet';
import { lieuxSheet, payloadOf, prepare } from './import';

export interface Comparison {
  nom: string;
  /** Why the file cannot be compared (French); empty when it can. */
  errors: string[];
  /** The comparison in French, as the command line prints it. */
  lines: string[];
  /** The to-do list, one thing per row (UTF-8 CSV with a BOM). */
  csv: string;
  /** Rows of the to-do list. */
  rows: number;
}

export function compareWithNational(ss: Spreadsheet, raw: unknown, now: Date): Comparison {
  const payload = { ...payloadOf(raw), decisions: [] };
  const prepared = prepare(ss, lieuxSheet(ss), payload, now);
  if (Array.isArray(prepared)) return { nom: payload.nom, errors: prepared, lines: [], csv: '', rows: 0 };
  const rows = comparisonRows(prepared.file, prepared.plan);
  return {
    nom: payload.nom,
    errors: [],
    lines: comparisonLines(prepared.file, prepared.plan),
    csv: todoCsv(rows),
    rows: rows.length,
  };
}
