export { importInitData, InitDataError } from './import-init-data.ts';
export type { ImportOptions } from './entry.ts';
export { exportInitData, type ExportOptions, type InitDataExport } from './export-init-data.ts';
export { formatImportReport, type ImportReport } from './report.ts';
