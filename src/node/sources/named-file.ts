/** A file the user named on the command line (a workbook, a national file), read whole. */
import { readFile } from 'node:fs/promises';
import { systemErrorCode } from '../output-error';
import { SourceError } from './types.js';

/**
 * The file's bytes, or a SourceError (exit 2) in French: « <label> est introuvable », « est un
 * dossier, pas un <kind> », « ne peut pas être lu (…) », followed by `advice` when given.
 */
export async function readNamedFile(path: string, label: string, kind: string, advice = ''): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    const code = systemErrorCode(cause);
    const what =
      code === 'ENOENT'
        ? 'est introuvable'
        : code === 'EISDIR'
          ? `est un dossier, pas un ${kind}`
          : `ne peut pas être lu (${(cause as Error).message})`;
    throw new SourceError(`${label} ${what}${advice ? ` : ${advice}` : ''}.`, { cause });
  }
}
