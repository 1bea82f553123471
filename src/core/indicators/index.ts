/** Indicators of the network: periods, definitions, per-period figures, the weekly rollup. */
export * from './compute';
export * from './definitions';
export * from './periods';
export * from './rollup';
