import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNamedFile } from '../../../src/node/sources/named-file';
import { SourceError } from '../../../src/node/sources/types';

const root = mkdtempSync(join(tmpdir(), 'maillage-named-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function refusal(path: string, advice?: string): Promise<SourceError> {
  const err = await readNamedFile(path, `Le fichier ${path}`, 'fichier .xlsx', advice).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  expect((err as SourceError).exitCode).toBe(2);
  return err as SourceError;
}

describe('readNamedFile', () => {
  it('returns the bytes of the file', async () => {
    const file = join(root, 'lieux.csv');
    writeFileSync(file, 'id;nom\r\nL1;Médiathèque\r\n');
    expect((await readNamedFile(file, 'Le fichier', 'fichier')).toString('utf8')).toBe(
      'id;nom\r\nL1;Médiathèque\r\n',
    );
  });

  it('says in French that the file is missing, then what to do', async () => {
    const missing = join(root, 'absent.xlsx');
    expect((await refusal(missing, 'indiquez le classeur .xlsx')).message).toBe(
      `Le fichier ${missing} est introuvable : indiquez le classeur .xlsx.`,
    );
    expect((await refusal(missing)).message).toBe(`Le fichier ${missing} est introuvable.`);
  });

  it('says when the path is a folder, naming the kind of file expected', async () => {
    expect((await refusal(root)).message).toBe(`Le fichier ${root} est un dossier, pas un fichier .xlsx.`);
  });

  it('keeps the system error as the cause', async () => {
    const err = await refusal(join(root, 'absent.xlsx'));
    expect((err.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
