/** Coverage of the territory by fixed places and bus stops. */
export * from './coverage';
export * from './from-workbook';
export * from './nearest';
