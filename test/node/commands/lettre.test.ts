/**
 * `maillage lettre` on the sample workbook read as a CSV folder (real dates, never shifted): the
 * letter's figures, places, meetings and passages are checked against counts made here, directly on
 * the CSV rows, without Maillage's reading or indicator code.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/node/cli';
import type { Environment } from '../../../src/node/environment';
import { readCsvFolder, SAMPLE_DIR } from '../../helpers/workbook';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-lettre-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function environment(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const e: Environment = {
    env: {},
    cwd,
    isTTY: false,
    now: () => new Date('2026-11-28T09:00:00Z'),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  return { e, out, err };
}

/** The sample's rows as objects keyed by header, straight from the CSV files. */
function rows(tab: string): Record<string, string>[] {
  const [header, ...body] = readCsvFolder(SAMPLE_DIR)[tab]!;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** `20/11/2026` (or already `2026-11-20`) -> `2026-11-20`. */
function iso(text: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : text;
}

const sum = (list: Record<string, string>[], header: string) =>
  list.reduce((n, r) => n + Number(r[header] || 0), 0);

/** What the figures section says: term -> value as written. */
function figures(text: string): Record<string, string> {
  const section = text.split(/\nLes chiffres d’octobre 2026\n-+\n/)[1]!.split('\n\n')[0]!;
  return Object.fromEntries(
    section
      .split('\n')
      .map((l) => /^- (.+?) : (.+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!.replace(/[\u00a0\u202f]/g, ' ')]),
  );
}

describe('maillage lettre', () => {
  it('writes the letter of November 2026 whose figures match the workbook', async () => {
    const { e, out, err } = environment(dir);
    const code = await main(
      ['lettre', '--mois', '2026-11', '--dossier', SAMPLE_DIR, '--sortie', 'lettres/novembre.html'],
      e,
    );
    expect(code).toBe(0);
    const html = readFileSync(join(dir, 'lettres/novembre.html'), 'utf8');
    const text = readFileSync(join(dir, 'lettres/novembre.txt'), 'utf8');
    expect(out[0]).toBe(`Lettre de novembre 2026 écrite : ${join(dir, 'lettres/novembre.html')}`);
    expect(err.join('\n')).not.toMatch(/Attention/); // the sample has no row in error: every row counts

    // October's figures, counted on the CSV rows.
    const held = rows('Permanences').filter(
      (r) => r.Statut === 'réalisée' && iso(r.Date!).startsWith('2026-10-'),
    );
    const answers = sum(held, 'Réponses satisfaction');
    const satisfied = sum(held, 'Dont satisfaits');
    const f = figures(text);
    expect(held.length).toBeGreaterThan(20);
    expect(f['Permanences réalisées']).toBe(String(held.length));
    expect(f['Communes couvertes']).toBe(String(new Set(held.map((r) => r['Code INSEE'])).size));
    expect(f['Personnes reçues']).toBe(String(sum(held, 'Personnes reçues')));
    expect(f.Accompagnements).toBe(
      String(sum(held, 'Accompagnements individuels') + sum(held, 'Participants aux ateliers')),
    );
    expect(f['Taux de satisfaction']).toBe(
      `${Math.round((100 * satisfied) / answers)} % (${answers} réponses)`,
    );
    expect(f['Relais mobilisés']).toBe(String(new Set(held.map((r) => r.Relais).filter(Boolean)).size));
    const lieux = rows('Lieux');
    const active = lieux.filter((r) => r.Statut === 'actif');
    expect(f['Lieux actifs le 28 novembre 2026']).toBe(String(active.length));

    // December's passages (not cancelled).
    const december = rows('Permanences').filter(
      (r) => iso(r.Date!).startsWith('2026-12-') && r.Statut !== 'annulée',
    );
    expect(text).toContain(`\nLe bus numérique en décembre 2026\n`);
    const busSection = text.split('\nLe bus numérique en décembre 2026\n')[1]!.split('\n\n')[0]!;
    expect(busSection.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(december.length);
    expect(html).toContain(`${december.length} passages prévus`);

    // Places updated from 1 to 28 November, stale places (six months), meetings to the end of January.
    const updated = active.filter((r) => {
      const d = iso(r['Date de mise à jour']!);
      return d >= '2026-11-01' && d <= '2026-11-28';
    });
    const stale = active.filter((r) => {
      const d = iso(r['Date de mise à jour']!);
      return d === '' || d < '2026-05-28';
    });
    const meetings = rows('Rencontres').filter((r) => {
      const d = iso(r.Date!);
      return d >= '2026-11-28' && d <= '2027-01-31' && r.Statut !== 'réalisée';
    });
    const summary = out.find((l) => l.startsWith('Contenu : '))!;
    expect(summary).toContain(`Lieux nouveaux ou mis à jour : ${updated.length} (`);
    for (const r of updated) expect(summary).toContain(r['Identifiant unique local du lieu']!);
    expect(summary).toContain(`lieux à mettre à jour : ${stale.length} ;`);
    expect(summary).toContain(`rencontres : ${meetings.map((r) => r.Identifiant).join(', ')} ;`);
    expect(summary).toContain(`permanences du bus en décembre 2026 : ${december.length} ;`);
    expect(text).toContain(`${stale.length} fiches n’ont pas été mises à jour depuis plus de 6 mois`);
  });

  it('writes lettre-AAAA-MM.html in the current folder by default, the current month without --mois', async () => {
    const { e } = environment(dir);
    expect(await main(['lettre', '--dossier', SAMPLE_DIR], e)).toBe(0);
    expect(existsSync(join(dir, 'lettre-2026-11.html'))).toBe(true);
    expect(existsSync(join(dir, 'lettre-2026-11.txt'))).toBe(true);
  });

  it('refuses a month that is not one, in French (exit 1), and writes nothing', async () => {
    for (const [mois, message] of [
      ['2026-13', /--mois « 2026-13 » n'est pas un mois réel : .* par exemple 2026-12\./],
      ['12/2026', /--mois « 12\/2026 » : écrivez l'année et le mois, par exemple 2026-12\./],
      ['2026-1', /écrivez l'année et le mois/],
    ] as const) {
      const { e, err } = environment(dir);
      expect(await main(['lettre', '--mois', mois, '--sortie', 'refus.html'], e)).toBe(1);
      expect(err.join('\n')).toMatch(/^Erreur : /);
      expect(err.join('\n')).toMatch(message);
      expect(existsSync(join(dir, 'refus.html'))).toBe(false);
    }
  });

  it('gives its French help', async () => {
    const { e, out } = environment(dir);
    expect(await main(['lettre', '--help'], e)).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage : maillage lettre \[--mois AAAA-MM\]/);
  });
});
