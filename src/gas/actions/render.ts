/** The dialogs and the sidebar, rendered from appsscript/*.html with their typed client code. */
import { TABS } from '../../core/model';
import { ficheClient } from '../client/fiche-client';
import { planClient } from '../client/plan-client';
import { verificationClient } from '../client/verification-client';
import { clientScript, render } from '../html';
import type { FicheData } from './fiche';
import { osmOfWeek } from './hours-text';
import type { PlanDialogData } from './plan';
import type { VerifyReport } from './verify';

export function ficheSidebar(data: FicheData): GoogleAppsScript.HTML.HtmlOutput {
  const title = data.row === null ? 'Nouveau lieu' : `Fiche du lieu (ligne ${data.row})`;
  return render('Fiche', title, clientScript(ficheClient, data, { osmOfWeek }), { width: 360 }, { title });
}

export function planDialog(data: PlanDialogData): GoogleAppsScript.HTML.HtmlOutput {
  return render('Planifier', 'Planifier des permanences', clientScript(planClient, data), {
    width: 620,
    height: 640,
  });
}

export function verificationDialog(report: VerifyReport): GoogleAppsScript.HTML.HtmlOutput {
  const tabs = report.tabs.filter((t) => TABS[t.tab].editable || t.tabProblems.length > 0);
  return render(
    'Verification',
    'Vérification du classeur',
    clientScript(verificationClient, null),
    { width: 640, height: 560 },
    { report: { ...report, tabs } },
  );
}
