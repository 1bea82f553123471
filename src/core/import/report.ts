/**
 * What an import would do, and how our directory compares with a national file, in French: summary
 * lines for a terminal or a dialog, and the coordinator's to-do list (one row per thing to look at).
 */

import { plural } from '../french/numbers';
import { formatProblem, type Problem } from '../problems';
import { csvField } from '../publish/standard-csv';
import { type NationalFile, type NationalPlace, positionLabel } from './national';
import type { ImportPlan } from './plan';

function placeLabel(file: NationalFile, place: NationalPlace): string {
  const r = place.record;
  return `${positionLabel(file.format, place.position)} — ${r.nom ?? '(sans nom)'}${r.commune ? `, ${r.commune}` : ''}${r.id ? ` [${r.id}]` : ''}`;
}

/** A problem of a place of the file: where in the file, which field, what to do. */
export function fileProblemLine(file: NationalFile, place: NationalPlace, p: Problem): string {
  const where = p.column ? `colonne « ${p.field ?? p.column} »` : '';
  return `${placeLabel(file, place)}${where ? `, ${where}` : ''} : ${p.message}`;
}

export interface ImportCounts {
  added: number;
  updated: number;
  leftAlone: number;
  uncertain: number;
  outside: number;
  duplicates: number;
  invalid: number;
}

export function importCounts(plan: ImportPlan): ImportCounts {
  return {
    added: plan.added.length,
    updated: plan.updated.length,
    leftAlone: plan.leftAlone.length,
    uncertain: plan.uncertain.length,
    outside: plan.outside.length,
    duplicates: plan.duplicates,
    invalid: plan.added.filter((a) => !a.place.valid).length,
  };
}

/** The preview of an import: counts, then each place that needs a look. */
export function importLines(file: NationalFile, plan: ImportPlan): string[] {
  const c = importCounts(plan);
  const lines = [
    `${plural(c.added, 'lieu ajouté', 'lieux ajoutés')}${c.invalid ? ` (dont ${plural(c.invalid, 'avec des erreurs à corriger', 'avec des erreurs à corriger')})` : ''}`,
    `${plural(c.updated, 'lieu complété', 'lieux complétés')} (cases vides remplies, rien d’autre ne change)`,
    `${plural(c.leftAlone, 'lieu déjà présent laissé tel quel', 'lieux déjà présents laissés tels quels')}`,
    `${plural(c.uncertain, 'lieu incertain', 'lieux incertains')} : à décider, rien n’est importé pour eux`,
    `${plural(c.outside, 'lieu hors du département laissé de côté', 'lieux hors du département laissés de côté')}`,
    `${plural(c.duplicates, 'doublon du fichier fusionné', 'doublons du fichier fusionnés')}`,
  ];
  for (const merge of plan.updated) {
    lines.push(
      `Complété — ligne ${merge.row.row} « ${merge.row.record.nom ?? ''} » : ${merge.fills.map((f) => `${f.header} = ${f.text}`).join(' ; ')}`,
    );
  }
  for (const merge of [...plan.updated, ...plan.leftAlone]) {
    for (const d of merge.differences) {
      lines.push(
        `Différent (la valeur du classeur reste) — ligne ${merge.row.row} « ${merge.row.record.nom ?? ''} », ${d.header} : classeur « ${d.ours} », fichier « ${d.theirs} »`,
      );
    }
  }
  for (const u of plan.uncertain) {
    const which = u.candidates
      .map(
        (c) => `${c.row ? `ligne ${c.row} ` : ''}« ${c.nom ?? ''} »${c.id ? ` [${c.id}]` : ''} (${c.reason})`,
      )
      .join(', ou ');
    lines.push(
      `Incertain — ${placeLabel(file, u.place)} : peut-être ${which}. À vous de décider : ajoutez-le à la main s’il est différent.`,
    );
  }
  for (const place of plan.outside) lines.push(`Hors du département — ${placeLabel(file, place)}`);
  for (const added of plan.added) {
    for (const p of added.place.problems) {
      lines.push(
        `${p.severity === 'erreur' ? 'Erreur' : 'Attention'} — ${fileProblemLine(file, added.place, p)}`,
      );
    }
  }
  return lines;
}

