/** Entry point of the `maillage` executable (dist/node/maillage.js). */
import { main } from './cli';
import { processEnvironment } from './environment';

main(process.argv.slice(2), processEnvironment()).then(
  (code) => {
    // Ends now: a request abandoned after its time budget (a silent API) must not keep the process
    // waiting for its socket. Output to a terminal, pipe or file is written synchronously on Linux.
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `Erreur inattendue : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(70);
  },
);
