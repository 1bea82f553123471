/** Importing a file of the national standard, and comparing our directory with it. */
export {
  DECISIONS_TAB,
  type Decisions,
  type MatchDecision,
  nationalKey,
  readDecisions,
  withUncertainPairs,
} from './decisions';
export { placeKey, placeWords, similarNames } from './keys';
export {
  type NationalFile,
  type NationalInput,
  type NationalPlace,
  positionLabel,
  readNationalFile,
} from './national';
export {
  type AddedPlace,
  addedCells,
  applyWrites,
  COMPARED_COLUMNS,
  type ImportPlan,
  judge,
  planImport,
  planWrites,
  type RowMerge,
  SAME_SPOT_METRES,
  type TabWrites,
  type UncertainPlace,
  valueText,
  withStatus,
} from './plan';
export {
  comparisonLines,
  comparisonRows,
  fileProblemLine,
  type ImportCounts,
  importCounts,
  importLines,
  TODO_HEADERS,
  type TodoRow,
  todoCsv,
  writtenRowsLines,
} from './report';
