import { describe, expect, it } from 'vitest';
import { frenchPhone, phoneText } from '../../../src/core/french/phone';

describe('frenchPhone', () => {
  it('shows a number in national form, dials it as +33 and spells it digit by digit', () => {
    for (const written of [
      '05 36 49 27 39',
      '0536492739',
      '+33 5 36 49 27 39',
      '+33536492739',
      '05.36.49.27.39',
      '0033 5 36 49 27 39',
      '+33 (0)5 36 49 27 39',
      536492739,
    ]) {
      expect(frenchPhone(written), String(written)).toEqual({
        text: '05 36 49 27 39',
        tel: 'tel:+33536492739',
        spoken: '0 5 3 6 4 9 2 7 3 9',
        international: '+33536492739',
      });
    }
  });

  it('gives overseas numbers their national form too', () => {
    expect(frenchPhone('+262262123456')).toMatchObject({ text: '02 62 12 34 56', tel: 'tel:+262262123456' });
    expect(frenchPhone('+687123456')).toMatchObject({
      text: '+687 12 34 56',
      tel: 'tel:+687123456',
      spoken: '6 8 7 1 2 3 4 5 6',
    });
  });

  it('is null for what is not a phone number, and phoneText keeps such text as written', () => {
    for (const bad of ['appeler la mairie', '', null, undefined, '05 36 49', '+44 20 7946 0000']) {
      expect(frenchPhone(bad), String(bad)).toBeNull();
    }
    expect(phoneText('appeler la mairie')).toBe('appeler la mairie');
    expect(phoneText('+33555021717')).toBe('05 55 02 17 17');
    expect(phoneText(null)).toBe('');
  });
});
