import type { ImportedSection } from './sections.ts';

export interface SectionCounts {
  /** Entries written by this import. */
  added: number;
  /** Entries whose owner/name already existed; left as they are. */
  present: number;
  /** Entries that were not imported, each listed in `rejected`. */
  rejected: number;
}

export interface ImportReport {
  counts: Record<ImportedSection, SectionCounts>;
  /** Entries that were not imported, by name, with the reason. */
  rejected: { entry: string; reason: string }[];
  /** Entries that were imported with something the operator should know. */
  notes: { entry: string; note: string }[];
  /** Parts of the file Latchkey does not import, with how many entries they held. */
  ignored: { section: string; entries: number }[];
}

/** The report as a few lines of plain text for a terminal. */
export function formatImportReport(report: ImportReport, fileName: string): string {
  const lines = [`Imported ${fileName}:`];
  for (const [section, counts] of Object.entries(report.counts)) {
    if (counts.added + counts.present + counts.rejected === 0) continue;
    const parts = [`${counts.added} added`];
    if (counts.present > 0) parts.push(`${counts.present} already present (kept as they are)`);
    if (counts.rejected > 0) parts.push(`${counts.rejected} rejected`);
    lines.push(`  ${section.padEnd(14)} ${parts.join(', ')}`);
  }
  if (lines.length === 1) lines.push('  (nothing to import)');
  if (report.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const { entry, note } of report.notes) lines.push(`  ${entry}: ${note}`);
  }
  if (report.ignored.length > 0) {
    lines.push('', 'Not imported (Latchkey does not take these from Casdoor):');
    for (const { section, entries } of report.ignored)
      lines.push(`  ${section} (${entries} ${entries === 1 ? 'entry' : 'entries'})`);
  }
  if (report.rejected.length > 0) {
    lines.push('', `Rejected (${report.rejected.length}; nothing of these was written):`);
    for (const { entry, reason } of report.rejected) lines.push(`  ${entry}: ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}
