/** Checks that involve several cells of one row: commune coherence, coordinates, times, figures. */
import { holidayName } from './calendar/holidays';
import { formulaSign, inertCell, runsAsFormula } from './formula';
import { frenchDate } from './french/dates';
import { type ColumnDef, columnOf, publicColumns, type TabName } from './model';
import type { Problem } from './problems';
import type { ReadContext } from './read-context';
import {
  findCommunesByName,
  isInsideDepartement,
  normalizeCommuneName,
  resolveCommuneCode,
} from './territory';

type Row = Record<string, unknown>;

const normalizedNames = new Map<string, string>();
/** normalizeCommuneName, remembered: a workbook repeats the same few hundred names. */
function normalizedName(name: string): string {
  let key = normalizedNames.get(name);
  if (key === undefined) {
    key = normalizeCommuneName(name);
    if (normalizedNames.size > 50_000) normalizedNames.clear();
    normalizedNames.set(name, key);
  }
  return key;
}

function push(
  problems: Problem[],
  tab: TabName,
  row: number,
  key: string | null,
  message: string,
  warn = false,
) {
  const col = key ? columnOf(tab, key) : null;
  problems.push({
    tab,
    row,
    column: col?.header ?? '',
    ...(col ? { field: col.key } : {}),
    message,
    severity: warn ? 'avertissement' : 'erreur',
  });
}

function hasProblem(problems: Problem[], key: string): boolean {
  return problems.some((p) => p.field === key);
}

/** code_insee / commune / code_postal agree with each other and with the département. */
function checkCommune(
  tab: TabName,
  rec: Row,
  row: number,
  problems: Problem[],
  ctx: ReadContext,
  withPostcode: boolean,
) {
  const t = ctx.territory;
  const dep = `${t.departement.nom} (${t.departement.code})`;
  const code = rec.code_insee as string | null;
  const name = rec.commune as string | null;
  const postcode = withPostcode ? (rec.code_postal as string | null) : null;
  let commune = code && !hasProblem(problems, 'code_insee') ? resolveCommuneCode(t, code) : undefined;
  if (code && !hasProblem(problems, 'code_insee')) {
    if (!commune) {
      push(
        problems,
        tab,
        row,
        'code_insee',
        `Le code INSEE « ${code} » n’est pas celui d’une commune de ${dep}.`,
      );
      return;
    }
    if (commune.code !== code) {
      push(
        problems,
        tab,
        row,
        'code_insee',
        `Le code INSEE « ${code} » a été remplacé par ${commune.code} (${commune.nom}, commune nouvelle) : écrivez ${commune.code}.`,
      );
    }
  }
  if (!commune && name) {
    const matches = findCommunesByName(t, name);
    const byPostcode = postcode ? matches.filter((c) => c.codesPostaux.includes(postcode)) : matches;
    const candidates = byPostcode.length > 0 ? byPostcode : matches;
    if (candidates.length === 1) {
      commune = candidates[0];
      if (!code && commune) rec.code_insee = commune.code;
    } else if (candidates.length === 0) {
      push(
        problems,
        tab,
        row,
        'commune',
        `« ${name} » n’est pas une commune de ${dep} : vérifiez l’orthographe.`,
      );
      return;
    }
  }
  if (!commune) return;
  if (name && name !== commune.nom && normalizedName(name) !== normalizedName(commune.nom)) {
    push(
      problems,
      tab,
      row,
      'commune',
      `La commune « ${name} » ne correspond pas au code INSEE ${commune.code} (${commune.nom}) : corrigez l’un ou l’autre.`,
    );
  }
  if (postcode && !hasProblem(problems, 'code_postal') && !commune.codesPostaux.includes(postcode)) {
    push(
      problems,
      tab,
      row,
      'code_postal',
      `Le code postal ${postcode} n’est pas celui de ${commune.nom} (${commune.codesPostaux.join(', ')}).`,
    );
  }
}

