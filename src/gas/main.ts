/**
 * The entry of the coordination project's Code.js (dist/gas/). Apps Script sees only top-level
 * functions: scripts/build.ts evaluates this bundle and appends one `function name() {…}` per key of
 * `globals` (the menu registry's for this project: onOpen, the coordination's menu items, the calls
 * their dialogs make through google.script.run, the trigger handlers, onEdit included). `catalogue`
 * is the registry as data, for the build and the tests. Nothing else is global. The partners' project
 * is built from partenaires.ts.
 */
import { globalFunctions, catalogue as registryCatalogue } from './menu/registry';

export const globals = globalFunctions('coordination');

export const catalogue = registryCatalogue('coordination');
