/**
 * Zod schemas derived from the model (not in the Apps Script bundle: its form checks payloads by hand): one per tab, turning a row of raw cells keyed by column key
 * into a typed record, with the same per-cell rules as readTable (they share readCell). Used where a
 * record arrives as an object (the sidebar form, an API), and to describe records in tests.
 */
import * as z from 'zod/mini';
import { type FieldContext, readCell } from './fields';
import { type RecordOf, TABS, type TabName } from './model';

export function recordSchema<N extends TabName>(tab: N, ctx: FieldContext = {}): z.ZodMiniType<RecordOf<N>> {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const col of TABS[tab].columns) {
    shape[col.key] = z.pipe(
      z.optional(z.unknown()),
      z.transform((raw, zctx) => {
        const cell = readCell(col, raw, ctx);
        if (cell.message && !col.computed) {
          zctx.issues.push({ code: 'custom', message: cell.message, input: raw, path: [] });
        }
        return cell.value;
      }),
    );
  }
  return z.object(shape) as unknown as z.ZodMiniType<RecordOf<N>>;
}
