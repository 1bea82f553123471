/**
 * The letter as a mail client reads it: one self-contained HTML document (layout tables and inline
 * styles only, no script, no external resource; headings, data tables with their headers, a
 * language, contrasted colours), its plain-text alternative, and the one-line summary the Lettres
 * tab keeps of what it contained.
 */
import { parseClock, parseDate } from '../calendar/civil';
import { clockText, dateText, longDate, monthText, ofMonthText, shortDate } from '../french/dates';
import { plural } from '../french/numbers';
import { definition } from '../indicators/definitions';
import { esc, fmtInt, fmtPct } from '../report/format';
import type { Letter, LetterMeeting, LetterPassage, LetterPlace } from './build';

/** Most stale places listed by name (the count is always given). */
export const MAX_STALE_LISTED = 25;

export function letterTitle(letter: Letter): string {
  return `Lettre du réseau — ${monthText(letter.mois.key)}`;
}

/** The mail's subject. */
export function letterSubject(letter: Letter): string {
  return `${letterTitle(letter)} — ${letter.reseau}`;
}

function hours(debut: string | null, fin: string | null): string {
  const a = parseClock(debut);
  const b = parseClock(fin);
  if (a === null) return '';
  return b === null ? `à ${clockText(a)}` : `de ${clockText(a)} à ${clockText(b)}`;
}

function day(iso: string, year: number): string {
  const date = parseDate(iso);
  return date ? dateText(date, year) : iso;
}

function meetingWhere(m: LetterMeeting): string {
  if (!m.lieu) return 'En visioconférence (le lien est envoyé aux inscrits)';
  return m.commune && !m.lieu.includes(m.commune) ? `${m.lieu}, ${m.commune}` : m.lieu;
}

function meetingTitle(m: LetterMeeting): string {
  return m.operateur && !m.sujet.includes(m.operateur) ? `${m.sujet} (${m.operateur})` : m.sujet;
}

function meetingDetails(m: LetterMeeting): string[] {
  return [
    m.type,
    m.publicCible ? `Pour : ${m.publicCible}` : '',
    m.capacite ? plural(m.capacite, 'place', 'places') : '',
    m.reserveeAuReseau ? 'Réservée aux membres du réseau' : '',
  ].filter(Boolean);
}

interface Figure {
  terme: string;
  valeur: string;
}

function figures(letter: Letter): Figure[] {
  const i = letter.chiffres.indicateurs;
  const t = (id: string) => definition(id).terme;
  return [
    { terme: t('permanences-realisees'), valeur: fmtInt(i.permanences.realisees) },
    { terme: t('communes-couvertes'), valeur: fmtInt(i.communes.total) },
    { terme: t('personnes-recues'), valeur: fmtInt(i.personnesRecues) },
    { terme: t('accompagnements'), valeur: fmtInt(i.accompagnements.total) },
    {
      terme: t('satisfaction'),
      valeur:
        i.satisfaction.taux === null
          ? 'pas de réponse'
          : `${fmtPct(i.satisfaction.taux)} (${plural(i.satisfaction.reponses, 'réponse', 'réponses')})`,
    },
    { terme: t('relais-mobilises'), valeur: fmtInt(i.relais.mobilises) },
    {
      terme: `${t('lieux-actifs')} le ${longDate(letter.jour)}`,
      valeur: fmtInt(letter.chiffres.lieuxActifs),
    },
  ];
}

function placeLabel(p: LetterPlace): string {
  return p.commune ? `${p.nom} (${p.commune})` : p.nom;
}

function staleLabel(p: LetterPlace): string {
  return `${placeLabel(p)} : ${p.date ? `mise à jour le ${shortDate(p.date)}` : 'jamais mise à jour'}`;
}

function passageOffers(p: LetterPassage): string {
  return p.offres.join(', ');
}

