/**
 * A person's answers -> their profile, the obstacles found and what to propose, in the national
 * standard's vocabularies (so that the map can be opened already filtered). Pure: the page runs it
 * in the browser and nothing leaves it.
 */
import { VOCABULARIES } from '../standard';
import type { Criteria, DiagnosticContent, Obstacle, Profil, Question, Reponse } from './types';

/** Question code -> codes of the answers chosen. */
export type Answers = Readonly<Record<string, readonly string[]>>;

export interface Assessment {
  /** Sum of the points of the answers chosen. */
  points: number;
  /** Highest points a person can get (the best answer of each question, all of a multiple one). */
  maximum: number;
  profil: Profil;
  obstacles: Obstacle[];
  /** Answers chosen for the questions whose answers name services (the procedures to do). */
  besoins: { question: Question; reponses: Reponse[] }[];
  /** Questions left without an answer. */
  sansReponse: Question[];
  /** What to look for: profile, obstacles and answers together, each list in the standard's order. */
  criteres: Criteria;
  /** Places accepting the Pass Numérique first (cost is an obstacle). */
  passNumerique: boolean;
}

type CriteriaKey = keyof Criteria;
const KEYS: readonly CriteriaKey[] = [
  'services',
  'modalites_accompagnement',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
];

function chosen(question: Question, answers: Answers): Reponse[] {
  const codes = answers[question.code] ?? [];
  const picked = question.reponses.filter((r) => codes.includes(r.code));
  return question.multiple ? picked : picked.slice(0, 1);
}

function maximumOf(question: Question): number {
  const points = question.reponses.map((r) => r.points);
  return question.multiple ? points.reduce((a, b) => a + b, 0) : Math.max(0, ...points);
}

export function assess(content: DiagnosticContent, answers: Answers): Assessment {
  let points = 0;
  let maximum = 0;
  const obstacleCodes = new Set<string>();
  const besoins: Assessment['besoins'] = [];
  const sansReponse: Question[] = [];
  const found: Record<CriteriaKey, Set<string>> = {
    services: new Set(),
    modalites_accompagnement: new Set(),
    publics_specifiquement_adresses: new Set(),
    prise_en_charge_specifique: new Set(),
    frais_a_charge: new Set(),
  };
  const collect = (source: Partial<Criteria>) => {
    for (const key of KEYS) for (const value of source[key] ?? []) found[key].add(value);
  };
  for (const question of content.questions) {
    maximum += maximumOf(question);
    const reponses = chosen(question, answers);
    if (reponses.length === 0) sansReponse.push(question);
    for (const r of reponses) {
      points += r.points;
      for (const code of r.obstacles) obstacleCodes.add(code);
      collect(r);
    }
    const needs = reponses.filter((r) => r.services.length > 0);
    if (needs.length > 0 && question.reponses.every((r) => r.points === 0)) {
      besoins.push({ question, reponses: needs });
    }
  }
  const profils = content.profils;
  const reached = profils.filter((p) => p.points <= points);
  const profil = reached[reached.length - 1] ?? profils[0]!;
  collect(profil);
  const obstacles = content.obstacles.filter((o) => obstacleCodes.has(o.code));
  for (const o of obstacles) collect(o);
  const criteres = Object.fromEntries(
    KEYS.map((key) => {
      const vocabulary = VOCABULARIES[key];
      return [key, vocabulary.filter((v) => found[key].has(v))];
    }),
  ) as unknown as Criteria;
  return {
    points,
    maximum,
    profil,
    obstacles,
    besoins,
    sansReponse,
    criteres,
    passNumerique: obstacles.some((o) => o.pass_numerique),
  };
}
