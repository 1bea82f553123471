/** Entry point of the `maillage` executable (dist/node/maillage.js). */
import { main } from './cli';
import { processEnvironment } from './environment';

main(process.argv.slice(2), processEnvironment()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Erreur inattendue : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
