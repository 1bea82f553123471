/** « Vérifier tout le classeur »: every row checked, its state written, the report shown. */
import { TABS } from '../../core/model';
import { writeJournal } from '../actions/journal';
import { checkWorkbook, reportLines, type VerifyReport, writeVerification } from '../actions/verify';
import { withLock } from '../adapters/lock';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet, tabOfName } from '../adapters/spreadsheet';
import { showDialog } from '../adapters/ui';
import { verificationClient } from '../client/verification-client';
import { clientScript, render } from '../html';
import { menuAction } from './action';

const DIALOG_TITLE = 'Vérification du classeur';

export const VERIFY_SERVER = {
  /** The report's « Aller à la ligne » buttons. */
  allerALaLigne(tab: string, row: number): void {
    const name = tabOfName(String(tab));
    const sheet = name ? activeSpreadsheet().getSheetByName(name) : null;
    if (!sheet || !Number.isInteger(row) || row < 1) return;
    sheet.activate();
    sheet.getRange(row, 1).activate();
  },
};

function verificationDialog(report: VerifyReport): GoogleAppsScript.HTML.HtmlOutput {
  const tabs = report.tabs.filter((t) => TABS[t.tab].editable || t.tabProblems.length > 0);
  return render(
    'Verification',
    DIALOG_TITLE,
    clientScript(verificationClient, null, VERIFY_SERVER),
    { width: 640, height: 560 },
    { report: { ...report, tabs } },
  );
}

export const verifier = menuAction({
  fn: 'menuVerifier',
  caption: 'Vérifier tout le classeur',
  dialog: 'Verification',
  server: VERIFY_SERVER,
  handler(title) {
    const ss = activeSpreadsheet();
    const user = activeUserEmail();
    const now = new Date();
    // Read and checked without the lock (partners' edits are not kept waiting), then read again and
    // written under it (see actions/verify.ts).
    const checked = checkWorkbook(ss, now);
    const report = withLock(() => {
      const r = writeVerification(checked, now);
      writeJournal(
        ss,
        { action: title, lignes: r.rows, details: reportLines(r).join('\n'), utilisateur: user },
        now,
      );
      return r;
    });
    showDialog(verificationDialog(report), DIALOG_TITLE);
  },
});
