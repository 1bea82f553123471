/**
 * `opening_hours` for the command line, loaded on first use: the build points core's
 * `import OpeningHours from 'opening_hours'` here (scripts/build.ts). The library is 1.2 MB of
 * JavaScript, a tenth of a second to load, and a publication whose hours are all in the plain
 * spelling (core/hours/check.ts) never needs it.
 */
import { createRequire } from 'node:module';
import type OpeningHoursClass from 'opening_hours';

type Library = typeof OpeningHoursClass;
let library: Library | undefined;

/** Called with `new`, as the library's class: builds one of its objects. */
function OpeningHours(...args: ConstructorParameters<Library>): InstanceType<Library> {
  library ??= createRequire(import.meta.url)('opening_hours') as Library;
  return new library(...args);
}

export default OpeningHours as unknown as Library;
