/** PropertiesService: the settings of the script (geocoder) and of the workbook (coordination). */
import { DEFAULT_GEOCODER_URL, DEFAULT_MIN_SCORE } from '../../core/geocode';
import { isEmail } from '../../core/identifiers';

/** Script properties a coordinator may set in the Apps Script editor (Paramètres du projet). */
export const SCRIPT_PROPERTIES = {
  geocoderUrl: 'MAILLAGE_GEOCODEUR_URL',
  geocoderMinScore: 'MAILLAGE_GEOCODEUR_SCORE_MIN',
  /** More coordination addresses, separated by commas (the installer records its user). */
  coordination: 'MAILLAGE_COORDINATION',
  /** Months registrations are kept after their meeting (« Purger les anciennes inscriptions »). */
  registrationRetention: 'MAILLAGE_INSCRIPTIONS_CONSERVATION_MOIS',
} as const;

/** Document properties written by Maillage. */
export const DOCUMENT_PROPERTIES = {
  coordination: 'MAILLAGE_COORDINATION',
  automations: 'MAILLAGE_AUTOMATISATIONS',
  /** `AAAA-MM|address`: the month whose letter was last sent as a test, and to whom. */
  letterTest: 'MAILLAGE_LETTRE_ESSAI',
} as const;

export interface GeocoderSettings {
  url: string;
  minScore: number;
}

export function geocoderSettings(): GeocoderSettings {
  const props = PropertiesService.getScriptProperties().getProperties();
  const url = (props[SCRIPT_PROPERTIES.geocoderUrl] ?? '').trim() || DEFAULT_GEOCODER_URL;
  const score = Number((props[SCRIPT_PROPERTIES.geocoderMinScore] ?? '').replace(',', '.'));
  return { url, minScore: Number.isFinite(score) && score > 0 && score <= 1 ? score : DEFAULT_MIN_SCORE };
}

/**
 * Emails of the coordination (always allowed to edit every row): recorded by the installer in the
 * document properties, plus any written by hand in the script properties (Paramètres du projet).
 */
export function coordinationEmails(): string[] {
  const recorded =
    PropertiesService.getDocumentProperties().getProperty(DOCUMENT_PROPERTIES.coordination) ?? '';
  const typed = PropertiesService.getScriptProperties().getProperty(SCRIPT_PROPERTIES.coordination) ?? '';
  const emails = `${recorded},${typed}`
    .split(/[\s,;|]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(isEmail);
  return [...new Set(emails)];
}

export function setCoordinationEmails(emails: readonly string[]): void {
  PropertiesService.getDocumentProperties().setProperty(DOCUMENT_PROPERTIES.coordination, emails.join(', '));
}

export function documentProperty(key: string): string | null {
  return PropertiesService.getDocumentProperties().getProperty(key);
}

export function setDocumentProperty(key: string, value: string): void {
  PropertiesService.getDocumentProperties().setProperty(key, value);
}

/** A script property (Paramètres du projet > Propriétés du script), or null. */
export function scriptProperty(key: string): string | null {
  return PropertiesService.getScriptProperties().getProperty(key);
}
