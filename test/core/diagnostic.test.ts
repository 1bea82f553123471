import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/diagnostic/assess';
import {
  DIAGNOSTIC_FILE,
  type DiagnosticContent,
  defaultDiagnosticTable,
  diagnosticContent,
  TEXT_CODES,
} from '../../src/core/diagnostic/content';
import { defaultDiagnosticCells } from '../../src/core/diagnostic/defaults';
import { columnOf, headers } from '../../src/core/model';
import { formatProblem } from '../../src/core/problems';
import { summaryLines } from '../../src/core/publish/report';
import { VOCABULARIES } from '../../src/core/standard';
import { readWorkbook } from '../../src/core/workbook';
import { PERSONS } from '../helpers/diagnostic-persons';
import { sampleWorkbook } from '../helpers/workbook';
import { fileOf, publishRaw, TODAY, territory } from './publish/helpers';

const ctx = { territory, today: TODAY };

function defaults(): DiagnosticContent {
  const content = diagnosticContent(defaultDiagnosticTable(ctx));
  if (!content) throw new Error('the default kit does not read');
  return content;
}

/** The Diagnostic tab's cells with one cell changed (row: 0-based index among the default rows). */
function editedKit(row: number, key: string, value: string): string[][] {
  const cells = defaultDiagnosticCells().map((r) => [...r]);
  cells[row]![headers('Diagnostic').indexOf(columnOf('Diagnostic', key).header)] = value;
  return [headers('Diagnostic'), ...cells];
}

function rowOf(element: string, code: string, question?: string): number {
  const h = headers('Diagnostic');
  const at = (k: string) => h.indexOf(columnOf('Diagnostic', k).header);
  return defaultDiagnosticCells().findIndex(
    (r) =>
      r[at('element')] === element &&
      r[at('code')] === code &&
      (question === undefined || r[at('question')] === question),
  );
}

describe('the default diagnostic kit', () => {
  it('reads without a single problem: 10 to 15 questions, three profiles, every text of the page', () => {
    const table = defaultDiagnosticTable(ctx);
    expect(table.problems.map(formatProblem)).toEqual([]);
    const content = defaults();
    expect(content.questions.length).toBeGreaterThanOrEqual(10);
    expect(content.questions.length).toBeLessThanOrEqual(15);
    for (const q of content.questions) expect(q.reponses.length, q.code).toBeGreaterThanOrEqual(2);
    expect(content.profils.map((p) => [p.code, p.points])).toEqual([
      ['eloigne', 0],
      ['debutant', 8],
      ['presque-autonome', 17],
    ]);
    expect(Object.keys(content.textes).sort()).toEqual(Object.keys(TEXT_CODES).sort());
    for (const o of content.obstacles) expect(o.arguments.length, o.code).toBeGreaterThanOrEqual(2);
    // Arguments are whole sentences: commas stay inside them.
    const cout = content.obstacles.find((o) => o.code === 'cout')!;
    expect(cout.arguments[1]).toBe(
      'Le Pass Numérique (chèques APTIC) paie des heures de formation : demandez-le à votre travailleur social ou à la mairie.',
    );
    expect(cout.pass_numerique).toBe(true);
    expect(cout.frais_a_charge).toEqual(['Gratuit']);
  });

  it('gives the three example persons three different profiles and proposals', () => {
    const content = defaults();
    const [a, b, c] = Object.values(PERSONS).map((answers) => assess(content, answers));
    expect([a!.profil.code, b!.profil.code, c!.profil.code]).toEqual([
      'eloigne',
      'debutant',
      'presque-autonome',
    ]);
    expect([a!.points, b!.points, c!.points]).toEqual([1, 13, 21]);
    expect(a!.maximum).toBe(24);
    expect(a!.sansReponse).toEqual([]);

    expect(a!.obstacles.map((o) => o.code)).toEqual(['materiel', 'connexion', 'competences', 'peur', 'cout']);
    expect(a!.criteres.modalites_accompagnement).toEqual(['En autonomie', 'Accompagnement individuel']);
    expect(a!.criteres.frais_a_charge).toEqual(['Gratuit']);
    expect(a!.passNumerique).toBe(true);

    expect(b!.obstacles.map((o) => o.code)).toEqual(['competences', 'peur']);
    expect(b!.besoins.map((x) => x.reponses.map((r) => r.code))).toEqual([['caf']]);
    expect(b!.criteres.services).toContain('Aide aux démarches administratives');
    expect(b!.criteres.modalites_accompagnement).toEqual([
      'Accompagnement individuel',
      'Dans un atelier collectif',
    ]);
    expect(b!.passNumerique).toBe(false);

    expect(c!.obstacles.map((o) => o.code)).toEqual(['peur']);
    expect(c!.criteres.services).toContain('Utilisation sécurisée du numérique');
    expect(c!.criteres.modalites_accompagnement).toEqual(['En autonomie', 'Dans un atelier collectif']);
    expect(c!.criteres.frais_a_charge).toEqual([]);

    // Every criterion is one of the national standard's exact labels.
    for (const x of [a!, b!, c!]) {
      for (const [key, values] of Object.entries(x.criteres)) {
        for (const v of values) expect(VOCABULARIES[key as keyof typeof VOCABULARIES]).toContain(v);
      }
    }
  });

  it('keeps one answer of a one-answer question, counts unanswered questions', () => {
    const content = defaults();
    const x = assess(content, { connexion: ['oui', 'non'] });
    expect(x.points).toBe(2);
    expect(x.obstacles).toEqual([]);
    expect(x.sansReponse).toHaveLength(content.questions.length - 1);
    expect(x.profil.code).toBe('eloigne');
  });
});

