/** « Installer / mettre à niveau le classeur »: tabs, columns, validation and the coordination list. */
import { describePlan } from '../../core/installer-plan';
import { applyInstall, inspect } from '../actions/install';
import { writeJournal } from '../actions/journal';
import { withLock } from '../adapters/lock';
import { DOCUMENT_PROPERTIES, documentProperty, setCoordinationEmails } from '../adapters/properties';
import { activeUserEmail, effectiveUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { alert, confirm } from '../adapters/ui';
import { departementZone, setKnownTimeZone } from '../env';
import { bullets, INSTALL_CAPTION } from '../messages';
import { menuAction } from './action';

export const installer = menuAction({
  fn: 'menuInstaller',
  caption: INSTALL_CAPTION,
  handler(title) {
    const ss = activeSpreadsheet();
    const lines = describePlan(inspect(ss).plans);
    if (
      lines.length > 0 &&
      !confirm(
        title,
        `Maillage va :\n${bullets(lines)}\n\nRien de ce qui existe ne sera déplacé, renommé ni effacé. Continuer ?`,
      )
    ) {
      alert(title, 'Installation annulée : rien n’a été modifié.');
      return;
    }
    const user = activeUserEmail();
    const now = new Date();
    const changes = withLock(() => {
      const done = applyInstall(ss, inspect(ss));
      if (!documentProperty(DOCUMENT_PROPERTIES.coordination)) {
        // A new workbook: its time zone is its département's (typed dates are midnight there).
        const zone = departementZone();
        if (ss.getSpreadsheetTimeZone() !== zone) {
          ss.setSpreadsheetTimeZone(zone);
          setKnownTimeZone(zone);
          done.push(`Fuseau horaire du classeur : ${zone} (celui du département).`);
        }
        const who = user ?? effectiveUserEmail();
        if (who) {
          setCoordinationEmails([who]);
          done.push(`Coordination du réseau : ${who} (peut modifier toutes les lignes).`);
        }
      }
      if (done.length > 0) {
        writeJournal(ss, { action: title, lignes: 0, details: done.join('\n'), utilisateur: user }, now);
      }
      return done;
    });
    alert(
      title,
      changes.length > 0
        ? `C’est fait :\n${bullets(changes)}\n\nPensez à « Automatisations » pour le calcul du lundi et le suivi des modifications.`
        : 'Le classeur est déjà à jour : rien à changer.',
    );
  },
});
