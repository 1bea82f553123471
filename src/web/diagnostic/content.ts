/**
 * `diagnostic.json` read defensively: every value coerced to text, lists of texts or numbers, so
 * that a hand-edited or truncated file never breaks the page or becomes markup.
 */
import {
  type DiagnosticContent,
  type Obstacle,
  type Profil,
  type Question,
  type Reponse,
  TEXT_CODES,
  type TextCode,
} from '../../core/diagnostic/types';

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text).filter((t) => t !== '') : [];
}

function num(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

function list<T>(value: unknown, read: (item: Json) => T): T[] {
  return Array.isArray(value) ? value.map((v) => read(obj(v))) : [];
}

function reponse(r: Json): Reponse {
  return {
    code: text(r.code),
    texte: text(r.texte),
    points: num(r.points),
    obstacles: texts(r.obstacles),
    services: texts(r.services),
    publics_specifiquement_adresses: texts(r.publics_specifiquement_adresses),
    prise_en_charge_specifique: texts(r.prise_en_charge_specifique),
  };
}

function question(q: Json): Question {
  return {
    code: text(q.code),
    texte: text(q.texte),
    precision: text(q.precision),
    multiple: q.multiple === true,
    reponses: list(q.reponses, reponse),
  };
}

function profil(p: Json): Profil {
  return {
    code: text(p.code),
    texte: text(p.texte),
    precision: text(p.precision),
    prochaine_etape: text(p.prochaine_etape),
    points: num(p.points),
    services: texts(p.services),
    modalites_accompagnement: texts(p.modalites_accompagnement),
  };
}

function obstacle(o: Json): Obstacle {
  return {
    code: text(o.code),
    texte: text(o.texte),
    precision: text(o.precision),
    arguments: texts(o.arguments),
    prochaine_etape: text(o.prochaine_etape),
    pass_numerique: o.pass_numerique === true,
    services: texts(o.services),
    modalites_accompagnement: texts(o.modalites_accompagnement),
    publics_specifiquement_adresses: texts(o.publics_specifiquement_adresses),
    prise_en_charge_specifique: texts(o.prise_en_charge_specifique),
    frais_a_charge: texts(o.frais_a_charge),
  };
}

/** The content, or an error when it has no question or no profile (nothing to ask). */
export function readContent(json: unknown): DiagnosticContent {
  const root = obj(json);
  const textes = obj(root.textes);
  const content: DiagnosticContent = {
    textes: Object.fromEntries(Object.entries(textes).map(([k, v]) => [k, text(v)])) as Record<
      TextCode,
      string
    >,
    questions: list(root.questions, question).filter((q) => q.reponses.length > 0),
    profils: list(root.profils, profil).sort((a, b) => a.points - b.points),
    obstacles: list(root.obstacles, obstacle),
  };
  if (content.questions.length === 0 || content.profils.length === 0) {
    throw new Error('diagnostic.json: no question or no profile');
  }
  for (const key of Object.keys(TEXT_CODES) as TextCode[]) {
    content.textes[key] ??= '';
  }
  return content;
}
