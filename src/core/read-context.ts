/** What reading the workbook needs besides its cells (shared by read-table, row-checks, workbook). */
import type { FieldContext } from './fields';
import type { Territory } from './territory';

/** A tab's rows (row 0 = header): an array, or rows produced as they are read (a CSV parser). */
export type RawRows = Iterable<readonly unknown[]>;

export type RawWorkbook = Partial<Record<string, RawRows>>;

export interface ReadContext extends FieldContext {
  territory: Territory;
  /**
   * The caller hands an array of cells over: each row is dropped from it once read, so that the raw
   * cells and the records of a large workbook are never both whole in memory.
   */
  releaseRows?: boolean;
  /**
   * What the user does to restore a missing tab, header row or column, ending a sentence after « : »
   * (Apps Script: the installer's menu item). Core names no menu itself.
   */
  setupHint?: string;
}

/** Without a hint from the caller: the model's headers, whatever tool the workbook is edited with. */
const DEFAULT_SETUP_HINT = 'rétablissez les en-têtes du modèle (voir le README)';

export function setupHint(ctx: Pick<ReadContext, 'setupHint'>): string {
  return ctx.setupHint ?? DEFAULT_SETUP_HINT;
}
