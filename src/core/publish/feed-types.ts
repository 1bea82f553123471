/**
 * The contract of `lieux.geojson`, the feed websites' maps read (RFC 7946 FeatureCollection).
 * Written by the publisher (src/core/publish), read by the map (src/web). Property names of the
 * national standard stay verbatim; multi-value fields are arrays.
 */

/** The standard's public fields, as published in a feature (multi-value fields as arrays). */
export interface StandardProperties {
  id: string;
  pivot: string;
  nom: string;
  commune: string;
  code_postal: string;
  code_insee: string | null;
  adresse: string;
  complement_adresse: string | null;
  latitude: number;
  longitude: number;
  typologie: string[];
  telephone: string | null;
  courriels: string[];
  site_web: string[];
  horaires: string | null;
  presentation_resume: string | null;
  presentation_detail: string | null;
  source: string | null;
  itinerance: string[];
  structure_parente: string | null;
  date_maj: string;
  services: string[];
  publics_specifiquement_adresses: string[];
  prise_en_charge_specifique: string[];
  frais_a_charge: string[];
  dispositif_programmes_nationaux: string[];
  formations_labels: string[];
  autres_formations_labels: string[];
  modalites_acces: string[];
  modalites_accompagnement: string[];
  fiche_acces_libre: string | null;
  prise_rdv: string | null;
}

/** One upcoming permanence of the bus at a stop. */
export interface UpcomingPermanence {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, Europe/Paris */
  debut: string;
  fin: string;
  offres: string[];
  statut: 'prévue' | 'confirmée' | 'annulée';
}

export interface FeatureProperties extends StandardProperties {
  /** `lieu`: a fixed place; `arret`: a stop of the bus, with its upcoming permanences. */
  categorie: 'lieu' | 'arret';
  /** `adresse`: the row's own coordinates; `commune`: the commune's point (approximate). */
  precision: 'adresse' | 'commune';
  /** 0-100: share of the useful optional fields that are filled. */
  completude: number;
  /** Stops only: upcoming permanences, soonest first (cancelled ones kept, flagged). */
  permanences?: UpcomingPermanence[];
}

export interface PlaceFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: FeatureProperties;
}

export interface FeedMetadata {
  /** ISO date-time of the run. */
  genere_le: string;
  /** The day taken as today (YYYY-MM-DD). */
  date: string;
  departement: { code: string; nom: string };
  /** [minLon, minLat, maxLon, maxLat] of the département. */
  emprise: [number, number, number, number];
  lieux: number;
  arrets: number;
  /** Relative URL of the bus calendar. */
  calendrier: string;
  standard: string;
}

export interface PlacesFeed {
  type: 'FeatureCollection';
  bbox?: [number, number, number, number];
  /** Foreign member (RFC 7946 §6.1). */
  maillage: FeedMetadata;
  features: PlaceFeature[];
}