describe('the Diagnostic tab as the network edits it', () => {
  it('publishes the reworded question', () => {
    const raw = {
      ...sampleWorkbook(),
      Diagnostic: editedKit(rowOf('question', 'connexion'), 'texte', 'Internet marche-t-il chez vous ?'),
    };
    const publication = publishRaw(raw);
    const published = JSON.parse(fileOf(publication, DIAGNOSTIC_FILE)) as DiagnosticContent;
    expect(published.questions.find((q) => q.code === 'connexion')?.texte).toBe(
      'Internet marche-t-il chez vous ?',
    );
    expect(publication.report.diagnostic).toEqual({
      publie: true,
      source: 'onglet',
      questions: 12,
      erreurs: [],
    });
  });

  it.each([
    [
      'an answer under an unknown question',
      () => editedKit(rowOf('réponse', 'oui', 'connexion'), 'question', 'conexion'),
      'Question',
      /Aucune question « conexion » plus haut dans l’onglet/,
    ],
    [
      'an unknown obstacle',
      () => editedKit(rowOf('réponse', 'aucun', 'equipement'), 'obstacles', 'materiel|argent'),
      'Obstacles',
      /Obstacle inconnu : argent\. Écrivez le code d’une ligne « obstacle » \(materiel, /,
    ],
    [
      'two profiles from the same score',
      () => editedKit(rowOf('profil', 'debutant'), 'points', '17'),
      'Points',
      /Le profil de la ligne \d+ commence déjà à 17 points/,
    ],
    [
      'a code with an accent',
      () => editedKit(rowOf('obstacle', 'peur'), 'code', 'peur-d’erreur'),
      'Code',
      /lettres minuscules sans accent/,
    ],
    [
      'a text the page does not know',
      () => editedKit(rowOf('texte', 'titre'), 'code', 'sous-titre'),
      'Code',
      /Texte « sous-titre » inconnu de la page : les textes sont titre, introduction/,
    ],
    [
      'points out of range',
      () => editedKit(rowOf('réponse', 'oui', 'connexion'), 'points', '40'),
      'Points',
      /de 0 à 10/,
    ],
    [
      'an element that does not exist',
      () => editedKit(rowOf('réponse', 'oui', 'connexion'), 'element', 'reponse libre'),
      'Élément',
      /./,
    ],
  ])('reports %s with its row and column, and publishes nothing', (_, cells, column, message) => {
    const raw = { ...sampleWorkbook(), Diagnostic: cells() };
    const workbook = readWorkbook(raw, ctx);
    const errors = workbook.tables.Diagnostic.problems.filter((p) => p.severity === 'erreur');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    const error = errors.find((p) => p.column === column && message.test(p.message));
    expect(error, errors.map(formatProblem).join('\n')).toMatchObject({ tab: 'Diagnostic', column });
    expect(error!.row).toBeGreaterThan(1);
    expect(diagnosticContent(workbook.tables.Diagnostic)).toBeNull();

    const publication = publishRaw(raw);
    expect(publication.files.map((f) => f.name)).not.toContain(DIAGNOSTIC_FILE);
    expect(publication.report.diagnostic.publie).toBe(false);
    expect(publication.report.diagnostic.erreurs).toContainEqual({
      onglet: 'Diagnostic',
      ligne: error!.row,
      colonne: column,
      message: error!.message,
    });
    const lines = summaryLines(publication.report, workbook);
    expect(lines.join('\n')).toMatch(
      /Diagnostic non republié : .*la version publiée précédemment reste en ligne/,
    );
    expect(lines.join('\n')).toContain(formatProblem(error!));
    // The rest of the workbook is published as usual.
    expect(publication.files.map((f) => f.name)).toContain('lieux.geojson');
  });

  it('reports a question left with one answer on the question’s row', () => {
    const cells = editedKit(rowOf('réponse', 'parfois', 'connexion'), 'question', 'equipement');
    const h = headers('Diagnostic');
    const noRow = rowOf('réponse', 'non', 'connexion') + 1;
    cells[noRow]![h.indexOf('Question')] = 'equipement';
    // Now « connexion » keeps one answer; « equipement » gains two (codes parfois and non are new there).
    const workbook = readWorkbook({ ...sampleWorkbook(), Diagnostic: cells }, ctx);
    const p = workbook.tables.Diagnostic.problems.find((x) => x.message.includes('une seule réponse'));
    expect(p).toMatchObject({ tab: 'Diagnostic', row: rowOf('question', 'connexion') + 2, column: 'Texte' });
  });

  it('publishes the default kit, with a warning, while the workbook has no Diagnostic tab', () => {
    const { Diagnostic: _, ...raw } = sampleWorkbook();
    const publication = publishRaw(raw);
    expect(JSON.parse(fileOf(publication, DIAGNOSTIC_FILE))).toEqual(defaults());
    expect(publication.report.diagnostic).toMatchObject({ publie: true, source: 'par défaut' });
    expect(publication.report.onglets.map((p) => p.message).join('\n')).toMatch(
      /Onglet « Diagnostic » introuvable/,
    );
  });
});
