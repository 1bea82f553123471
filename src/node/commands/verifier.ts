import { parseArgs } from 'node:util';
import { formatProblem } from '../../core/problems';
import { type Environment, EXIT } from '../environment';
import { loadWorkbook, SOURCE_HELP, SOURCE_OPTIONS, workbookInput } from '../workbook-input';
import type { Command } from './command';

export const verifier: Command = {
  help: `Usage : maillage verifier [source]

Lit le classeur, vérifie chaque ligne de chaque onglet et affiche tous les problèmes.
Code de sortie 0 si tout est correct, 4 s'il reste des erreurs à corriger.

${SOURCE_HELP}`,
  async run(argv: string[], environment: Environment): Promise<number> {
    const { values } = parseArgs({ args: argv, options: SOURCE_OPTIONS, strict: true });
    const input = workbookInput(values, environment);
    environment.err(`Lecture du ${input.source.label}…`);
    const result = await loadWorkbook(input);
    const errors = result.problems.filter((p) => p.severity === 'erreur');
    const warnings = result.problems.filter((p) => p.severity === 'avertissement');
    for (const p of result.problems)
      environment.out(`${p.severity === 'erreur' ? 'Erreur' : 'Attention'} — ${formatProblem(p)}`);
    const counts = Object.values(result.tables)
      .map((t) => `${t.tab} : ${t.rows.length} ligne${t.rows.length > 1 ? 's' : ''}`)
      .join(', ');
    environment.out(`${counts}.`);
    environment.out(
      errors.length === 0
        ? `Aucune erreur${warnings.length ? ` (${warnings.length} avertissement${warnings.length > 1 ? 's' : ''})` : ''}.`
        : `${errors.length} erreur${errors.length > 1 ? 's' : ''} à corriger${warnings.length ? `, ${warnings.length} avertissement${warnings.length > 1 ? 's' : ''}` : ''}.`,
    );
    return errors.length === 0 ? EXIT.ok : EXIT.problems;
  },
};
