/**
 * The coordination's list of referents: chosen by the places they answer for (EPCI, typology,
 * charter signed, Pass Numérique, all of them together), then exported for a mail client as a CSV
 * French Excel opens as it is (`;`, UTF-8 with BOM, no cell a spreadsheet would run as a formula) and
 * as vCard 4.0 (RFC 6350). These files are handed to the coordinator, never published.
 */

import { frenchPhone, phoneText } from './french/phone';
import { isEmail } from './identifiers';
import type { Lieu, Referent } from './model';
import { escapeText, foldLine } from './publish/ics';
import { csvField } from './publish/standard-csv';
import { lieuMatches, type ReferentFilter, type Row } from './rencontres';
import type { Territory } from './territory';

/** Every given criterion must hold for one same active place of the referent; none given: everyone. */
export interface ReferentCriteria {
  epci?: string | null;
  typologie?: string | null;
  /** Only places that signed the charter. */
  charte?: boolean;
  /** Only places that accept the Pass Numérique. */
  pass?: boolean;
}

/** Reads criteria sent by a dialog (anything else is ignored). */
export function parseCriteria(value: unknown): ReferentCriteria {
  const v = (value ?? {}) as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : null);
  return {
    epci: text(v.epci),
    typologie: text(v.typologie),
    charte: v.charte === true,
    pass: v.pass === true,
  };
}

function filtersOf(c: ReferentCriteria): ReferentFilter[] {
  const out: ReferentFilter[] = [];
  if (c.epci) out.push({ par: 'epci', code: c.epci });
  if (c.typologie) out.push({ par: 'typologie', code: c.typologie });
  if (c.charte) out.push({ par: 'charte' });
  if (c.pass) out.push({ par: 'pass' });
  return out;
}

/** « des lieux de CU Limoges Métropole, de typologie BIB, qui ont signé la charte » or « tous ». */
export function criteriaLabel(c: ReferentCriteria, territory: Territory): string {
  const parts: string[] = [];
  if (c.epci) {
    const nom = territory.communes.find((x) => x.epci?.code === c.epci)?.epci?.nom;
    parts.push(`de ${nom ?? `l’EPCI ${c.epci}`}`);
  }
  if (c.typologie) parts.push(`de typologie ${c.typologie}`);
  if (c.charte) parts.push('qui ont signé la charte');
  if (c.pass) parts.push('qui acceptent le Pass Numérique');
  return parts.length ? `référents des lieux ${parts.join(', ')}` : 'tous les référents';
}

export interface SelectedReferent {
  row: number;
  referent: Referent;
  /** The referent's places that meet the criteria (all their known places when none is given). */
  lieux: Lieu[];
}

/** The referents the criteria designate, in sheet order, with their matching places. */
export function selectReferents(
  referents: readonly Row<Referent>[],
  lieux: readonly Lieu[],
  territory: Territory,
  criteria: ReferentCriteria,
): SelectedReferent[] {
  const filters = filtersOf(criteria);
  const byId = new Map(lieux.filter((l) => l.id && l.statut !== 'fermé').map((l) => [l.id!, l]));
  const out: SelectedReferent[] = [];
  for (const r of referents) {
    const places = r.record.lieux
      .map((id) => byId.get(id))
      .filter((l): l is Lieu => l !== undefined)
      .filter((l) => filters.every((f) => lieuMatches(l, f, territory)));
    if (filters.length === 0 || places.length > 0)
      out.push({ row: r.row, referent: r.record, lieux: places });
  }
  return out;
}

function epciOf(lieu: Lieu, territory: Territory): string {
  return territory.byCode.get(lieu.code_insee ?? '')?.epci?.nom ?? '';
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

export const CSV_HEADERS = [
  'Nom',
  'Fonction',
  'Structure',
  'Courriel',
  'Téléphone',
  'Lieux',
  'Communes',
  'EPCI',
  'Reçoit la lettre',
] as const;

/** The CSV French Excel opens directly: UTF-8 BOM, `;`, CRLF, every cell formula-neutral. */
export function referentsCsv(selected: readonly SelectedReferent[], territory: Territory): string {
  const lines = [CSV_HEADERS.join(';')];
  for (const { referent: r, lieux } of selected) {
    const cells = [
      r.nom ?? '',
      r.fonction ?? '',
      r.structure ?? '',
      r.courriel ?? '',
      r.telephone ? phoneText(r.telephone) : '',
      unique(lieux.map((l) => l.nom ?? '')).join(' | '),
      unique(lieux.map((l) => l.commune ?? '')).join(' | '),
      unique(lieux.map((l) => epciOf(l, territory))).join(' | '),
      r.lettre === false ? 'non' : 'oui',
    ];
    lines.push(cells.map(csvField).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** « Aurélie Roux » -> family « Roux », given « Aurélie » (the last word is taken as the family name). */
function nameParts(nom: string): { family: string; given: string } {
  const words = nom.trim().split(/\s+/);
  if (words.length < 2) return { family: nom.trim(), given: '' };
  return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
}

/** vCard 4.0 (RFC 6350): one card per referent, TEXT values escaped (§3.4), lines folded at 75 octets (§3.2). */
export function referentsVcard(selected: readonly SelectedReferent[]): string {
  const cards: string[] = [];
  for (const { referent: r, lieux } of selected) {
    const nom = (r.nom ?? '').trim() || (r.courriel ?? '');
    const { family, given } = nameParts(nom);
    const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeText(nom)}`];
    lines.push(`N:${escapeText(family)};${escapeText(given)};;;`);
    if (r.structure) lines.push(`ORG:${escapeText(r.structure)}`);
    if (r.fonction) lines.push(`TITLE:${escapeText(r.fonction)}`);
    const email = (r.courriel ?? '').trim();
    if (isEmail(email)) lines.push(`EMAIL;TYPE=work:${escapeText(email)}`);
    const phone = frenchPhone(r.telephone);
    if (phone) lines.push(`TEL;VALUE=uri;TYPE="work,voice":${phone.tel}`);
    const places = unique(lieux.map((l) => [l.nom, l.commune].filter(Boolean).join(', ')));
    if (places.length) lines.push(`NOTE:${escapeText(`Référent de : ${places.join(' ; ')}`)}`);
    if (r.id && /^[\w.-]+$/.test(r.id)) lines.push(`UID:urn:maillage:${r.id}`);
    lines.push('END:VCARD');
    cards.push(lines.map(foldLine).join('\r\n'));
  }
  return cards.length ? `${cards.join('\r\n')}\r\n` : '';
}
