/**
 * A place's details on screen, and its printable « fiche d'orientation »: one page a prescriber
 * hands to a person (place, address, hours, how to get an appointment, what to bring, next bus).
 */
import { type CivilDate, parseDate } from '../../../core/calendar/civil';
import { capitalize, dateText } from '../../../core/french/dates';
import { type DayContext, exceptions, upcomingHolidays, weekLines } from '../../../core/french/hours';
import { frenchPhone, phoneText } from '../../../core/french/phone';
import type { Schedule } from '../../../core/hours/schedule';
import { stopCalendarFile } from '../../../core/publish/feed-types';
import { type Child, h, ICONS, icon, srOnly, uid } from '../../common/dom';
import { mailUrl, webUrl } from '../../common/text';
import type { Place } from '../places';
import type { Passage, PlaceFacts } from '../status';

export interface DetailsContext {
  facts: PlaceFacts;
  /** The bus calendar (permanences.ics), absolute. */
  calendarUrl: string;
  /** « Haute-Vienne » */
  departement: string;
  /** Upcoming passages of the bus in the place's commune (for a fixed place's fiche). */
  busNear(place: Place): { stop: Place; passage: Passage }[];
  /** The link to this view, printed on the fiche. */
  shareUrl(): string;
  onClose(): void;
  onPrint(): void;
  /**
   * The place's contacts and other details are still on their way (the whole feed), or could not
   * be had; the fiche then shows what the map's list gives.
   */
  pending?: 'loading' | 'failed' | null;
}

export const BRING = [
  'une pièce d’identité ;',
  'votre téléphone portable (et son code) ;',
  'vos identifiants et mots de passe si vous en avez (adresse électronique, numéro fiscal, numéro de sécurité sociale, numéro d’allocataire CAF…) ;',
  'les papiers de votre démarche (courrier reçu, facture, avis d’imposition…).',
];

/** A link to another site: opens in a new tab (the map may sit in a frame), and says so. */
function externalLink(href: string, text: string, className = 'mc-lien-externe'): HTMLAnchorElement {
  return h(
    'a',
    { href, target: '_blank', rel: 'noopener noreferrer', class: className },
    text,
    icon(ICONS.lien, 'mc-icone mc-icone--petite'),
    srOnly(' (nouvelle fenêtre)'),
  );
}

/**
 * « se présenter, téléphoner, prendre un RDV en ligne »; online booking only when the place gives
 * an address to book at (otherwise a person is told to do what they cannot).
 */
function accessText(place: Place): string {
  const online = webUrl(place.prise_rdv) !== null;
  return place.modalites_acces
    .filter((m) => online || !/en ligne/i.test(m))
    .map((m) => m.charAt(0).toLowerCase() + m.slice(1))
    .join(', ');
}

function directionsUrl(place: Place): string {
  return `https://www.openstreetmap.org/directions?to=${place.latitude.toFixed(5)}%2C${place.longitude.toFixed(5)}`;
}

function addressLines(place: Place): string[] {
  return [
    place.adresse,
    place.complement_adresse ?? '',
    [place.code_postal, place.commune].filter(Boolean).join(' '),
  ].filter((line) => line !== '');
}

function linesWithBreaks(lines: string[]): Child[] {
  const out: Child[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push(h('br'));
    out.push(line);
  });
  return out;
}

function bulletList(items: readonly string[], className = 'mc-puces'): HTMLUListElement | null {
  return items.length > 0
    ? h(
        'ul',
        { class: className },
        items.map((i) => h('li', null, i)),
      )
    : null;
}

function updatedText(place: Place, year: number): string | null {
  const date = parseDate(place.date_maj.slice(0, 10));
  return date
    ? `Informations mises à jour le ${dateText(date, year).replace(/^\S+ /, '')}${date.y === year ? ` ${date.y}` : ''}.`
    : null;
}

