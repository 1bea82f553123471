/** « Compléter les coordonnées »: latitude and longitude from the Base Adresse Nationale. */
import { candidates, geocodeAll, writeResults } from '../actions/geocode';
import { writeJournal } from '../actions/journal';
import { withLock } from '../adapters/lock';
import { geocoderSettings } from '../adapters/properties';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet, readAll } from '../adapters/spreadsheet';
import { alert, confirm } from '../adapters/ui';
import { bullets, plural, SETUP_HINT } from '../messages';
import { menuAction, requiredSheet } from './action';

export const completerCoordonnees = menuAction({
  fn: 'menuCompleterCoordonnees',
  caption: 'Compléter les coordonnées',
  handler(title) {
    const ss = activeSpreadsheet();
    const sheet = requiredSheet(ss, 'Lieux', title);
    if (!sheet) return;
    const found = candidates(readAll(sheet));
    if (!found) {
      alert(title, `Colonnes « Adresse », « Latitude » ou « Longitude » absentes : ${SETUP_HINT}.`);
      return;
    }
    if (found.list.length === 0) {
      alert(title, 'Rien à compléter : tous les lieux qui ont une adresse ont déjà leurs coordonnées.');
      return;
    }
    const settings = geocoderSettings();
    const host = settings.url.replace(/^https?:\/\//, '').split('/')[0];
    if (
      !confirm(
        title,
        `${plural(found.list.length, 'lieu a', 'lieux ont')} une adresse mais pas de coordonnées.\n\nMaillage va chercher leur position dans la Base Adresse Nationale (${host}) et remplir leurs colonnes « Latitude » et « Longitude ». Une position incertaine est remplacée par le centre de la commune et signalée par une note. Les coordonnées déjà saisies ne sont jamais modifiées.\n\nContinuer ?`,
      )
    ) {
      return;
    }
    const results = geocodeAll(found.list, settings);
    const user = activeUserEmail();
    const now = new Date();
    const done = withLock(() => {
      const w = writeResults(sheet, results, now);
      const rowsOf = (list: typeof w.found) => list.map((r) => r.row).join(', ');
      const details = [
        w.found.length ? `À l’adresse : lignes ${rowsOf(w.found)}.` : '',
        w.approximate.length
          ? `Au centre de la commune (à vérifier) : ${w.approximate.map((r) => `ligne ${r.row} (${r.outcome.kind === 'commune' ? r.outcome.reason : ''})`).join(' ; ')}.`
          : '',
        w.failed.length
          ? `Non complétés : ${w.failed.map((r) => `ligne ${r.row} (${r.outcome.kind === 'echec' ? r.outcome.reason : ''})`).join(' ; ')}.`
          : '',
        w.changedMeanwhile.length
          ? `Modifiés entre-temps, laissés tels quels : lignes ${rowsOf(w.changedMeanwhile)}.`
          : '',
        w.found.length + w.approximate.length
          ? 'Pour annuler : effacez « Latitude » et « Longitude » de ces lignes.'
          : '',
      ]
        .filter(Boolean)
        .join('\n');
      writeJournal(
        ss,
        { action: title, lignes: w.found.length + w.approximate.length, details, utilisateur: user },
        now,
      );
      return w;
    });
    const lines = [
      `${plural(done.found.length, 'lieu placé', 'lieux placés')} à leur adresse.`,
      `${plural(done.approximate.length, 'lieu placé', 'lieux placés')} au centre de la commune, à vérifier (note sur la latitude)${done.approximate.length ? ` : ${done.approximate.map((r) => `ligne ${r.row}`).join(', ')}` : ''}.`,
    ];
    if (done.failed.length) {
      lines.push(
        `${plural(done.failed.length, 'lieu non complété', 'lieux non complétés')} : ${done.failed.map((r) => `ligne ${r.row} (${r.outcome.kind === 'echec' ? r.outcome.reason : ''})`).join(' ; ')}.`,
      );
    }
    if (done.changedMeanwhile.length) {
      lines.push(
        `${plural(done.changedMeanwhile.length, 'ligne modifiée', 'lignes modifiées')} pendant la recherche, laissée${done.changedMeanwhile.length > 1 ? 's' : ''} telle${done.changedMeanwhile.length > 1 ? 's' : ''} quelle${done.changedMeanwhile.length > 1 ? 's' : ''}.`,
      );
    }
    alert(title, bullets(lines));
  },
});
