import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { monthOf, parsePeriod } from '../../core/calendar/periods';
import { monthText } from '../../core/french/dates';
import { buildLetter, letterSummary, renderLetterHtml, renderLetterText } from '../../core/letter';
import { networkName } from '../../core/territory';
import { type Environment, EXIT, UsageError } from '../environment';
import { outputError } from '../output-error';
import { loadWorkbook, SOURCE_HELP, SOURCE_OPTIONS, workbookInput } from '../workbook-input';
import type { Command } from './command';

const OPTIONS = {
  ...SOURCE_OPTIONS,
  mois: { type: 'string' },
  sortie: { type: 'string' },
  publique: { type: 'boolean' },
} as const;

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw (
      outputError(
        error,
        path,
        'le fichier',
        '--sortie désigne le fichier HTML à écrire (son dossier est créé s’il manque).',
      ) ?? error
    );
  }
}

export const lettre: Command = {
  help: `Usage : maillage lettre [--mois AAAA-MM] [--sortie lettre.html] [--publique] [source]

Écrit la lettre mensuelle du réseau, telle que le classeur l'envoie aux référents : les lieux
nouveaux (charte signée dans le mois) et mis à jour dans le mois, les fiches de plus de six mois,
les prochaines rencontres et formations, les passages du bus le mois suivant et les chiffres du
mois précédent (mêmes définitions que le rapport trimestriel).
Un fichier HTML autonome (lisible par les logiciels de courriel, sans script ni ressource
extérieure) pour un site ou un outil de lettre d'information, et sa version texte à côté (.txt).
Aucune donnée privée n'y figure (ni notes, ni lien de visioconférence, ni inscrits, ni contacts
des référents).

Options :
  --mois AAAA-MM       le mois de la lettre (défaut : le mois en cours) ; les chiffres sont ceux
                       du mois précédent, les passages du bus ceux du mois suivant
  --sortie <fichier>   le fichier HTML à écrire (défaut : lettre-AAAA-MM.html dans le dossier courant)
  --publique           sans les rencontres réservées aux membres du réseau (pour un site public)

${SOURCE_HELP}`,
  async run(argv: string[], environment: Environment): Promise<number> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true });
    if (values.mois !== undefined && !/^\d{4}-\d{2}$/.test(values.mois.trim())) {
      throw new UsageError(`--mois « ${values.mois} » : écrivez l'année et le mois, par exemple 2026-12.`);
    }
    const input = workbookInput(values, environment);
    const month = values.mois === undefined ? monthOf(input.today) : parsePeriod(values.mois);
    if (month?.kind !== 'mois') {
      throw new UsageError(
        `--mois « ${values.mois} » n'est pas un mois réel : écrivez l'année et le mois (01 à 12), par exemple 2026-12.`,
      );
    }
    const html = resolve(environment.cwd, values.sortie ?? `lettre-${month.key}.html`);
    const text = `${html.replace(/\.html?$/i, '')}.txt`;
    environment.err(`Lecture du ${input.source.label}…`);
    const result = await loadWorkbook(input);
    const letter = buildLetter(result.tables, {
      mois: month.key,
      today: input.today,
      reseau: networkName(input.territory.departement),
      publicOnly: values.publique === true,
    });
    await writeAtomically(html, renderLetterHtml(letter));
    await writeAtomically(text, renderLetterText(letter));
    environment.out(`Lettre de ${monthText(month.key)} écrite : ${html}`);
    environment.out(`Version texte : ${text}`);
    environment.out(`Contenu : ${letterSummary(letter)}`);
    const excluded = letter.excluded.permanences + letter.excluded.lieux + letter.excluded.relais;
    if (excluded > 0) {
      environment.err(
        `Attention : ${excluded} ligne${excluded > 1 ? 's' : ''} avec des erreurs ne ${excluded > 1 ? 'sont' : 'est'} pas comptée${excluded > 1 ? 's' : ''} (« maillage verifier » les liste).`,
      );
    }
    return EXIT.ok;
  },
};
