/** Indicators of the network: periods, definitions, per-period figures, the weekly rollup. */

export * from '../calendar/periods';
export * from './compute';
export * from './definitions';
export * from './network';
export * from './offer';
export * from './rollup';
