/** The quarterly report for the comité de pilotage. */
export { buildReportInput, type NetworkLife, type ReportInput, type ReportOptions } from './build';
export { barChart, rateChart } from './charts';
export { esc, fmtInt, fmtKm, fmtPct, quarterLong, quarterShort } from './format';
export { type CommuneOutlines, coverageMap } from './map';
export { renderReport } from './render';