/** The exceptions to the usual week, running or coming (« Fermé du 24 décembre au 1er janvier. »). */
function exceptionList(schedule: Schedule, today: CivilDate, ctx: DayContext, className: string) {
  return bulletList(
    exceptions(schedule, today, ctx).map((e) => `${e.text}.`),
    className,
  );
}

export function renderDetails(place: Place, ctx: DetailsContext): HTMLElement {
  const { facts } = ctx;
  const now = facts.clock.now();
  const titleId = uid('titre-fiche');
  const isStop = place.categorie === 'arret';
  const status = facts.status(place);

  const close = h(
    'button',
    { type: 'button', class: 'mc-bouton mc-bouton--secondaire' },
    icon(ICONS.fermer),
    'Retour à la liste',
  );
  close.addEventListener('click', () => ctx.onClose());
  const print = h(
    'button',
    { type: 'button', class: 'mc-bouton' },
    icon(ICONS.imprimer),
    'Imprimer la fiche d’orientation',
  );
  print.addEventListener('click', () => ctx.onPrint());
  const copied = h('p', { class: 'mc-copie', role: 'status' });
  const copy = h(
    'button',
    { type: 'button', class: 'mc-bouton mc-bouton--secondaire' },
    icon(ICONS.copier),
    'Copier le lien',
  );
  copy.addEventListener('click', () => {
    const url = ctx.shareUrl();
    const fallback = () => {
      // No clipboard (older phone, or a frame without the permission): the link, selected.
      const field = h('input', {
        type: 'text',
        readonly: true,
        value: url,
        class: 'mc-champ',
        'aria-label': 'Lien vers ce lieu',
      });
      copied.replaceChildren('Copiez ce lien :', field);
      field.select();
    };
    if (!navigator.clipboard) return fallback();
    navigator.clipboard
      .writeText(url)
      .then(() => copied.replaceChildren('Lien copié : collez-le dans un courriel ou un SMS.'), fallback);
  });

  const sections: Child[] = [];

  // Address and how to get there.
  sections.push(
    h('h3', null, 'Adresse'),
    h('p', { class: 'mc-adresse' }, linesWithBreaks(addressLines(place))),
    place.precision === 'commune'
      ? h('p', { class: 'mc-aide' }, 'Position sur la carte approximative (centre de la commune).')
      : null,
    h('p', null, externalLink(directionsUrl(place), 'Itinéraire pour y aller')),
  );

  // Bus passages.
  if (isStop) {
    const passages = facts.passages(place).slice(0, 6);
    sections.push(
      h('h3', null, 'Prochains passages du bus'),
      passages.length === 0
        ? h('p', null, 'Aucun passage prévu pour le moment.')
        : h(
            'ul',
            { class: 'mc-passages' },
            passages.map((p) =>
              h(
                'li',
                { class: p.cancelled ? 'mc-annule' : null },
                capitalize(facts.passageText(p)),
                p.cancelled
                  ? h('strong', null, ' : annulé')
                  : p.permanence.statut === 'confirmée'
                    ? ' (confirmé)'
                    : '',
                p.permanence.offres.length > 0
                  ? h('span', { class: 'mc-offres' }, ` – ${p.permanence.offres.join(', ')}`)
                  : '',
              ),
            ),
          ),
      h(
        'p',
        null,
        // This stop's upcoming passages only; the whole bus calendar is offered beside it.
        h(
          'a',
          { href: new URL(stopCalendarFile(place.id), ctx.calendarUrl).href, class: 'mc-lien-calendrier' },
          icon(ICONS.calendrier),
          'Ajouter les prochains passages à cet arrêt à mon agenda',
        ),
      ),
      h(
        'p',
        { class: 'mc-aide' },
        h('a', { href: ctx.calendarUrl }, 'Tout le calendrier du bus (toutes les communes)'),
      ),
    );
  }

  // Hours (a stop's `horaires` only repeats its permanences, shown above).
  if (!isStop) {
    const hours = facts.hours.get(place.horaires);
    sections.push(h('h3', null, 'Horaires'));
    if (hours.kind === 'ok') {
      const today = facts.today(place);
      sections.push(
        today ? h('p', { class: 'mc-aujourdhui' }, today) : null,
        h(
          'dl',
          { class: 'mc-semaine' },
          weekLines(hours.schedule, now.date, facts.ctx).map((line) => [
            h('dt', null, line.days),
            h('dd', null, line.hours),
          ]),
        ),
        exceptionList(hours.schedule, now.date, facts.ctx, 'mc-exceptions'),
        upcomingHolidays(hours.schedule, now.date, facts.ctx).map((hd) =>
          h(
            'p',
            { class: 'mc-aide' },
            `${capitalize(dateText(hd.date, now.date.y))} (${hd.name}) : ${hd.hours}.`,
          ),
        ),
      );
    } else if (hours.kind === 'pending') sections.push(h('p', null, 'Lecture des horaires…'));
    else if (hours.kind === 'invalid') sections.push(h('p', null, hours.raw));
    else sections.push(h('p', null, 'Horaires non renseignés : appelez avant de venir.'));
  }

  const assemble = () => {
    const section = h(
      'section',
      { class: 'mc-details', 'aria-labelledby': titleId },
      h('div', { class: 'mc-barre' }, close, print, copy),
      copied,
      h('h2', { id: titleId, class: 'mc-details-titre', tabindex: '-1' }, place.nom),
      isStop ? h('p', { class: 'mc-etiquette-bus' }, icon(ICONS.bus), 'Arrêt du bus numérique') : null,
      h('p', { class: `mc-etat mc-etat--${status.kind}` }, status.text),
      sections,
    );
    // Escape closes the details, like « Retour à la liste ».
    section.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') ctx.onClose();
    });
    return section;
  };
  if (ctx.pending) {
    // Read from the map's list only: the rest comes with the whole feed, and the fiche with it.
    sections.push(
      h(
        'p',
        { class: 'mc-chargement', role: 'status' },
        ctx.pending === 'loading'
          ? 'Chargement du téléphone, du courriel et des autres renseignements…'
          : 'Le téléphone, le courriel et les autres renseignements de ce lieu n’ont pas pu être chargés. Vérifiez votre connexion, puis rouvrez la fiche.',
      ),
    );
    return assemble();
  }

  // Contact and appointments.
  const contact: Child[] = [];
  if (place.telephone) {
    const phone = frenchPhone(place.telephone);
    contact.push(
      h(
        'li',
        null,
        icon(ICONS.telephone),
        'Téléphone : ',
        // Shown as « 05 36 49 27 39 », dialled as +33, read digit by digit.
        phone
          ? h(
              'a',
              { href: phone.tel },
              h('span', { 'aria-hidden': 'true' }, phone.text),
              srOnly(phone.spoken),
            )
          : place.telephone,
      ),
    );
  }
  for (const mail of place.courriels) {
    const href = mailUrl(mail);
    contact.push(h('li', null, 'Courriel : ', href ? h('a', { href }, mail) : mail));
  }
  for (const site of place.site_web) {
    const href = webUrl(site);
    contact.push(h('li', null, 'Site internet : ', href ? externalLink(href, site) : site));
  }
  const rdv = webUrl(place.prise_rdv);
  sections.push(
    h('h3', null, 'Contact et rendez-vous'),
    accessText(place) ? h('p', null, `Pour venir : ${accessText(place)}.`) : null,
    rdv
      ? h('p', null, externalLink(rdv, 'Prendre rendez-vous en ligne', 'mc-bouton mc-bouton--lien-externe'))
      : null,
    place.prise_rdv && !rdv ? h('p', null, `Rendez-vous : ${place.prise_rdv}`) : null,
    contact.length > 0 ? h('ul', { class: 'mc-contacts' }, contact) : null,
    contact.length === 0 && !rdv ? h('p', null, 'Pas de téléphone ni de courriel renseigné.') : null,
  );

  // What is offered.
  const offer: Child[] = [];
  if (place.services.length > 0) offer.push(h('h4', null, 'Services'), bulletList(place.services));
  if (place.modalites_accompagnement.length > 0)
    offer.push(h('h4', null, 'Façons d’être aidé'), bulletList(place.modalites_accompagnement));
  if (place.publics_specifiquement_adresses.length > 0)
    offer.push(
      h('h4', null, 'Publics accueillis en particulier'),
      bulletList(place.publics_specifiquement_adresses),
    );
  if (place.prise_en_charge_specifique.length > 0)
    offer.push(h('h4', null, 'Prise en charge spécifique'), bulletList(place.prise_en_charge_specifique));
  if (place.frais_a_charge.length > 0)
    offer.push(h('h4', null, 'Coût'), h('p', null, place.frais_a_charge.join(', ')));
  if (place.dispositif_programmes_nationaux.length > 0)
    offer.push(
      h('h4', null, 'Dispositifs et labels'),
      bulletList([
        ...place.dispositif_programmes_nationaux,
        ...place.formations_labels,
        ...place.autres_formations_labels,
      ]),
    );
  if (offer.length > 0) sections.push(h('h3', null, 'Ce qu’on y trouve'), offer);

  if (place.presentation_resume || place.presentation_detail) {
    sections.push(
      h('h3', null, 'Présentation'),
      place.presentation_resume ? h('p', null, place.presentation_resume) : null,
      place.presentation_detail ? h('p', null, place.presentation_detail) : null,
    );
  }

  // Accessibility.
  const acces = webUrl(place.fiche_acces_libre);
  sections.push(
    h('h3', null, 'Accessibilité'),
    acces
      ? h('p', null, externalLink(acces, 'Voir l’accessibilité du lieu sur Acceslibre'))
      : h('p', null, 'Pas encore de fiche Acceslibre : renseignez-vous par téléphone.'),
  );

  const updated = updatedText(place, now.date.y);
  if (updated) sections.push(h('p', { class: 'mc-aide' }, updated));
  return assemble();
}