/** Headers of the to-do list written by `maillage comparer`. */
export const TODO_HEADERS = [
  'À faire',
  'Lieu',
  'Commune',
  'Ligne du classeur',
  'Identifiant du classeur',
  'Identifiant national',
  'Source nationale',
  'Champ',
  'Dans le classeur',
  'Dans le fichier national',
  'Pourquoi',
] as const;

export type TodoRow = Record<(typeof TODO_HEADERS)[number], string>;

/**
 * The comparison of our directory with a national file: the places it has that we lack, the ones
 * we have that it lacks (active rows only: a closed place is not published), the fields that
 * differ for the same place (and our blanks it could fill), and the places to decide.
 */
export function comparisonRows(file: NationalFile, plan: ImportPlan): TodoRow[] {
  const rows: TodoRow[] = [];
  const blank: TodoRow = Object.fromEntries(TODO_HEADERS.map((h) => [h, ''])) as TodoRow;
  for (const added of plan.added) {
    const r = added.place.record;
    rows.push({
      ...blank,
      'À faire': 'Ajouter au classeur',
      Lieu: r.nom ?? '',
      Commune: r.commune ?? '',
      'Identifiant national': r.id ?? '',
      'Source nationale': r.source ?? '',
      Pourquoi: `Présent dans le fichier national (${positionLabel(file.format, added.place.position)}), absent du classeur${added.duplicates.length ? ` ; ${plural(added.duplicates.length, 'doublon', 'doublons')} dans le fichier : ${added.duplicates.map((d) => d.record.id).join(', ')}` : ''}${added.place.valid ? '' : ' ; des valeurs sont à corriger'}.`,
    });
  }
  for (const row of plan.unmatched) {
    const r = row.record;
    if (r.statut !== 'actif') continue;
    rows.push({
      ...blank,
      'À faire': 'Absent de la carte nationale',
      Lieu: r.nom ?? '',
      Commune: r.commune ?? '',
      'Ligne du classeur': String(row.row),
      'Identifiant du classeur': r.id ?? '',
      Pourquoi:
        'Lieu actif du classeur que le fichier national n’a pas : publiez le fichier au standard ou signalez-le à la cartographie nationale.',
    });
  }
  for (const merge of [...plan.updated, ...plan.leftAlone].sort((a, b) => a.row.row - b.row.row)) {
    const r = merge.row.record;
    const ids = merge.places.map((p) => p.record.id).join(', ');
    const sources = [...new Set(merge.places.map((p) => p.record.source ?? ''))].join(', ');
    const common = {
      ...blank,
      Lieu: r.nom ?? '',
      Commune: r.commune ?? '',
      'Ligne du classeur': String(merge.row.row),
      'Identifiant du classeur': r.id ?? '',
      'Identifiant national': ids,
      'Source nationale': sources,
    };
    if (r.statut === 'fermé') {
      rows.push({
        ...common,
        'À faire': 'Fermé dans le classeur',
        Champ: 'Statut',
        'Dans le classeur': 'fermé',
        Pourquoi: `Même lieu (${merge.reason}) : fermé dans le classeur mais toujours dans le fichier national ; signalez la fermeture à la cartographie nationale.`,
      });
    }
    for (const f of merge.fills) {
      rows.push({
        ...common,
        'À faire': 'Case vide dans le classeur',
        Champ: f.header,
        'Dans le fichier national': f.text,
        Pourquoi: `Même lieu (${merge.reason}) : « maillage importer » remplit cette case vide.`,
      });
    }
    for (const d of merge.differences) {
      rows.push({
        ...common,
        'À faire': 'Valeur différente',
        Champ: d.header,
        'Dans le classeur': d.ours,
        'Dans le fichier national': d.theirs,
        Pourquoi: `Même lieu (${merge.reason}) : vérifiez quelle valeur est juste ; l’import ne change jamais la valeur du classeur.`,
      });
    }
  }
  for (const u of plan.uncertain) {
    const r = u.place.record;
    for (const c of u.candidates) {
      rows.push({
        ...blank,
        'À faire': 'À vérifier : même lieu ?',
        Lieu: r.nom ?? '',
        Commune: r.commune ?? '',
        'Ligne du classeur': c.row ? String(c.row) : '',
        'Identifiant du classeur': c.row ? (c.id ?? '') : '',
        'Identifiant national': c.row ? (r.id ?? '') : `${r.id ?? ''}, ${c.id ?? ''}`,
        'Source nationale': r.source ?? '',
        'Dans le classeur': c.row ? (c.nom ?? '') : '',
        'Dans le fichier national': r.nom ?? '',
        Pourquoi: `${c.reason} : décidez s’il s’agit du même lieu.`,
      });
    }
  }
  return rows;
}

