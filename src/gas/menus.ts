/**
 * The nine actions of the « Réseau numérique » menu and the trigger handlers: what the user is told,
 * asked and shown. The work itself is in actions/; every read-modify-write runs under the lock and
 * writes to the Journal.
 */
import { describePlan } from '../core/installer-plan';
import { AUTOMATION_LABELS, ensureAutomations, unknownTriggers } from './actions/automations';
import { type EditEventLike, handleEdit } from './actions/edit';
import { ficheData } from './actions/fiche';
import { candidates, geocodeAll, writeResults } from './actions/geocode';
import { rollup } from './actions/indicators';
import { applyInstall, inspect } from './actions/install';
import { writeJournal } from './actions/journal';
import { dialogData } from './actions/plan';
import { lieuLabel, planReminders, sendReminders } from './actions/remind';
import { ficheSidebar, planDialog, verificationDialog } from './actions/render';
import { applyRights, describeRights, hasChanges, planRights } from './actions/rights';
import { reportLines, verifyWorkbook } from './actions/verify';
import { BUSY_MESSAGE, BusyError, withLock } from './adapters/lock';
import { remainingMailQuota } from './adapters/mail';
import {
  coordinationEmails,
  DOCUMENT_PROPERTIES,
  documentProperty,
  geocoderSettings,
  setCoordinationEmails,
  setDocumentProperty,
} from './adapters/properties';
import { activeUserEmail, effectiveUserEmail } from './adapters/session';
import { activeSpreadsheet, readAll, type Sheet, type Spreadsheet } from './adapters/spreadsheet';
import { alert, confirm, showDialog, showSidebar } from './adapters/ui';
import { today } from './env';
import { MaillageError } from './errors';
import { MENU_ITEMS } from './menu';

function caption(fn: string): string {
  for (const item of MENU_ITEMS) if (item && item.fn === fn) return item.caption;
  return 'Maillage';
}

