/**
 * A file system refusal (missing folder, a file where a folder is expected, rights, full disk) said
 * in French: the user picked a path, so it is a usage error (exit 1), never a stack trace.
 */
import { UsageError } from './environment';

const REASONS: Record<string, string> = {
  ENOENT: 'le dossier n’existe pas',
  ENOTDIR: 'un élément du chemin est un fichier, pas un dossier',
  EEXIST: 'un fichier porte déjà ce nom là où il faut un dossier',
  EISDIR: 'c’est un dossier, pas un fichier',
  EACCES: 'droits insuffisants',
  EPERM: 'opération non permise',
  EROFS: 'système de fichiers en lecture seule',
  ENOSPC: 'disque plein',
  EDQUOT: 'quota disque dépassé',
  ENAMETOOLONG: 'nom trop long',
  // The lock and temporary files live beside the folder: a folder that is itself a mount point
  // cannot receive them by rename.
  EXDEV:
    'le dossier est un point de montage (les fichiers temporaires, écrits à côté, ne peuvent pas y être déplacés) : publiez dans un sous-dossier de ce montage',
};

/** The system error code of a Node file system error, if it is one. */
export function systemErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * `error` as a French usage error about writing `target` (`what`: « le fichier », « le dossier de
 * sortie »…), or null when it is not a file system error.
 */
export function outputError(error: unknown, target: string, what: string, advice = ''): UsageError | null {
  const code = systemErrorCode(error);
  if (!code) return null;
  const reason = REASONS[code] ?? 'erreur du système de fichiers';
  return new UsageError(
    `Impossible d’écrire ${what} ${target} : ${reason} (${code}). Vérifiez le chemin de --sortie, ses droits et l’espace disque.${advice ? ` ${advice}` : ''}`,
  );
}
