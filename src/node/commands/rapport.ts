import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parsePeriod, quarterOf } from '../../core/indicators';
import { buildReportInput, type CommuneOutlines, esc, quarterLong, renderReport } from '../../core/report';
import { type Environment, EXIT, UsageError } from '../environment';
import { outputError } from '../output-error';
import { loadWorkbook, SOURCE_HELP, SOURCE_OPTIONS, workbookInput } from '../workbook-input';
import type { Command } from './command';

const OPTIONS = {
  ...SOURCE_OPTIONS,
  trimestre: { type: 'string' },
  sortie: { type: 'string' },
} as const;

/** Where Chromium is looked for, unless MAILLAGE_CHROMIUM says otherwise ('' : no PDF). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * The commune outlines of a département, read from src/core/data/commune-outlines/<dep>.json.
 * From src/node/commands/ (tsx) and from dist/node/ (the bundle) the folder is found by going up.
 */
export async function loadCommuneOutlines(departement: string): Promise<CommuneOutlines | null> {
  const candidates = [
    new URL(`../../core/data/commune-outlines/${departement}.json`, import.meta.url),
    new URL(`../../src/core/data/commune-outlines/${departement}.json`, import.meta.url),
  ].map((u) => fileURLToPath(u));
  for (const path of candidates) {
    if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8')) as CommuneOutlines;
  }
  return null;
}

/**
 * Prints the HTML to PDF with Chromium through playwright-core. No request leaves the page: the
 * report is self-contained, and anything else than the page itself is refused.
 */
export async function printPdf(
  html: string,
  pdfPath: string,
  chromium: string,
  footer: string,
): Promise<void> {
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      return url.startsWith('data:') || url === 'about:blank' ? route.continue() : route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path: pdfPath,
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font: 8px Arial, sans-serif; width: 100%; text-align: center; color: #000;">${esc(footer)} — page <span class="pageNumber"></span> sur <span class="totalPages"></span></div>`,
    });
  } finally {
    await browser.close();
  }
}

export const rapport: Command = {
  help: `Usage : maillage rapport [--trimestre 2026-T4] [--sortie dossier] [source]

Écrit le rapport trimestriel au comité de pilotage : indicateurs du trimestre et des quatre
précédents (graphiques), carte des communes selon la distance à l'offre la plus proche, communes
mal desservies et arrêts du bus à étudier, qui propose quoi et où (services par EPCI), vie du
réseau (rencontres, professionnels formés, membres, charte, Pass Numérique), définitions.
Un seul fichier HTML autonome (aucune connexion nécessaire pour l'ouvrir ou l'imprimer),
rapport-2026-T4.html, et rapport-2026-T4.pdf quand Chromium est installé
(${DEFAULT_CHROMIUM}, ou le chemin donné par la variable MAILLAGE_CHROMIUM).

Options :
  --trimestre AAAA-Tn  le trimestre (défaut : le trimestre en cours)
  --sortie <dossier>   où écrire les fichiers (défaut : le dossier courant)

${SOURCE_HELP}`,
  async run(argv: string[], environment: Environment): Promise<number> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true });
    const input = workbookInput(values, environment);
    const quarter = values.trimestre === undefined ? quarterOf(input.today) : parsePeriod(values.trimestre);
    if (quarter?.kind !== 'trimestre') {
      throw new UsageError(
        `--trimestre « ${values.trimestre} » : écrivez l'année et le trimestre, par exemple 2026-T4.`,
      );
    }
    if (quarter.du > input.today) {
      throw new UsageError(
        `Le ${quarterLong(quarter.key)} n'a pas commencé (données au ${input.today}) : choisissez un trimestre commencé, ou --date.`,
      );
    }
    const folder = resolve(environment.cwd, values.sortie ?? '.');
    environment.err(`Lecture du ${input.source.label}…`);
    const result = await loadWorkbook(input);
    const departement = input.territory.departement.code;
    const outlines = await loadCommuneOutlines(departement);
    if (!outlines)
      environment.err(
        `Attention : contours des communes du ${departement} introuvables, le rapport n'aura pas de carte.`,
      );
    const report = buildReportInput(result.tables, {
      territory: input.territory,
      quarter,
      today: input.today,
      outlines,
      sampleShift: result.sampleShift,
    });
    const html = renderReport(report);
    const base = join(folder, `rapport-${quarter.key}`);
    const temporary = `${base}.html.${process.pid}.tmp`;
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(temporary, html);
      await rename(temporary, `${base}.html`);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw (
        outputError(
          error,
          folder,
          'dans le dossier',
          '--sortie désigne un dossier (il est créé s’il manque).',
        ) ?? error
      );
    }
    environment.out(`Rapport écrit : ${base}.html`);
    const excluded = report.excluded.permanences + report.excluded.lieux + report.excluded.relais;
    if (excluded > 0) {
      environment.err(
        `Attention : ${excluded} ligne${excluded > 1 ? 's' : ''} avec des erreurs ne ${excluded > 1 ? 'sont' : 'est'} pas comptée${excluded > 1 ? 's' : ''} (« maillage verifier » les liste).`,
      );
    }
    const chromium = environment.env.MAILLAGE_CHROMIUM ?? DEFAULT_CHROMIUM;
    if (!chromium || !existsSync(chromium)) {
      environment.err(
        `Pas de PDF : Chromium introuvable${chromium ? ` (${chromium})` : ''}. Le HTML s'imprime depuis un navigateur.`,
      );
      return EXIT.ok;
    }
    try {
      await printPdf(
        html,
        `${base}.pdf`,
        chromium,
        `${input.territory.departement.nom} — ${quarterLong(quarter.key)}`,
      );
    } catch (error) {
      environment.err(
        `Pas de PDF : Chromium n'a pas pu imprimer le rapport (${(error as Error).message.split('\n')[0]}).`,
      );
      return EXIT.ok;
    }
    environment.out(`Rapport écrit : ${base}.pdf`);
    return EXIT.ok;
  },
};