/** Runs a menu action: a busy workbook is explained; any other failure is explained, then rethrown. */
function run(fn: string, action: (title: string) => void): void {
  const title = caption(fn);
  try {
    action(title);
  } catch (error) {
    if (error instanceof BusyError) {
      alert(title, BUSY_MESSAGE);
      return;
    }
    if (error instanceof MaillageError) {
      alert(title, error.message);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    alert(title, `Maillage n’a pas pu terminer cette action : ${message}`);
    throw error;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

function bullets(lines: readonly string[], max = 25): string {
  const shown = lines.slice(0, max).map((l) => `• ${l}`);
  if (lines.length > max) shown.push(`• … et ${lines.length - max} de plus (voir le Journal)`);
  return shown.join('\n');
}

function lieuxSheet(ss: Spreadsheet, title: string): Sheet | null {
  const sheet = ss.getSheetByName('Lieux');
  if (!sheet)
    alert(
      title,
      'Onglet « Lieux » introuvable : lancez d’abord « Installer / mettre à niveau le classeur ».',
    );
  return sheet;
}

export function menuInstaller(): void {
  run('menuInstaller', (title) => {
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
  });
}

export function menuModifierFiche(): void {
  run('menuModifierFiche', () => {
    showSidebar(ficheSidebar(ficheData(activeSpreadsheet())));
  });
}

export function menuVerifier(): void {
  run('menuVerifier', (title) => {
    const ss = activeSpreadsheet();
    const user = activeUserEmail();
    const now = new Date();
    const report = withLock(() => {
      const r = verifyWorkbook(ss, now);
      writeJournal(
        ss,
        { action: title, lignes: r.rows, details: reportLines(r).join('\n'), utilisateur: user },
        now,
      );
      return r;
    });
    showDialog(verificationDialog(report), 'Vérification du classeur');
  });
}

export function menuCompleterCoordonnees(): void {
  run('menuCompleterCoordonnees', (title) => {
    const ss = activeSpreadsheet();
    const sheet = lieuxSheet(ss, title);
    if (!sheet) return;
    const found = candidates(readAll(sheet));
    if (!found) {
      alert(
        title,
        'Colonnes « Adresse », « Latitude » ou « Longitude » absentes : lancez « Installer / mettre à niveau le classeur ».',
      );
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
  });
}

export function menuAppliquerDroits(): void {
  run('menuAppliquerDroits', (title) => {
    const ss = activeSpreadsheet();
    const sheet = lieuxSheet(ss, title);
    if (!sheet) return;
    const user = activeUserEmail() ?? effectiveUserEmail();
    const stored = coordinationEmails();
    const coordination = stored.length > 0 ? stored : user ? [user.toLowerCase()] : [];
    const plan = planRights(ss, sheet, coordination, user);
    const notes: string[] = [];
    if (plan.skipped.length) notes.push(...plan.skipped.map((s) => `Ligne ${s.row} : ${s.reason}.`));
    if (plan.notShared.length) {
      notes.push(
        `Le classeur n’est pas partagé avec ${plan.notShared.join(', ')} : partagez-le (bouton « Partager », rôle « Éditeur ») pour qu’ils puissent modifier leur ligne.`,
      );
    }
    if (!hasChanges(plan)) {
      alert(
        title,
        `Les droits sont déjà à jour (${plural(plan.unchanged, 'ligne protégée', 'lignes protégées')}).${notes.length ? `\n\n${bullets(notes)}` : ''}`,
      );
      return;
    }
    if (
      !confirm(
        title,
        `Maillage va :\n${bullets(describeRights(plan))}\n\nSeules les personnes de la colonne « Éditeurs » et la coordination (${coordination.join(', ') || 'propriétaire du classeur'}) pourront modifier ces lignes. Continuer ?`,
      )
    ) {
      return;
    }
    const now = new Date();
    const applied = withLock(() => {
      const fresh = planRights(ss, sheet, coordination, user);
      applyRights(sheet, fresh);
      const lines = describeRights(fresh);
      writeJournal(
        ss,
        {
          action: title,
          lignes: fresh.create.length + fresh.update.length + fresh.remove.length,
          details: [...lines, ...notes].join('\n'),
          utilisateur: user,
        },
        now,
      );
      return fresh;
    });
    alert(
      title,
      bullets([
        `${plural(applied.create.length, 'ligne protégée', 'lignes protégées')}, ${plural(applied.update.length, 'protection mise', 'protections mises')} à jour, ${plural(applied.remove.length, 'protection retirée', 'protections retirées')}.`,
        ...notes,
      ]),
    );
  });
}

export function menuPlanifier(): void {
  run('menuPlanifier', (title) => {
    const ss = activeSpreadsheet();
    const permanences = ss.getSheetByName('Permanences');
    if (!permanences) {
      alert(
        title,
        'Onglet « Permanences » introuvable : lancez d’abord « Installer / mettre à niveau le classeur ».',
      );
      return;
    }
    const relais = ss.getSheetByName('Relais');
    showDialog(planDialog(dialogData(relais ? readAll(relais) : [], today())), title);
  });
}

export function menuRelancer(): void {
  run('menuRelancer', (title) => {
    const ss = activeSpreadsheet();
    const sheet = lieuxSheet(ss, title);
    if (!sheet) return;
    const now = new Date();
    const plan = planReminders(readAll(sheet), now);
    if (plan.stale === 0) {
      alert(
        title,
        'Toutes les fiches actives ont été mises à jour il y a moins de six mois : personne à relancer.',
      );
      return;
    }
    const without = plan.withoutReferent.map((l) => `${lieuLabel(l)} : pas de courriel de référent valide`);
    if (plan.reminders.length === 0) {
      alert(
        title,
        `${plural(plan.stale, 'fiche ancienne', 'fiches anciennes')}, mais aucune n’a de référent joignable :\n${bullets(without)}`,
      );
      return;
    }
    const quota = remainingMailQuota();
    const list = plan.reminders.map((r) => `${r.to} : ${r.lieux.map(lieuLabel).join(' ; ')}`);
    const question = [
      `${plural(plan.stale, 'fiche n’a', 'fiches n’ont')} pas été mise${plan.stale > 1 ? 's' : ''} à jour depuis plus de six mois.`,
      '',
      `Maillage va écrire à ${plural(plan.reminders.length, 'référent', 'référents')} :`,
      bullets(list),
      ...(without.length ? ['', 'Sans référent joignable (à relancer vous-même) :', bullets(without)] : []),
      '',
      `Courriels encore possibles aujourd’hui : ${quota}.${quota < plan.reminders.length ? ` Les ${plan.reminders.length - quota} derniers ne partiront pas aujourd’hui.` : ''}`,
      '',
      'Envoyer ?',
    ].join('\n');
    if (!confirm(title, question)) return;
    const user = activeUserEmail();
    const result = withLock(() => {
      const r = sendReminders(ss, sheet, plan.reminders);
      writeJournal(
        ss,
        {
          action: title,
          lignes: r.sent.reduce((n, x) => n + x.lieux.length, 0),
          details: [
            ...r.sent.map((x) => `Envoyé à ${x.to} : ${x.lieux.map(lieuLabel).join(' ; ')}`),
            ...r.notSent.map(
              (x) =>
                `Non envoyé à ${x.reminder.to} (${x.reason}) : ${x.reminder.lieux.map(lieuLabel).join(' ; ')}`,
            ),
            ...plan.withoutReferent.map((l) => `Sans référent : ${lieuLabel(l)}`),
          ].join('\n'),
          utilisateur: user,
        },
        now,
      );
      return r;
    });
    const lines = [`${plural(result.sent.length, 'courriel envoyé', 'courriels envoyés')}.`];
    if (result.notSent.length) {
      lines.push(
        `Non envoyés (à refaire) : ${result.notSent.map((x) => `${x.reminder.to} (${x.reason})`).join(' ; ')}`,
      );
    }
    if (without.length)
      lines.push(`Sans référent joignable : ${plan.withoutReferent.map(lieuLabel).join(' ; ')}`);
    alert(title, bullets(lines));
  });
}

function rollupAndJournal(ss: Spreadsheet, title: string, user: string | null, now: Date) {
  return withLock(() => {
    const r = rollup(ss, now);
    const excluded = r.excluded.permanences + r.excluded.lieux + r.excluded.relais;
    writeJournal(
      ss,
      {
        action: title,
        lignes: r.periods,
        details: `${plural(r.periods, 'semaine', 'semaines')}${r.from ? ` (${r.from} à ${r.to})` : ''}, données au ${r.today}.${excluded ? ` Lignes à corriger non comptées : ${r.excluded.permanences} permanence(s), ${r.excluded.lieux} lieu(x), ${r.excluded.relais} relais.` : ''}`,
        utilisateur: user,
      },
      now,
    );
    return r;
  });
}

export function menuCalculerIndicateurs(): void {
  run('menuCalculerIndicateurs', (title) => {
    const ss = activeSpreadsheet();
    const r = rollupAndJournal(ss, title, activeUserEmail(), new Date());
    const excluded = r.excluded.permanences + r.excluded.lieux + r.excluded.relais;
    alert(
      title,
      `Indicateurs à jour dans l’onglet « Indicateurs » : ${plural(r.periods, 'semaine', 'semaines')}${r.from ? ` (${r.from} à ${r.to})` : ''}, données au ${r.today}.${excluded ? `\n\n${plural(excluded, 'ligne à corriger n’est', 'lignes à corriger ne sont')} pas comptée${excluded > 1 ? 's' : ''} : lancez « Vérifier tout le classeur » pour les voir.` : ''}`,
    );
  });
}

export function menuAutomatisations(): void {
  run('menuAutomatisations', (title) => {
    const ss = activeSpreadsheet();
    const user = activeUserEmail();
    const recorded = parseRecord(documentProperty(DOCUMENT_PROPERTIES.automations));
    if (recorded && user && recorded.par !== user) {
      const again = confirm(
        title,
        `Les automatisations ont été installées par ${recorded.par} le ${recorded.le} : elles tournent avec son compte.\n\nLes installer aussi avec votre compte ? Le calcul du lundi tournerait alors deux fois.`,
      );
      if (!again) {
        alert(title, `Rien n’a changé. Automatisations installées par ${recorded.par} le ${recorded.le}.`);
        return;
      }
    }
    const now = new Date();
    const state = withLock(() => {
      const s = ensureAutomations();
      const changed = s.weekly === 'ajoutée' || s.edit === 'ajoutée' || s.removedDuplicates > 0;
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
            details: `${AUTOMATION_LABELS.weekly} : ${s.weekly}. ${AUTOMATION_LABELS.edit} : ${s.edit}.${s.removedDuplicates ? ` Doublons retirés : ${s.removedDuplicates}.` : ''}`,
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
        `• ${AUTOMATION_LABELS.edit} : ${state.edit === 'ajoutée' ? 'installée à l’instant' : 'déjà installée'}.`,
        ...(state.removedDuplicates
          ? [`• ${plural(state.removedDuplicates, 'doublon retiré', 'doublons retirés')}.`]
          : []),
        ...(others.length
          ? [`Autres déclencheurs du projet (laissés tels quels) : ${others.join(', ')}.`]
          : []),
      ].join('\n'),
    );
  });
}

function parseRecord(value: string | null): { par: string; le: string } | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as { par?: unknown; le?: unknown };
    return typeof v.par === 'string' && v.par ? { par: v.par, le: String(v.le ?? '') } : null;
  } catch {
    return null;
  }
}

/** The weekly trigger (no Ui): a busy workbook is retried next week, logged. */
export function triggerRollupHebdomadaire(): void {
  try {
    rollupAndJournal(
      activeSpreadsheet(),
      'Calcul hebdomadaire des indicateurs',
      effectiveUserEmail(),
      new Date(),
    );
  } catch (error) {
    if (error instanceof BusyError) {
      console.warn('Calcul hebdomadaire reporté : le classeur était occupé.');
      return;
    }
    throw error;
  }
}

/** Simple trigger: never knows for sure who edits, never blocks typing. */
export function onEditSimple(e: EditEventLike): void {
  try {
    handleEdit(e, null);
  } catch (error) {
    console.error(`Maillage (modification) : ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Installable edit trigger: knows the editor (« Modifié par »). */
export function onEditInstalled(e: EditEventLike & { user?: GoogleAppsScript.Base.User }): void {
  let editor: string | null = null;
  try {
    editor = e?.user?.getEmail()?.toLowerCase() || null;
  } catch {
    editor = null;
  }
  try {
    handleEdit(e, editor);
  } catch (error) {
    console.error(`Maillage (modification) : ${error instanceof Error ? error.message : String(error)}`);
  }
}
