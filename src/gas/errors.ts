/** A failure the user can act on, explained in French: shown, never reported as a bug. */
export class MaillageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaillageError';
  }
}
