/** Reads a file of the national standard (CSV, JSON or GeoJSON) for `importer` and `comparer`. */
import { isUtf8 } from 'node:buffer';
import type { NationalInput } from '../core/import';
import { CsvSyntaxError, csvRows } from './sources/csv';
import { readNamedFile } from './sources/named-file';
import { SourceError } from './sources/types';

const EXPORT = 'exportez les lieux au standard national (CSV UTF-8, JSON ou GeoJSON)';

/** The file's content as the core reads it; a SourceError (exit 2) says in French what is wrong. */
export async function readNationalInput(path: string): Promise<NationalInput> {
  const bytes = await readNamedFile(path, `Le fichier national ${path}`, 'fichier');
  if (!isUtf8(bytes)) {
    throw new SourceError(
      `Le fichier national ${path} n'est pas encodé en UTF-8 (probablement enregistré par Excel en « CSV » Windows) : enregistrez-le au format « CSV UTF-8 » ou ${EXPORT}.`,
    );
  }
  const start = bytes.subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  const first = start.toString('utf8', 0, Math.min(start.length, 64)).trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      return { json: JSON.parse(start.toString('utf8')) };
    } catch (cause) {
      throw new SourceError(
        `Le fichier national ${path} n'est pas un JSON lisible (${(cause as Error).message}) : ${EXPORT}.`,
        {
          cause,
        },
      );
    }
  }
  try {
    const rows = [...csvRows(bytes)];
    if (rows[0]?.length === 1 && rows[0][0]?.includes(';')) {
      throw new SourceError(
        `Le fichier national ${path} utilise le point-virgule comme séparateur ; le standard demande des virgules : ${EXPORT}.`,
      );
    }
    return { rows };
  } catch (cause) {
    if (cause instanceof CsvSyntaxError) {
      throw new SourceError(
        `Le fichier national ${path}, ligne ${cause.line}, est illisible : ${cause.code === 'UNCLOSED_QUOTE' ? "un guillemet ouvert n'est jamais refermé" : 'un guillemet est mal placé'}. ${EXPORT[0]!.toUpperCase()}${EXPORT.slice(1)}.`,
        { cause },
      );
    }
    throw cause;
  }
}
