/**
 * The national data standard for digital-mediation places (LaMednum/standard-mediation-num v1.0.1),
 * read from the schema file itself so that field names, titles, patterns and vocabularies are never
 * retyped. The patterns are the authority for the controlled vocabularies (see shared/reference).
 */
import schema from './standard/schema-v1.0.1.json' with { type: 'json' };

export interface StandardField {
  name: string;
  title: string;
  type: string;
  required: boolean;
  pattern?: string;
  maxLength?: number;
}

export const STANDARD_VERSION = schema.version;

export const standardFields: readonly StandardField[] = schema.fields.map((f) => {
  const c = f.constraints as { required?: boolean; pattern?: string; maxLength?: number };
  return {
    name: f.name,
    title: f.title,
    type: f.type,
    required: c.required === true,
    ...(c.pattern === undefined ? {} : { pattern: c.pattern }),
    ...(c.maxLength === undefined ? {} : { maxLength: c.maxLength }),
  };
});

export type StandardFieldName = (typeof schema.fields)[number]['name'];

/** Extracts the list of labels from a vocabulary pattern `(?:(?:^|\|)(A|B|C))+$`. */
export function vocabularyFromPattern(pattern: string): string[] {
  const prefix = '(?:(?:^|\\|)(';
  const suffix = '))+$';
  if (!pattern.startsWith(prefix) || !pattern.endsWith(suffix)) {
    throw new Error(`Not a vocabulary pattern: ${pattern}`);
  }
  return pattern
    .slice(prefix.length, -suffix.length)
    .split('|')
    .map((label) => label.replace(/\\(.)/g, '$1'));
}

function vocabulary(name: string): readonly string[] {
  const field = standardFields.find((f) => f.name === name);
  if (!field?.pattern) throw new Error(`No vocabulary for ${name}`);
  return vocabularyFromPattern(field.pattern);
}

export const VOCABULARIES = {
  itinerance: vocabulary('itinerance'),
  services: vocabulary('services'),
  publics_specifiquement_adresses: vocabulary('publics_specifiquement_adresses'),
  prise_en_charge_specifique: vocabulary('prise_en_charge_specifique'),
  frais_a_charge: vocabulary('frais_a_charge'),
  dispositif_programmes_nationaux: vocabulary('dispositif_programmes_nationaux'),
  formations_labels: vocabulary('formations_labels'),
  modalites_acces: vocabulary('modalites_acces'),
  modalites_accompagnement: vocabulary('modalites_accompagnement'),
} as const;

export function standardField(name: string): StandardField {
  const field = standardFields.find((f) => f.name === name);
  if (!field) throw new Error(`Unknown standard field ${name}`);
  return field;
}
