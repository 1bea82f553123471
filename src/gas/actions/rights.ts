/**
 * « Appliquer les droits des partenaires »: each place's row is protected so that only the emails of
 * its « Éditeurs » column and the coordination can edit it. Protections of rows that no longer need
 * one are removed. The plan is computed first (and shown), then applied.
 */

import { a1 } from '../../core/a1';
import { isBlank, toText } from '../../core/cells';
import { isEmail } from '../../core/identifiers';
import type { Sheet, Spreadsheet } from '../adapters/spreadsheet';
import { readAll } from '../adapters/spreadsheet';
import { hasContent, layoutOf } from './rows';

export const RIGHTS_PREFIX = 'Maillage : droits du lieu ';

type Protection = GoogleAppsScript.Spreadsheet.Protection;

export interface RightsPlan {
  create: { id: string; row: number; a1: string; editors: string[] }[];
  update: {
    id: string;
    row: number;
    a1: string;
    editors: string[];
    protection: Protection;
    what: string[];
  }[];
  remove: { id: string; protection: Protection; reason: string }[];
  unchanged: number;
  /** Rows left without protection, and why. */
  skipped: { row: number; reason: string }[];
  /** Addresses of « Éditeurs » the spreadsheet is not shared with: they cannot edit until it is. */
  notShared: string[];
}

function emailsOf(value: unknown): { valid: string[]; invalid: string[] } {
  const parts = toText(value)
    .toLowerCase()
    .split(/[\s|,;]+/)
    .filter(Boolean);
  return { valid: [...new Set(parts.filter(isEmail))], invalid: parts.filter((p) => !isEmail(p)) };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((e) => x.has(e));
}

export function planRights(
  ss: Spreadsheet,
  sheet: Sheet,
  coordination: readonly string[],
  runner: string | null,
): RightsPlan {
  const plan: RightsPlan = { create: [], update: [], remove: [], unchanged: 0, skipped: [], notShared: [] };
  const cells = readAll(sheet);
  const header = cells[0] ?? [];
  const layout = layoutOf('Lieux', header);
  const idCol = layout.index.id;
  const editorsCol = layout.index.editeurs;
  if (idCol === undefined || editorsCol === undefined) return plan;
  const width = header.length;
  let owner = '';
  const shared = new Set<string>();
  try {
    owner = ss.getOwner()?.getEmail().toLowerCase() ?? '';
    for (const u of ss.getEditors()) shared.add(u.getEmail().toLowerCase());
  } catch {
    // Sharing unknown: every address is then reported as possibly not shared.
  }
  if (owner) shared.add(owner);
  // People who always stay editors of a protection (Sheets keeps the owner and whoever protects).
  const always = new Set([owner, (runner ?? '').toLowerCase()].filter(Boolean));
  const compared = (list: readonly string[]) => list.filter((e) => !always.has(e));

  const wanted = new Map<string, { row: number; a1: string; editors: string[] }>();
  /** Ids whose row cannot be read now: their protection, if any, stays as it is. */
  const frozen = new Set<string>();
  const notShared = new Set<string>();
  for (let r = 1; r < cells.length; r++) {
    const row = cells[r]!;
    const sheetRow = r + 1;
    if (!hasContent(layout, row)) continue;
    const id = toText(row[idCol]);
    const { valid, invalid } = emailsOf(row[editorsCol]);
    if (isBlank(row[editorsCol])) continue;
    if (!id) {
      plan.skipped.push({
        row: sheetRow,
        reason:
          'pas d’identifiant, donc pas de protection : lancez « Vérifier tout le classeur » pour lui en attribuer un',
      });
      continue;
    }
    if (wanted.has(id)) {
      plan.skipped.push({
        row: sheetRow,
        reason: `identifiant « ${id} » déjà utilisé ligne ${wanted.get(id)!.row} : pas de protection tant qu’il n’est pas corrigé`,
      });
      continue;
    }
    if (invalid.length > 0) {
      frozen.add(id);
      plan.skipped.push({
        row: sheetRow,
        reason: `courriel illisible dans « Éditeurs » (${invalid.join(', ')}) : corrigez-le ; en attendant, la protection de la ligne reste telle qu’elle était`,
      });
      continue;
    }
    const editors = [...new Set([...valid, ...coordination])];
    for (const e of valid) if (!shared.has(e)) notShared.add(e);
    wanted.set(id, { row: sheetRow, a1: a1(sheetRow, 1, 1, width), editors });
  }

  const seen = new Set<string>();
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const description = p.getDescription();
    if (!description.startsWith(RIGHTS_PREFIX)) continue;
    const id = description.slice(RIGHTS_PREFIX.length);
    if (frozen.has(id) && !seen.has(id)) {
      seen.add(id);
      plan.unchanged++;
      continue;
    }
    const w = wanted.get(id);
    if (!w || seen.has(id)) {
      plan.remove.push({
        id,
        protection: p,
        reason: w ? 'protection en double' : 'la ligne n’a plus d’« Éditeurs » ou n’existe plus',
      });
      continue;
    }
    seen.add(id);
    const what: string[] = [];
    if (p.getRange().getA1Notation() !== w.a1) what.push(`ligne ${w.row}`);
    const current = p.getEditors().map((u) => u.getEmail().toLowerCase());
    if (!sameSet(compared(current), compared(w.editors))) what.push('éditeurs');
    if (p.isWarningOnly()) what.push('protection stricte');
    if (what.length === 0) plan.unchanged++;
    else plan.update.push({ id, ...w, protection: p, what });
  }
  for (const [id, w] of wanted) if (!seen.has(id)) plan.create.push({ id, ...w });
  plan.notShared = [...notShared].sort();
  return plan;
}

export function hasChanges(plan: RightsPlan): boolean {
  return plan.create.length + plan.update.length + plan.remove.length > 0;
}

export function applyRights(sheet: Sheet, plan: RightsPlan): void {
  for (const c of plan.create) {
    const p = sheet.getRange(c.a1).protect().setDescription(`${RIGHTS_PREFIX}${c.id}`);
    p.removeEditors(p.getEditors());
    p.addEditors(c.editors);
    if (p.canDomainEdit()) p.setDomainEdit(false);
  }
  for (const u of plan.update) {
    const p = u.protection;
    if (p.getRange().getA1Notation() !== u.a1) p.setRange(sheet.getRange(u.a1));
    if (p.isWarningOnly()) p.setWarningOnly(false);
    const current = p.getEditors().map((e) => e.getEmail().toLowerCase());
    const extra = current.filter((e) => !u.editors.includes(e));
    const missing = u.editors.filter((e) => !current.includes(e));
    if (extra.length > 0) p.removeEditors(extra);
    if (missing.length > 0) p.addEditors(missing);
    if (p.canDomainEdit()) p.setDomainEdit(false);
  }
  for (const r of plan.remove) r.protection.remove();
}

export function describeRights(plan: RightsPlan): string[] {
  const lines: string[] = [];
  for (const c of plan.create)
    lines.push(`Ligne ${c.row} (${c.id}) : protégée, modifiable par ${c.editors.join(', ')}`);
  for (const u of plan.update) {
    lines.push(
      `Ligne ${u.row} (${u.id}) : protection mise à jour (${u.what.join(', ')}), modifiable par ${u.editors.join(', ')}`,
    );
  }
  for (const r of plan.remove) lines.push(`${r.id} : protection retirée (${r.reason})`);
  return lines;
}
