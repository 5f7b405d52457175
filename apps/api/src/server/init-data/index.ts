export type { ImportOptions } from './entry.ts';
export { type ExportOptions, exportInitData, type InitDataExport } from './export-init-data.ts';
export { InitDataError, importInitData } from './import-init-data.ts';
export { formatImportReport, type ImportReport } from './report.ts';
