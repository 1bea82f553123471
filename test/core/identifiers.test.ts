import { describe, expect, it } from 'vitest';
import { isEmail, isHttpUrl, isValidSiret, normalizePhone, pivotProblem } from '../../src/core/identifiers';

describe('SIRET and RNA', () => {
  it('checks the SIRET key, including La Poste', () => {
    expect(isValidSiret('43493312300029')).toBe(true);
    expect(isValidSiret('43493312300028')).toBe(false);
    expect(isValidSiret('35600000000048')).toBe(true); // La Poste: sum of digits multiple of 5
    expect(pivotProblem('43493312300029')).toBeNull();
    expect(pivotProblem('43493312300028')).toMatch(/clé de contrôle/);
  });

  it('explains a SIREN, accepts RNA, refuses the rest', () => {
    expect(pivotProblem('434933123')).toMatch(/SIREN/);
    expect(pivotProblem('W872004217')).toBeNull();
    expect(pivotProblem('W87')).toMatch(/RNA/);
    expect(pivotProblem('ABC')).toMatch(/ni un SIRET/);
  });
});

describe('phone numbers', () => {
  it('normalises every way people and Sheets write them', () => {
    expect(normalizePhone('05 55 12 34 56')).toBe('+33555123456');
    expect(normalizePhone(555123456)).toBe('+33555123456');
    expect(normalizePhone('05.55.12.34.56')).toBe('+33555123456');
    expect(normalizePhone('+33 (0)5 55 12 34 56')).toBe('+33555123456');
    expect(normalizePhone('0033555123456')).toBe('+33555123456');
    expect(normalizePhone('0590 12 34 56')).toBe('+590123456');
    expect(normalizePhone('+33555123456')).toBe('+33555123456');
  });

  it('refuses what is not one French number', () => {
    expect(normalizePhone('05 55 12 34')).toBeNull();
    expect(normalizePhone('05 55 12 34 56 / 06 12 34 56 78')).toBeNull();
    expect(normalizePhone('+44 20 7946 0000')).toBeNull();
  });
});

describe('emails and URLs', () => {
  it('accepts plain addresses', () => {
    expect(isEmail('contact@mediatheque.example')).toBe(true);
    expect(isEmail('contact@')).toBe(false);
    expect(isEmail('a b@c.fr')).toBe(false);
  });

  it('accepts http(s) URLs only', () => {
    expect(isHttpUrl('https://www.haute-vienne.fr/')).toBe(true);
    expect(isHttpUrl('https://acceslibre.beta.gouv.fr/app/87-limoges/a/x/erp/y/')).toBe(true);
    expect(isHttpUrl('www.haute-vienne.fr')).toBe(false);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
  });
});
