/** Browser code of the verification summary: « Aller à la ligne » buttons (injected by html.ts). */
import type { ServerApi } from '../html';
import type { VERIFY_SERVER } from '../menu/verifier';

export function verificationClient(_data: null, server: ServerApi<typeof VERIFY_SERVER>): void {
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-ligne]'))) {
    button.addEventListener('click', () => {
      button.disabled = true;
      server
        .allerALaLigne(button.dataset.onglet ?? '', Number(button.dataset.ligne))
        .then(() =>
          (
            globalThis as unknown as { google: { script: { host: { close(): void } } } }
          ).google.script.host.close(),
        )
        .catch(() => {
          button.disabled = false;
        });
    });
  }
  const close = document.getElementById('fermer');
  if (close) {
    close.addEventListener('click', () =>
      (
        globalThis as unknown as { google: { script: { host: { close(): void } } } }
      ).google.script.host.close(),
    );
  }
}
