/** « Calculer les indicateurs »: the weekly figures of the Indicateurs tab, now (also run every Monday). */
import { rollup } from '../actions/indicators';
import { journaled } from '../actions/journal';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet, type Spreadsheet } from '../adapters/spreadsheet';
import { alert } from '../adapters/ui';
import { plural } from '../messages';
import { menuAction } from './action';

/** The rollup under the lock, written to the Journal under `title` (the menu's or the trigger's). */
export function rollupAndJournal(ss: Spreadsheet, title: string, user: string | null, now: Date) {
  return journaled(
    ss,
    { action: title, utilisateur: user, now },
    () => rollup(ss, now),
    (r) => {
      const excluded = r.excluded.permanences + r.excluded.lieux + r.excluded.relais;
      return {
        lignes: r.periods,
        details: `${plural(r.periods, 'semaine', 'semaines')}${r.from ? ` (${r.from} à ${r.to})` : ''}, données au ${r.today}.${excluded ? ` Lignes à corriger non comptées : ${r.excluded.permanences} permanence(s), ${r.excluded.lieux} lieu(x), ${r.excluded.relais} relais.` : ''}`,
      };
    },
  );
}

export const calculerIndicateurs = menuAction({
  fn: 'menuCalculerIndicateurs',
  caption: 'Calculer les indicateurs',
  handler(title) {
    const ss = activeSpreadsheet();
    const r = rollupAndJournal(ss, title, activeUserEmail(), new Date());
    const excluded = r.excluded.permanences + r.excluded.lieux + r.excluded.relais;
    alert(
      title,
      `Indicateurs à jour dans l’onglet « Indicateurs » : ${plural(r.periods, 'semaine', 'semaines')}${r.from ? ` (${r.from} à ${r.to})` : ''}, données au ${r.today}. L’onglet « Offre » dit qui propose quoi, où (${plural(r.offre, 'ligne', 'lignes')} : chaque service par EPCI).${excluded ? `\n\n${plural(excluded, 'ligne à corriger n’est', 'lignes à corriger ne sont')} pas comptée${excluded > 1 ? 's' : ''} : lancez « Vérifier tout le classeur » pour les voir.` : ''}`,
    );
  },
});
