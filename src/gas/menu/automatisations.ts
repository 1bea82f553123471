/** « Automatisations »: the weekly indicators and the meetings' daily round, installed once. */
import { AUTOMATION_LABELS, ensureAutomations, unknownTriggers } from '../actions/automations';
import { writeJournal } from '../actions/journal';
import { withLock } from '../adapters/lock';
import { DOCUMENT_PROPERTIES, documentProperty, setDocumentProperty } from '../adapters/properties';
import { activeUserEmail, effectiveUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { alert, confirm } from '../adapters/ui';
import { today } from '../env';
import { plural } from '../messages';
import { menuAction } from './action';

export const automatisations = menuAction({
  fn: 'menuAutomatisations',
  caption: 'Automatisations',
  handler(title) {
    const ss = activeSpreadsheet();
    const user = activeUserEmail();
    const recorded = parseRecord(documentProperty(DOCUMENT_PROPERTIES.automations));
    if (recorded && user && recorded.par !== user) {
      const again = confirm(
        title,
        `Les automatisations ont été installées par ${recorded.par} le ${recorded.le} : elles tournent avec son compte.\n\nLes installer aussi avec votre compte ? Le calcul du lundi et les rappels tourneraient alors deux fois.`,
      );
      if (!again) {
        alert(title, `Rien n’a changé. Automatisations installées par ${recorded.par} le ${recorded.le}.`);
        return;
      }
    }
    const now = new Date();
    const state = withLock(() => {
      const s = ensureAutomations();
      const changed =
        s.weekly === 'ajoutée' || s.daily === 'ajoutée' || s.removedDuplicates > 0 || s.removedRetired > 0;
      if (changed) {
        setDocumentProperty(
          DOCUMENT_PROPERTIES.automations,
          JSON.stringify({ par: user ?? effectiveUserEmail() ?? '', le: today(now) }),
        );
        writeJournal(
          ss,
          {
            action: title,
            lignes: 0,
            details: `${AUTOMATION_LABELS.weekly} : ${s.weekly}. ${AUTOMATION_LABELS.daily} : ${s.daily}.${s.removedDuplicates ? ` Doublons retirés : ${s.removedDuplicates}.` : ''}${s.removedRetired ? ` ${RETIRED_EDIT_TRIGGER} : ${s.removedRetired}.` : ''}`,
            utilisateur: user,
          },
          now,
        );
      }
      return s;
    });
    const others = unknownTriggers();
    alert(
      title,
      [
        `Automatisations${user ? ` de ${user}` : ''} :`,
        `• ${AUTOMATION_LABELS.weekly} : ${state.weekly === 'ajoutée' ? 'installée à l’instant' : 'déjà installée'}.`,
        `• ${AUTOMATION_LABELS.daily} : ${state.daily === 'ajoutée' ? 'installés à l’instant' : 'déjà installés'}.`,
        ...(state.removedRetired ? [`• ${RETIRED_EDIT_TRIGGER} : ${state.removedRetired}.`] : []),
        ...(state.removedDuplicates
          ? [`• ${plural(state.removedDuplicates, 'doublon retiré', 'doublons retirés')}.`]
          : []),
        ...(others.length
          ? [`Autres déclencheurs du projet (laissés tels quels) : ${others.join(', ')}.`]
          : []),
      ].join('\n'),
    );
  },
});

/** The installable edit trigger of earlier versions: each edit ran twice, once on the installer's quota. */
const RETIRED_EDIT_TRIGGER =
  'Ancien suivi des modifications retiré (chaque modification est désormais traitée une seule fois, par le compte de la personne qui modifie)';

function parseRecord(value: string | null): { par: string; le: string } | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as { par?: unknown; le?: unknown };
    return typeof v.par === 'string' && v.par ? { par: v.par, le: String(v.le ?? '') } : null;
  } catch {
    return null;
  }
}
