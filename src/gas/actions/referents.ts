/**
 * « Référents : liste et export… »: the referents chosen by the places they answer for (EPCI,
 * typology, charter, Pass Numérique), listed and handed to the coordinator as CSV and vCard files
 * built by the core. Two reads whatever the number of rows; the files go to the coordinator's
 * browser only, never to a published folder.
 */
import { type Lieu, TYPOLOGIES } from '../../core/model';
import {
  criteriaLabel,
  parseCriteria,
  referentsCsv,
  referentsVcard,
  selectReferents,
} from '../../core/referents';
import type { Spreadsheet } from '../adapters/spreadsheet';
import { territory, today } from '../env';
import { readTab } from './meetings';

export interface ReferentsDialogData {
  epcis: { code: string; nom: string }[];
  typologies: { code: string; label: string }[];
  total: number;
}

/** The filters the dialog offers: the EPCIs and typologies of the workbook's places. */
export function referentsDialogData(ss: Spreadsheet, now: Date): ReferentsDialogData {
  const lieux = readTab(ss, 'Lieux', now);
  const referents = readTab(ss, 'Référents', now);
  const t = territory();
  const epcis = new Map<string, string>();
  for (const l of lieux.rows) {
    const epci = t.byCode.get(l.record.code_insee ?? '')?.epci;
    if (epci) epcis.set(epci.code, epci.nom);
  }
  const used = new Set(lieux.rows.flatMap((l) => l.record.typologie));
  return {
    epcis: [...epcis].map(([code, nom]) => ({ code, nom })).sort((a, b) => a.nom.localeCompare(b.nom, 'fr')),
    typologies: TYPOLOGIES.filter((x) => used.has(x.code)),
    total: referents.rows.length,
  };
}

/** Most referents shown in the dialog's table (the files hold them all). */
export const MAX_SHOWN = 200;

export interface ReferentsExport {
  filtre: string;
  nombre: number;
  lignes: { nom: string; structure: string; courriel: string; lieux: string }[];
  csv: string;
  vcf: string;
  /** File names without extension: « referents-2026-12-02 ». */
  fichier: string;
}

export function referentsExport(ss: Spreadsheet, value: unknown, now: Date): ReferentsExport {
  const criteria = parseCriteria(value);
  const referents = readTab(ss, 'Référents', now);
  const lieux = readTab(ss, 'Lieux', now);
  const t = territory();
  const selected = selectReferents(
    referents.rows,
    lieux.rows.map((l) => l.record as Lieu),
    t,
    criteria,
  );
  return {
    filtre: criteriaLabel(criteria, t),
    nombre: selected.length,
    lignes: selected.slice(0, MAX_SHOWN).map((s) => ({
      nom: s.referent.nom ?? '',
      structure: s.referent.structure ?? '',
      courriel: s.referent.courriel ?? '',
      lieux: s.lieux.map((l) => l.nom ?? l.id ?? '').join(', '),
    })),
    csv: referentsCsv(selected, t),
    vcf: referentsVcard(selected),
    fichier: `referents-${today(now)}`,
  };
}