function checkCoordinates(rec: Row, row: number, problems: Problem[], ctx: ReadContext) {
  const lat = rec.latitude as number | null;
  const lon = rec.longitude as number | null;
  if (hasProblem(problems, 'latitude') || hasProblem(problems, 'longitude')) return;
  if ((lat === null) !== (lon === null)) {
    push(
      problems,
      'Lieux',
      row,
      lat === null ? 'latitude' : 'longitude',
      'Indiquez la latitude et la longitude, ou aucune des deux.',
    );
    return;
  }
  if (lat === null || lon === null) return;
  const t = ctx.territory;
  if (isInsideDepartement(t, lon, lat)) return;
  if (isInsideDepartement(t, lat, lon)) {
    push(
      problems,
      'Lieux',
      row,
      'latitude',
      'Latitude et longitude sont inversées : échangez les deux cellules.',
    );
    return;
  }
  push(
    problems,
    'Lieux',
    row,
    'latitude',
    `Le point (${lat}, ${lon}) est hors de ${t.departement.nom} : vérifiez les coordonnées ou effacez-les pour que Maillage les complète.`,
  );
}

/** A meeting ends after it starts and happens somewhere: a room or a video link. */
function checkRencontre(rec: Row, row: number, problems: Problem[]) {
  const debut = rec.debut as string | null;
  const fin = rec.fin as string | null;
  if (debut && fin && fin <= debut) {
    push(problems, 'Rencontres', row, 'fin', `La fin (${fin}) doit être après le début (${debut}).`);
  }
  if (!rec.lieu && !rec.lien_visio && !hasProblem(problems, 'lien_visio')) {
    push(
      problems,
      'Rencontres',
      row,
      'lieu',
      'Indiquez où se tient la rencontre : une salle et son adresse, ou un lien de visioconférence.',
    );
  }
}

function checkPermanence(rec: Row, row: number, problems: Problem[], ctx: ReadContext) {
  const debut = rec.debut as string | null;
  const fin = rec.fin as string | null;
  if (debut && fin && fin <= debut) {
    push(problems, 'Permanences', row, 'fin', `La fin (${fin}) doit être après le début (${debut}).`);
  }
  const statut = rec.statut as string | null;
  const day = rec.date as string | null;
  const holiday = day && statut !== 'annulée' ? holidayName(day, ctx.territory.departement.code) : null;
  if (day && holiday) {
    push(
      problems,
      'Permanences',
      row,
      'date',
      `Le ${frenchDate(day)} est un jour férié (${holiday}) : déplacez la permanence à un autre jour, ou passez-la à « annulée ».`,
      true,
    );
  }
  const answers = rec.reponses_satisfaction as number | null;
  const satisfied = rec.satisfaits as number | null;
  if (answers !== null && satisfied !== null && satisfied > answers) {
    push(
      problems,
      'Permanences',
      row,
      'satisfaits',
      `${satisfied} réponses satisfaites pour ${answers} réponses : corrigez l’un des deux.`,
    );
  }
  if (satisfied !== null && answers === null) {
    push(
      problems,
      'Permanences',
      row,
      'reponses_satisfaction',
      'Indiquez aussi le nombre de réponses au questionnaire.',
    );
  }
  const figures = [
    'personnes_recues',
    'accompagnements_individuels',
    'participants_ateliers',
    'reponses_satisfaction',
  ];
  const date = rec.date as string | null;
  if (statut === 'réalisée') {
    if (ctx.today && date && date > ctx.today) {
      push(
        problems,
        'Permanences',
        row,
        'statut',
        `Permanence du ${date} marquée réalisée alors qu’elle est à venir.`,
      );
    }
    if (rec.personnes_recues === null && !hasProblem(problems, 'personnes_recues')) {
      push(
        problems,
        'Permanences',
        row,
        'personnes_recues',
        'Permanence réalisée : indiquez le nombre de personnes reçues.',
        true,
      );
    }
  } else if (statut) {
    const filled = figures.filter((k) => rec[k] !== null && rec[k] !== undefined);
    if (filled.length > 0) {
      push(
        problems,
        'Permanences',
        row,
        'statut',
        `Des chiffres de fréquentation sont remplis mais la permanence est « ${statut} » : passez-la à « réalisée » ou effacez les chiffres.`,
        true,
      );
    }
    if (ctx.today && date && date < ctx.today && statut !== 'annulée') {
      push(
        problems,
        'Permanences',
        row,
        'statut',
        `Permanence passée (${date}) encore « ${statut} » : indiquez « réalisée » avec les chiffres, ou « annulée ».`,
        true,
      );
    }
  }
}

