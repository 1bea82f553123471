/** The network's monthly letter: built from the workbook, rendered for mail clients. */
export * from './build';
export * from './recipients';
export * from './render';
