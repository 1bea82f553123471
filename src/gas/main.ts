/**
 * The entry of Code.js. Apps Script sees only top-level functions: scripts/build.ts evaluates this
 * bundle and appends one `function name() {…}` per key of `globals` (the menu registry's: onOpen, the
 * menu items, the calls dialogs make through google.script.run, the trigger handlers). `catalogue`
 * is the registry as data, for the tests. Nothing else is global.
 */
import { globalFunctions, catalogue as registryCatalogue } from './menu/registry';

export const globals = globalFunctions();

export const catalogue = registryCatalogue();