// HTML ------------------------------------------------------------------------------------------

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TEXT = `${FONT}font-size:16px;line-height:1.5;color:#1f1f1f;`;
const H2 = `${FONT}font-size:20px;line-height:1.3;color:#0b3d91;margin:28px 0 8px;`;
const P = `${TEXT}margin:0 0 12px;`;
const SMALL = `${FONT}font-size:14px;line-height:1.45;color:#474747;`;
const TH = `${FONT}font-size:14px;text-align:left;vertical-align:top;padding:6px 8px;border-bottom:2px solid #0b3d91;color:#1f1f1f;`;
const TD = `${FONT}font-size:14px;vertical-align:top;padding:6px 8px;border-bottom:1px solid #d0d0d0;color:#1f1f1f;overflow-wrap:anywhere;`;
const LINK = 'color:#0b57d0;text-decoration:underline;';

function dataTable(caption: string, head: string[], rows: string[][], rowHeader = false): string {
  const th = head.map((h) => `<th scope="col" style="${TH}">${esc(h)}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells
          .map((c, i) =>
            i === 0 && rowHeader
              ? `<th scope="row" style="${TD}font-weight:normal;">${c}</th>`
              : `<td style="${TD}">${c}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px;">
<caption style="${SMALL}text-align:left;padding:0 0 6px;">${esc(caption)}</caption>
<thead><tr>${th}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function list(items: string[]): string {
  return `<ul style="${TEXT}margin:0 0 12px;padding-left:22px;">${items
    .map((i) => `<li style="margin:0 0 4px;">${i}</li>`)
    .join('')}</ul>`;
}

function meetingHtml(m: LetterMeeting, year: number): string {
  const status = m.annulee ? `<strong style="color:#8a1c1c;">Annulée : </strong>` : '';
  const link =
    m.formulaire && !m.annulee
      ? `<br><a href="${esc(m.formulaire)}" style="${LINK}">S’inscrire : ${esc(meetingTitle(m))}</a>`
      : '';
  return `<li style="margin:0 0 12px;">${status}<strong>${esc(meetingTitle(m))}</strong><br>
${esc(`${day(m.date, year)} ${hours(m.debut, m.fin)}`.trim())}<br>
${esc(meetingWhere(m))}<br>
<span style="${SMALL}">${esc(meetingDetails(m).join(' · '))}</span>${link}</li>`;
}

export function renderLetterHtml(letter: Letter): string {
  const title = letterTitle(letter);
  const year = Number(letter.jour.slice(0, 4));
  const sections: string[] = [];

  sections.push(`<h2 style="${H2}">Prochaines rencontres et formations</h2>`);
  sections.push(
    letter.rencontres.length
      ? `<ul style="${TEXT}margin:0 0 12px;padding-left:22px;">${letter.rencontres.map((m) => meetingHtml(m, year)).join('\n')}</ul>`
      : `<p style="${P}">Aucune rencontre prévue d’ici au ${esc(longDate(letter.rencontresJusquAu))}.</p>`,
  );

  sections.push(`<h2 style="${H2}">L’annuaire en ${esc(monthText(letter.mois.key))}</h2>`);
  if (letter.nouveaux.length) {
    sections.push(
      `<p style="${P}">${esc(plural(letter.nouveaux.length, 'nouveau membre a', 'nouveaux membres ont'))} signé la Charte de l’accompagnement numérique :</p>`,
      list(letter.nouveaux.map((p) => esc(placeLabel(p)))),
    );
  }
  sections.push(
    letter.misAJour.length
      ? `<p style="${P}">${esc(plural(letter.misAJour.length, 'fiche a', 'fiches ont'))} été mise${letter.misAJour.length > 1 ? 's' : ''} à jour :</p>${list(letter.misAJour.map((p) => esc(placeLabel(p))))}`
      : `<p style="${P}">Aucune fiche mise à jour ce mois-ci.</p>`,
  );

  sections.push(`<h2 style="${H2}">Fiches à mettre à jour</h2>`);
  if (letter.anciens.length) {
    const shown = letter.anciens.slice(0, MAX_STALE_LISTED);
    const more = letter.anciens.length - shown.length;
    sections.push(
      `<p style="${P}">${esc(plural(letter.anciens.length, 'fiche n’a', 'fiches n’ont'))} pas été mise${letter.anciens.length > 1 ? 's' : ''} à jour depuis plus de ${letter.anciensMois} mois. Si c’est la vôtre, vérifiez horaires, téléphone et services : une fiche à jour, c’est une personne bien orientée.</p>`,
      list([
        ...shown.map((p) => esc(staleLabel(p))),
        ...(more > 0 ? [esc(`et ${plural(more, 'autre fiche', 'autres fiches')}`)] : []),
      ]),
    );
  } else {
    sections.push(`<p style="${P}">Toutes les fiches ont moins de ${letter.anciensMois} mois : merci !</p>`);
  }

  const bus = letter.passages;
  sections.push(`<h2 style="${H2}">Le bus numérique en ${esc(monthText(bus.mois.key))}</h2>`);
  sections.push(
    bus.lignes.length
      ? dataTable(
          `${plural(bus.lignes.length, 'passage prévu', 'passages prévus')} : parlez-en aux personnes que vous accompagnez.`,
          ['Quand', 'Où', 'Offre'],
          bus.lignes.map((p) => [
            `${esc(day(p.date, year))}<br>${esc(hours(p.debut, p.fin))}`,
            `<strong>${esc(p.commune)}</strong><br>${esc(p.lieu)}`,
            esc(passageOffers(p)),
          ]),
        )
      : `<p style="${P}">Aucun passage du bus n’est encore prévu en ${esc(monthText(bus.mois.key))}.</p>`,
  );

  const previous = letter.chiffres.indicateurs.period;
  sections.push(`<h2 style="${H2}">Les chiffres ${esc(ofMonthText(previous.key))}</h2>`);
  sections.push(
    dataTable(
      `Le bus « aller vers » et le réseau en ${monthText(previous.key)}, selon les définitions du rapport trimestriel.`,
      ['Indicateur', 'Valeur'],
      figures(letter).map((f) => [esc(f.terme), esc(f.valeur)]),
      true,
    ),
  );

  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f2f2f2;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f2f2f2;">
<tr><td align="center" style="padding:12px 4px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;">
<tr><td style="padding:20px 16px;${TEXT}">
<div role="main">
<h1 style="${FONT}font-size:26px;line-height:1.25;color:#0b3d91;margin:0 0 4px;">${esc(title)}</h1>
<p style="${SMALL}margin:0 0 16px;">${esc(letter.reseau)} · données au ${esc(longDate(letter.jour))}</p>
${sections.join('\n')}
<p style="${SMALL}margin:28px 0 0;border-top:1px solid #d0d0d0;padding-top:12px;">Vous recevez cette lettre comme référent d’une structure membre du réseau. Pour ne plus la recevoir, répondez simplement à ce courriel.</p>
</div>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

// Plain text ------------------------------------------------------------------------------------

function heading(text: string): string {
  return `${text}\n${'-'.repeat(text.length)}`;
}

export function renderLetterText(letter: Letter): string {
  const year = Number(letter.jour.slice(0, 4));
  const title = letterTitle(letter);
  const out: string[] = [
    title,
    '='.repeat(title.length),
    `${letter.reseau} · données au ${longDate(letter.jour)}`,
    '',
  ];

  out.push(heading('Prochaines rencontres et formations'));
  if (letter.rencontres.length === 0) {
    out.push(`Aucune rencontre prévue d’ici au ${longDate(letter.rencontresJusquAu)}.`);
  }
  for (const m of letter.rencontres) {
    out.push(
      `- ${m.annulee ? 'ANNULÉE : ' : ''}${meetingTitle(m)}`,
      `  ${`${day(m.date, year)} ${hours(m.debut, m.fin)}`.trim()}`,
      `  ${meetingWhere(m)}`,
      `  ${meetingDetails(m).join(' · ')}`,
      ...(m.formulaire && !m.annulee ? [`  S’inscrire : ${m.formulaire}`] : []),
    );
  }
  out.push('');

  out.push(heading(`L’annuaire en ${monthText(letter.mois.key)}`));
  if (letter.nouveaux.length) {
    out.push(
      `${plural(letter.nouveaux.length, 'nouveau membre a', 'nouveaux membres ont')} signé la Charte de l’accompagnement numérique :`,
      ...letter.nouveaux.map((p) => `- ${placeLabel(p)}`),
    );
  }
  if (letter.misAJour.length) {
    out.push(
      `${plural(letter.misAJour.length, 'fiche a', 'fiches ont')} été mise${letter.misAJour.length > 1 ? 's' : ''} à jour :`,
      ...letter.misAJour.map((p) => `- ${placeLabel(p)}`),
    );
  } else out.push('Aucune fiche mise à jour ce mois-ci.');
  out.push('');

  out.push(heading('Fiches à mettre à jour'));
  if (letter.anciens.length) {
    const shown = letter.anciens.slice(0, MAX_STALE_LISTED);
    const more = letter.anciens.length - shown.length;
    out.push(
      `${plural(letter.anciens.length, 'fiche n’a', 'fiches n’ont')} pas été mise${letter.anciens.length > 1 ? 's' : ''} à jour depuis plus de ${letter.anciensMois} mois :`,
      ...shown.map((p) => `- ${staleLabel(p)}`),
      ...(more > 0 ? [`- et ${plural(more, 'autre fiche', 'autres fiches')}`] : []),
    );
  } else out.push(`Toutes les fiches ont moins de ${letter.anciensMois} mois : merci !`);
  out.push('');

  const bus = letter.passages;
  out.push(heading(`Le bus numérique en ${monthText(bus.mois.key)}`));
  if (bus.lignes.length === 0)
    out.push(`Aucun passage du bus n’est encore prévu en ${monthText(bus.mois.key)}.`);
  for (const p of bus.lignes) {
    out.push(
      `- ${day(p.date, year)} ${hours(p.debut, p.fin)} : ${p.commune}, ${p.lieu} (${passageOffers(p)})`,
    );
  }
  out.push('');

  const previous = letter.chiffres.indicateurs.period;
  out.push(heading(`Les chiffres ${ofMonthText(previous.key)}`));
  for (const f of figures(letter)) out.push(`- ${f.terme} : ${f.valeur}`);
  out.push(
    '',
    '--',
    'Vous recevez cette lettre comme référent d’une structure membre du réseau. Pour ne plus la recevoir, répondez simplement à ce courriel.',
    '',
  );
  return out.join('\n');
}

/** What the Lettres tab keeps of the letter: the places, meetings, passages and figures it cited. */
export function letterSummary(letter: Letter): string {
  const i = letter.chiffres.indicateurs;
  const ids = (items: readonly { id: string }[]) => items.map((x) => x.id).join(', ');
  const places = [...letter.nouveaux, ...letter.misAJour];
  return [
    `Lieux nouveaux ou mis à jour : ${places.length}${places.length ? ` (${ids(places)})` : ''}`,
    `lieux à mettre à jour : ${letter.anciens.length}`,
    `rencontres : ${letter.rencontres.length ? ids(letter.rencontres) : 'aucune'}`,
    `permanences du bus en ${monthText(letter.passages.mois.key)} : ${letter.passages.lignes.length}`,
    `chiffres ${ofMonthText(i.period.key)} : ${plural(i.permanences.realisees, 'permanence réalisée', 'permanences réalisées')}, ${plural(i.personnesRecues, 'personne reçue', 'personnes reçues')}, ${plural(i.accompagnements.total, 'accompagnement', 'accompagnements')}.`,
  ].join(' ; ');
}