/**
 * Edits are stamped in « Dernière modification » (Maillage's own block of columns, so a partner's
 * cells are never rewritten while they type); the standard's date_maj is the later of the two.
 */
function effectiveUpdateDate(rec: Row, problems: Problem[]) {
  const stamp = typeof rec.modifie_le === 'string' ? rec.modifie_le.slice(0, 10) : null;
  const typed = rec.date_maj as string | null;
  if (!stamp || (typed && typed >= stamp)) return;
  if (typed === null && hasProblem(problems, 'date_maj')) {
    // Blank or unreadable: the stamp stands in only for a blank cell.
    const blank = problems.findIndex(
      (p) => p.field === 'date_maj' && p.message.startsWith('Champ obligatoire'),
    );
    if (blank < 0) return;
    problems.splice(blank, 1);
  }
  rec.date_maj = stamp;
}

const publicTextColumns = new Map<TabName, ColumnDef[]>();

/**
 * A public text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SOMME(1)`, a line
 * starting with `-`): published files write it inert, behind an apostrophe (formula.ts), and the
 * partner is told how to write it plainly. Where the apostrophe would break the national schema
 * (a summary already at its 280 characters), the row is an error and stays out of the files.
 */
function checkFormulas(tab: TabName, rec: Row, row: number, problems: Problem[]) {
  let columns = publicTextColumns.get(tab);
  if (!columns) {
    columns = publicColumns(tab).filter((c) => c.type !== 'date' && c.type !== 'time');
    publicTextColumns.set(tab, columns);
  }
  for (const col of columns) {
    const value = rec[col.key];
    const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join('|') : null;
    if (text === null || !runsAsFormula(text) || hasProblem(problems, col.key)) continue;
    const sign = formulaSign(text);
    const where =
      /^[\s"]*[=+\-@]/.test(text) || /^[\t\r]/.test(text)
        ? 'Commence par'
        : 'Contient, après un « ; » ou un retour à la ligne,';
    const what = `${where} « ${sign} » : un tableur (Excel, LibreOffice, Google Sheets) l’exécuterait comme une formule.`;
    const fix = 'Retirez ce signe ou mettez un mot devant (pour une liste, commencez les lignes par « • »).';
    if (col.maxLength !== undefined && inertCell(text).length > col.maxLength) {
      push(
        problems,
        tab,
        row,
        col.key,
        `${what} Il faudrait l’écrire précédé d’une apostrophe, ce qui dépasserait ${col.maxLength} caractères : la ligne n’est pas publiée. ${fix}`,
      );
    } else {
      push(
        problems,
        tab,
        row,
        col.key,
        `${what} Les fichiers publiés l’écrivent précédé d’une apostrophe. ${fix}`,
        true,
      );
    }
  }
}

export function checkRow(tab: TabName, rec: Row, row: number, problems: Problem[], ctx: ReadContext): void {
  checkFormulas(tab, rec, row, problems);
  switch (tab) {
    case 'Lieux':
      effectiveUpdateDate(rec, problems);
      checkCommune(tab, rec, row, problems, ctx, true);
      checkCoordinates(rec, row, problems, ctx);
      break;
    case 'Permanences':
      checkCommune(tab, rec, row, problems, ctx, false);
      checkPermanence(rec, row, problems, ctx);
      break;
    case 'Relais':
      checkCommune(tab, rec, row, problems, ctx, false);
      break;
    case 'Rencontres':
      if (rec.code_insee || rec.commune) checkCommune(tab, rec, row, problems, ctx, false);
      checkRencontre(rec, row, problems);
      break;
    default:
      break;
  }
}
