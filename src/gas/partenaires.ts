/**
 * The entry of the partners' project's Code.js (dist/gas-partenaires/): its onOpen menu and the form
 * (« Modifier la fiche sélectionnée ») with the calls it makes. Its manifest asks only for this
 * workbook and the dialogs (see registry.ts, PROJECTS).
 */
import { globalFunctions, catalogue as registryCatalogue } from './menu/registry';

export const globals = globalFunctions('partenaires');

export const catalogue = registryCatalogue('partenaires');