/** The comparison in a few French lines. */
export function comparisonLines(file: NationalFile, plan: ImportPlan): string[] {
  const rows = comparisonRows(file, plan);
  const count = (what: string) => rows.filter((r) => r['À faire'] === what).length;
  const missingHere = count('Ajouter au classeur');
  const missingThere = count('Absent de la carte nationale');
  const differ = count('Valeur différente');
  const blanks = count('Case vide dans le classeur');
  const same = plan.updated.length + plan.leftAlone.length;
  const lines = [
    `${plural(same, 'lieu est', 'lieux sont')} à la fois dans le classeur et dans le fichier national.`,
    `${plural(missingHere, 'lieu du fichier national manque', 'lieux du fichier national manquent')} au classeur.`,
    `${plural(missingThere, 'lieu actif du classeur manque', 'lieux actifs du classeur manquent')} au fichier national.`,
    `${plural(differ, 'valeur diffère', 'valeurs diffèrent')} pour un même lieu ; ${plural(blanks, 'case vide du classeur', 'cases vides du classeur')} que le fichier pourrait remplir.`,
    `${plural(plan.uncertain.length, 'lieu est incertain', 'lieux sont incertains')} (même lieu ou non ? à décider).`,
  ];
  if (plan.outside.length)
    lines.push(
      `${plural(plan.outside.length, 'lieu hors du département est ignoré', 'lieux hors du département sont ignorés')}.`,
    );
  if (plan.duplicates)
    lines.push(
      `${plural(plan.duplicates, 'doublon du fichier national', 'doublons du fichier national')} (même lieu sous plusieurs identifiants).`,
    );
  for (const r of rows) {
    const detail = r.Champ
      ? ` — ${r.Champ} : classeur « ${r['Dans le classeur']} », national « ${r['Dans le fichier national']} »`
      : '';
    lines.push(
      `${r['À faire']} — ${r.Lieu}${r.Commune ? ` (${r.Commune})` : ''}${r['Ligne du classeur'] ? `, ligne ${r['Ligne du classeur']}` : ''}${detail}`,
    );
  }
  return lines;
}

/**
 * The rows an import wrote, checked as the tab holds them: how many are to correct (left out of
 * what is published until then), then each problem with its row, column and what to do.
 */
export function writtenRowsLines(problems: readonly Problem[]): string[] {
  const rows = (severity: Problem['severity']) =>
    new Set(problems.filter((p) => p.severity === severity).map((p) => p.row)).size;
  const errors = rows('erreur');
  const warnings = problems.filter((p) => p.severity === 'avertissement');
  if (problems.length === 0) return ['Toutes les lignes écrites sont correctes (État « OK »).'];
  return [
    errors > 0
      ? `${plural(errors, 'ligne écrite est', 'lignes écrites sont')} « À corriger » : ${errors > 1 ? 'elles ne seront pas publiées' : 'elle ne sera pas publiée'} tant que ce qui suit n’est pas corrigé (colonnes « État » et « Problèmes » de l’onglet Lieux).`
      : 'Aucune ligne écrite n’est à corriger.',
    ...(warnings.length > 0
      ? [`${plural(warnings.length, 'valeur est', 'valeurs sont')} à vérifier (publiées quand même).`]
      : []),
    ...[...problems]
      .sort((a, b) => a.row - b.row)
      .map((p) => `${p.severity === 'erreur' ? 'À corriger' : 'À vérifier'} — ${formatProblem(p)}`),
  ];
}

/** The to-do list as a CSV file (UTF-8 with a BOM, CRLF): no cell a spreadsheet would run as a formula. */
export function todoCsv(rows: readonly TodoRow[]): string {
  const lines = [
    TODO_HEADERS.map(csvField).join(','),
    ...rows.map((r) => TODO_HEADERS.map((h) => csvField(r[h])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
