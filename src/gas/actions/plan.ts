/**
 * « Planifier des permanences »: the dialog's preview and the addition of the planned rows to
 * Permanences (one write), with the days skipped and why.
 */
import { toText } from '../../core/cells';
import { frenchDate, JOURS } from '../../core/french/dates';
import { OFFRES, type Permanence } from '../../core/model';
import { readTable } from '../../core/read-table';
import { type PlanRequest, type PlanResult, planPermanences } from '../../core/schedule';
import { resolveCommuneCode } from '../../core/territory';
import { appendRows, readAll, type Sheet } from '../adapters/spreadsheet';
import { midnight, readContext, territory } from '../env';
import { SETUP_HINT } from '../messages';
import { layoutOf, stampedNewRows } from './rows';

/** What the dialog sends (strings from the form; `offres` from checkboxes). */
export interface PlanForm {
  code_insee: string;
  lieu: string;
  adresse?: string;
  relais?: string;
  offres: string[];
  jour: string | number;
  frequence: string | number;
  debut: string;
  fin: string;
  du: string;
  au: string;
}

export interface PlanPreview {
  errors: string[];
  permanences: { date: string; texte: string }[];
  skipped: { date: string; message: string }[];
  /** The request in one French sentence. */
  resume: string;
}

export interface PlanDialogData {
  communes: { code: string; nom: string }[];
  relais: { id: string; nom: string; commune: string }[];
  offres: string[];
  jours: string[];
  today: string;
}

export function requestOf(form: PlanForm): PlanRequest {
  const commune = resolveCommuneCode(territory(), toText(form.code_insee));
  return {
    code_insee: commune?.code ?? toText(form.code_insee),
    commune: commune?.nom ?? '',
    lieu: toText(form.lieu),
    adresse: toText(form.adresse),
    relais: toText(form.relais),
    offres: Array.isArray(form.offres) ? form.offres.map((o) => toText(o)) : [],
    jour: Number(form.jour),
    toutesLesSemaines: Number(form.frequence) === 2 ? 2 : 1,
    debut: toText(form.debut),
    fin: toText(form.fin),
    du: toText(form.du),
    au: toText(form.au),
  };
}

function existingSlots(cells: unknown[][]) {
  const table = readTable('Permanences', cells, readContext());
  return table.rows.map((r) => {
    const p = r.record as Permanence;
    return {
      date: p.date,
      debut: p.debut,
      fin: p.fin,
      statut: p.statut,
      row: r.row,
      commune: p.commune ?? p.code_insee,
    };
  });
}

export function computePlan(form: PlanForm, cells: unknown[][]): PlanResult {
  const request = requestOf(form);
  const result = planPermanences(request, existingSlots(cells), {
    departement: territory().departement.code,
  });
  if (result.errors.length === 0 && !resolveCommuneCode(territory(), request.code_insee)) {
    return {
      errors: [`Commune inconnue dans le département (${request.code_insee}).`],
      permanences: [],
      skipped: [],
    };
  }
  return result;
}

export function summary(form: PlanForm): string {
  const r = requestOf(form);
  const jour = JOURS[r.jour - 1] ?? '?';
  const every = r.toutesLesSemaines === 2 ? `un ${jour} sur deux` : `chaque ${jour}`;
  return `${r.commune || r.code_insee}, ${r.lieu} : ${every} de ${r.debut} à ${r.fin}, du ${r.du} au ${r.au}`;
}

export function preview(form: PlanForm, cells: unknown[][]): PlanPreview {
  const plan = computePlan(form, cells);
  return {
    errors: plan.errors,
    permanences: plan.permanences.map((p) => ({
      date: p.date,
      texte: `${frenchDate(p.date)}, ${p.debut}–${p.fin}`,
    })),
    skipped: plan.skipped.map((s) => ({ date: s.date, message: s.message })),
    resume: summary(form),
  };
}

export interface PlanAdded extends PlanPreview {
  added: number;
  /** Sheet rows of the added permanences. */
  firstRow: number | null;
  lastRow: number | null;
}

/** Appends the planned permanences (call under the lock). */
export function addPlanned(sheet: Sheet, form: PlanForm, editor: string | null, now: Date): PlanAdded {
  const cells = readAll(sheet);
  const base = preview(form, cells);
  const plan = computePlan(form, cells);
  if (plan.errors.length > 0 || plan.permanences.length === 0) {
    return { ...base, added: 0, firstRow: null, lastRow: null };
  }
  const header = cells[0] ?? [];
  const layout = layoutOf('Permanences', header);
  if (layout.missingRequired.length > 0 || layout.width === 0) {
    return {
      ...base,
      errors: [`L’onglet « Permanences » n’a pas toutes ses colonnes : ${SETUP_HINT}.`],
      added: 0,
      firstRow: null,
      lastRow: null,
    };
  }
  const rows = plan.permanences.map((p) => {
    const row: unknown[] = new Array(layout.width).fill('');
    const put = (key: string, value: unknown) => {
      const c = layout.index[key];
      if (c !== undefined) row[c] = value;
    };
    put('date', midnight(p.date));
    put('debut', p.debut);
    put('fin', p.fin);
    put('code_insee', p.code_insee);
    put('commune', p.commune);
    put('lieu', p.lieu);
    put('adresse', p.adresse ?? '');
    put('relais', p.relais ?? '');
    put('offres', p.offres.join('|'));
    put('statut', p.statut);
    return row;
  });
  const stamped = stampedNewRows(layout, cells, rows, {
    editor,
    now,
    ctx: readContext(now),
    dateCell: midnight,
  });
  const firstRow = appendRows(sheet, cells.length, stamped);
  const lastRow = firstRow + stamped.length - 1;
  return { ...base, added: stamped.length, firstRow, lastRow };
}

export function dialogData(relaisCells: unknown[][], today: string): PlanDialogData {
  const relaisTable = readTable('Relais', relaisCells, readContext());
  return {
    communes: territory().communes.map((c) => ({ code: c.code, nom: c.nom })),
    relais: relaisTable.rows
      .filter((r) => r.record.id && r.record.actif !== false)
      .map((r) => ({ id: r.record.id!, nom: r.record.nom ?? r.record.id!, commune: r.record.commune ?? '' })),
    offres: [...OFFRES],
    jours: [...JOURS],
    today,
  };
}