/** The printed fiche d'orientation. Hidden on screen; alone on the page when printing. */
export function renderPrintSheet(place: Place, ctx: DetailsContext): HTMLElement {
  const { facts } = ctx;
  const now = facts.clock.now();
  const isStop = place.categorie === 'arret';
  const blocks: Child[] = [];

  blocks.push(
    h(
      'div',
      { class: 'mc-fo-bloc' },
      h('h3', null, 'Adresse'),
      h('p', { class: 'mc-fo-adresse' }, linesWithBreaks(addressLines(place))),
    ),
  );

  const hours = isStop ? null : facts.hours.get(place.horaires);
  if (hours?.kind === 'ok') {
    blocks.push(
      h(
        'div',
        { class: 'mc-fo-bloc' },
        h('h3', null, 'Horaires'),
        h(
          'dl',
          { class: 'mc-semaine' },
          weekLines(hours.schedule, now.date, facts.ctx).map((l) => [
            h('dt', null, l.days),
            h('dd', null, l.hours),
          ]),
        ),
        exceptionList(hours.schedule, now.date, facts.ctx, 'mc-fo-exceptions'),
      ),
    );
  } else if (hours) {
    blocks.push(
      h(
        'div',
        { class: 'mc-fo-bloc' },
        h('h3', null, 'Horaires'),
        h('p', null, hours.kind === 'invalid' ? hours.raw : 'Non renseignés : appelez avant de venir.'),
      ),
    );
  }

  const rdvLines: string[] = [];
  if (accessText(place)) rdvLines.push(`Pour venir : ${accessText(place)}.`);
  if (place.telephone) rdvLines.push(`Téléphone : ${phoneText(place.telephone)}`);
  for (const mail of place.courriels) rdvLines.push(`Courriel : ${mail}`);
  // A booking address only when there is one (and a web address at that).
  const booking = webUrl(place.prise_rdv);
  if (booking) rdvLines.push(`Rendez-vous en ligne : ${booking}`);
  if (rdvLines.length === 0) rdvLines.push('Présentez-vous aux heures d’ouverture.');
  blocks.push(
    h(
      'div',
      { class: 'mc-fo-bloc' },
      h('h3', null, 'Pour avoir un rendez-vous'),
      rdvLines.map((l) => h('p', null, l)),
    ),
  );

  // What it costs, and whether the place suits the person (accessibility, specific support).
  const conditions: string[] = [
    place.frais_a_charge.length > 0
      ? `Coût : ${place.frais_a_charge.join(', ')}.`
      : 'Coût : non renseigné, demandez au lieu.',
  ];
  const accesLibre = webUrl(place.fiche_acces_libre);
  conditions.push(
    accesLibre
      ? `Accessibilité (fauteuil, vue, ouïe) : ${accesLibre}`
      : 'Accessibilité : non renseignée, appelez avant de venir si besoin.',
  );
  if (place.prise_en_charge_specifique.length > 0) {
    conditions.push(`Accueil adapté : ${place.prise_en_charge_specifique.join(', ')}.`);
  }
  if (place.publics_specifiquement_adresses.length > 0) {
    conditions.push(`Accueille en particulier : ${place.publics_specifiquement_adresses.join(', ')}.`);
  }
  blocks.push(
    h(
      'div',
      { class: 'mc-fo-bloc' },
      h('h3', null, 'Coût et accessibilité'),
      conditions.map((l) => h('p', null, l)),
    ),
  );

  const passages = isStop
    ? facts
        .passages(place, false)
        .slice(0, 3)
        .map((p) => capitalize(facts.passageText(p)))
    : ctx
        .busNear(place)
        .slice(0, 3)
        .map(
          ({ stop, passage }) => `${capitalize(facts.passageText(passage))} – ${stop.adresse || stop.nom}`,
        );
  if (isStop || passages.length > 0) {
    blocks.push(
      h(
        'div',
        { class: 'mc-fo-bloc' },
        h('h3', null, isStop ? 'Prochains passages du bus' : `Le bus numérique à ${place.commune}`),
        passages.length > 0 ? bulletList(passages) : h('p', null, 'Aucun passage prévu pour le moment.'),
      ),
    );
  }

  blocks.push(
    h('div', { class: 'mc-fo-bloc' }, h('h3', null, 'À apporter, si vous les avez'), bulletList(BRING)),
  );
  if (place.services.length > 0) {
    blocks.push(
      h(
        'div',
        { class: 'mc-fo-bloc' },
        h('h3', null, 'On peut vous y aider pour'),
        bulletList(place.services),
      ),
    );
  }
  blocks.push(
    h(
      'div',
      { class: 'mc-fo-bloc mc-fo-notes' },
      h('h3', null, 'Notes'),
      h('div', { class: 'mc-fo-lignes' }),
    ),
  );

  const updated = updatedText(place, now.date.y);
  return h(
    'article',
    { class: 'mc-fiche-orientation' },
    h(
      'header',
      { class: 'mc-fo-entete' },
      h(
        'p',
        { class: 'mc-fo-surtitre' },
        `Fiche d’orientation – aide au numérique${ctx.departement ? ` – ${ctx.departement}` : ''}`,
      ),
      h('h2', { class: 'mc-fo-titre' }, place.nom),
      isStop ? h('p', null, 'Arrêt du bus numérique') : null,
    ),
    h('div', { class: 'mc-fo-corps' }, blocks),
    h(
      'footer',
      { class: 'mc-fo-pied' },
      h(
        'p',
        null,
        `Fiche imprimée le ${dateText(now.date, now.date.y).replace(/^\S+ /, '')} ${now.date.y}. ${updated ?? ''}`,
      ),
      h('p', null, `Retrouver ce lieu : ${ctx.shareUrl()}`),
    ),
  );
}
