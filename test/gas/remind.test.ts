import { describe, expect, it } from 'vitest';
import { MENU, sampleGas } from './helpers';

const REMIND = 'Relancer les fiches anciennes';

describe('« Relancer les fiches anciennes »', () => {
  it('lists the stale places with their referents, then mails within the quota and lists the rest', () => {
    const { gas, ctx } = sampleGas({ mailQuota: 5 });
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, REMIND);
    const question = String(gas.uiLog.find((e) => e.answer === 'YES')?.content);
    const stale = Number(
      /^(\d+) fiches n’ont pas été mises à jour depuis plus de six mois\./.exec(question)?.[1],
    );
    const referents = Number(/Maillage va écrire à (\d+) référents :/.exec(question)?.[1]);
    expect(stale).toBeGreaterThan(5);
    expect(referents).toBeGreaterThan(5);
    expect(question).toContain(
      `Courriels encore possibles aujourd’hui : 5. Les ${referents - 5} derniers ne partiront pas aujourd’hui.`,
    );

    expect(gas.sentMails).toHaveLength(5);
    expect(gas.mail.remaining).toBe(0);
    const mail = gas.sentMails[0]!;
    expect(mail.subject).toMatch(/carte de l’inclusion numérique est à mettre à jour$/);
    expect(mail.body).toMatch(/^Bonjour .+,\n\nLa fiche de votre lieu/);
    expect(mail.body).toMatch(/https:\/\/docs\.google\.com\/spreadsheets\/d\/.+\/edit#gid=\d+&range=A\d+/);
    expect(mail.name).toBe('Réseau d’inclusion numérique — Haute-Vienne (87)');

    const report = String(gas.uiLog.at(-1)?.content);
    expect(report).toContain('5 courriels envoyés.');
    const notSent = report.split('\n').find((l) => l.startsWith('• Non envoyés (à refaire) :'))!;
    expect(notSent.match(/quota quotidien de courriels atteint/g)).toHaveLength(referents - 5);
    const journal = gas.values('Journal').at(-1)!;
    expect(journal[2]).toBe(REMIND);
    expect(
      String(journal[4])
        .split('\n')
        .filter((l) => l.startsWith('Non envoyé à')),
    ).toHaveLength(referents - 5);
  });

  it('sends nothing when the coordinator says no', () => {
    const { gas, ctx } = sampleGas();
    gas.ui.answers.push('NO');
    gas.runMenuItem(ctx, MENU, REMIND);
    expect(gas.sentMails).toEqual([]);
    expect(gas.values('Journal')).toHaveLength(1);
  });
});
