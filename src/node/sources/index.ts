export { csvFolderSource } from './csv-folder.js';
export {
  SHEETS_READONLY_SCOPE,
  type SheetsApiSourceOptions,
  sheetsApiSource,
  spreadsheetIdFrom,
  wholeTabRange,
} from './sheets-api.js';
export { type RawWorkbook, SourceError, type WorkbookRead, type WorkbookSource } from './types.js';
export { type XlsxFileOptions, xlsxFileSource } from './xlsx-file.js';
