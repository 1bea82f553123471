/** `maillage`: the command line. French help and messages; exit codes in EXIT. */

import { COMMANDS } from './commands';
import { type Environment, EXIT, UsageError } from './environment';
import { systemErrorCode } from './output-error';
import { SourceError } from './sources/types';

function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Maillage — réseau départemental d'inclusion numérique

Usage : maillage <commande> [options]

Commandes :
${lines.join('\n')}

« maillage <commande> --help » détaille chaque commande.

Codes de sortie : 0 terminé ; 1 usage ou configuration ; 2 source injoignable ou illisible ;
3 refusé par une vérification de sécurité ; 4 le classeur contient des erreurs (verifier).`;
}

export async function main(argv: string[], environment: Environment): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'aide') {
    environment.out(generalHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    environment.err(`Commande inconnue « ${name} ».\n\n${generalHelp()}`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    environment.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, environment);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SourceError) {
      environment.err(`Erreur : ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      environment.err(`Erreur : ${frenchParseError(error.message)}\n\n${command.help}`);
      return EXIT.usage;
    }
    // A file or folder the user named that cannot be read or written: French, exit 1, no trace.
    const code = systemErrorCode(error);
    if (code) {
      const path = (error as NodeJS.ErrnoException).path;
      environment.err(
        `Erreur : ${path ? `${path} : ` : ''}opération refusée par le système (${code}). Vérifiez le chemin indiqué, ses droits et l’espace disque.`,
      );
      return EXIT.usage;
    }
    throw error;
  }
}

function frenchParseError(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `option inconnue ${unknown[1]}.`;
  const missing = /Option '([^']+)' argument missing/.exec(message);
  if (missing) return `l'option ${missing[1]?.split(',')[0]} attend une valeur.`;
  return message;
}
