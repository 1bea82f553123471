import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addDaysIso } from '../../core/calendar/civil';
import { shortDate } from '../../core/french/dates';
import { pluralWord } from '../../core/french/numbers';
import { formatProblem } from '../../core/problems';
import { refusalMessage } from '../../core/publish/circuit-breaker';
import { summaryLines } from '../../core/publish/report';
import { type Environment, EXIT, UsageError } from '../environment';
import { outputError } from '../output-error';
import { PublishBusyError } from '../publish/atomic';
import { type PublishOptions, publish } from '../publish/index';
import { SourceError } from '../sources';
import { SETUP_HINT, SOURCE_HELP, SOURCE_OPTIONS, workbookInput } from '../workbook-input';
import type { Command } from './command';

/**
 * Test hook: milliseconds to pause after each file is written and after each is moved into place
 * (lets a test kill a run mid-write). Never set in production.
 */
export const PAUSE_ENV = 'MAILLAGE_TEST_PAUSE_MS';

export const publier: Command = {
  help: `Usage : maillage publier [source] [--sortie <dossier>] [--forcer]

Lit le classeur, laisse de côté les lignes en erreur (signalées) et publie dans le dossier de sortie :
  lieux.geojson                     les lieux et les arrêts du bus, pour la carte des sites web
  lieux-carte.json                  ce que la carte lit d'abord (liste, filtres, repères)
  lieux-de-mediation-numerique.csv  le fichier au standard national v1.0.1 (cartographie nationale)
  permanences.ics                   le calendrier du bus, à s'abonner
  permanences/<arrêt>.ics           un calendrier par arrêt : ses prochains passages (retiré
                                    quand l'arrêt n'en a plus)
  rencontres.ics                    l'agenda du réseau (rencontres marquées « Publiée »), à s'abonner
  rencontres.json                   les mêmes rencontres, pour la page de l'agenda
  rapport.json                      ce qui a été publié, chaque ligne rejetée et pourquoi
  diagnostic.json                   le contenu du diagnostic numérique (onglet Diagnostic, s'il est sans erreur)
  carte/                            la carte à intégrer (si elle a été construite)
  diagnostic/                       la page du diagnostic numérique à intégrer (si elle a été construite)
  agenda/                           l'agenda du réseau à intégrer (s'il a été construit)
Les fichiers sont remplacés d'un coup : une publication qui échoue ou est interrompue laisse les
précédents intacts.

Options :
  --sortie <dossier>   dossier de sortie (défaut : public/)
  --forcer             publier même si plus de 20 % des lieux fixes ou des arrêts du bus
                       disparaissent de la carte (ou changent d'identifiant), ou si aucun
                       lieu ne serait publié

${SOURCE_HELP}

Codes de sortie : 0 publié ; 1 usage ou configuration ; 2 classeur injoignable ou illisible ;
3 refusé par une vérification de sécurité (plus de 20 % des lieux fixes ou des arrêts disparus,
aucun lieu à publier, autre publication en cours).`,
  async run(argv: string[], environment: Environment): Promise<number> {
    const { values } = parseArgs({
      args: argv,
      options: { ...SOURCE_OPTIONS, sortie: { type: 'string' }, forcer: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.sortie !== undefined && values.sortie.trim() === '')
      throw new UsageError('--sortie : indiquez un dossier.');
    const input = workbookInput(values, environment);
    const outDir = resolve(environment.cwd, values.sortie ?? 'public');
    const progress = environment.isTTY ? (line: string) => environment.err(line) : undefined;
    const pause = Number(environment.env[PAUSE_ENV] ?? 0);
    const hooks: PublishOptions['hooks'] =
      pause > 0
        ? {
            afterWrite: async (name) => {
              environment.err(`[test] écrit ${name}`);
              await new Promise((r) => setTimeout(r, pause));
            },
            afterRename: async (name) => {
              environment.err(`[test] remplacé ${name}`);
              await new Promise((r) => setTimeout(r, pause));
            },
          }
        : undefined;

    let outcome: Awaited<ReturnType<typeof publish>>;
    try {
      outcome = await publish({
        input,
        outDir,
        force: values.forcer === true,
        now: environment.now(),
        ...(progress ? { progress } : {}),
        ...(hooks ? { hooks } : {}),
      });
    } catch (error) {
      if (error instanceof PublishBusyError) {
        environment.err(`Erreur : ${error.message}`);
        return EXIT.refused;
      }
      if (error instanceof SourceError || error instanceof UsageError) throw error;
      const refusal = outputError(
        error,
        outDir,
        'dans le dossier',
        `Le verrou et les fichiers temporaires s’écrivent à côté, dans ${dirname(outDir)} : ce dossier doit aussi être accessible en écriture. Les fichiers publiés précédemment sont inchangés.`,
      );
      if (refusal) throw refusal;
      throw error;
    }

    const shift = outcome.workbook.sampleShift;
    if (shift) {
      const weeks = shift.days / 7;
      environment.out(
        weeks === 0
          ? `Classeur d'exemple : aujourd'hui tombe dans la semaine de sa date de référence (${shortDate(shift.reference)}), ses permanences et ses rencontres gardent leurs dates.`
          : `Classeur d'exemple : dates des permanences et des rencontres décalées de ${weeks} semaine${Math.abs(weeks) > 1 ? 's' : ''} (le ${shortDate(shift.reference)} devient le ${shortDate(addDaysIso(shift.reference, shift.days))}, jours de la semaine conservés) pour en montrer à venir. Un vrai classeur n'est jamais décalé.`,
      );
    }
    if (outcome.kind === 'unreadable') {
      for (const p of outcome.problems) environment.err(`Erreur — ${formatProblem(p)}`);
      environment.err(
        `Rien n'a été publié : le classeur ne peut pas être lu tel quel. Les fichiers publiés précédemment sont inchangés.`,
      );
      return EXIT.source;
    }
    if (outcome.kind === 'refused') {
      environment.err(refusalMessage(outcome.verdict));
      return EXIT.refused;
    }
    if (outcome.kind === 'empty') {
      environment.err(outcome.message);
      return EXIT.refused;
    }
    for (const line of summaryLines(outcome.publication.report, outcome.workbook, 50, SETUP_HINT))
      environment.out(line);
    if (outcome.verdict.tripped) {
      const { lieux, arrets } = outcome.verdict;
      environment.out(
        `Publié malgré tout (--forcer) : lieux fixes ${lieux.previous} → ${lieux.next} (${lieux.vanished.length} disparus), arrêts du bus ${arrets.previous} → ${arrets.next} (${arrets.vanished.length} disparus).`,
      );
    }
    if (outcome.publication.catalogue.places.length === 0) {
      environment.out('Publié malgré tout (--forcer) : aucun lieu.');
    }
    environment.out(
      `Fichiers écrits dans ${outDir} : ${outcome.publication.files.map((f) => f.name).join(', ')}${Object.entries(
        outcome.pages,
      )
        .map(([page, n]) => `, ${page}/ (${n} fichiers)`)
        .join('')}.`,
    );
    if (outcome.removed.length > 0) {
      const n = outcome.removed.length;
      environment.out(
        `${pluralWord(n, 'Retiré, car il n’est plus publié', `Retirés, car ils ne sont plus publiés (${n})`)} : ${outcome.removed.join(', ')}.`,
      );
    }
    return EXIT.ok;
  },
};
