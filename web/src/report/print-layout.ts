/**
 * The printed report is laid out sheet by sheet, as the 公示 board is (publicity/print-pagination.ts): every
 * printed line has a fixed height in millimetres, so this function knows what fits on an A4 landscape sheet and
 * no table row is ever cut by the browser. Each sheet repeats the report header and, where the table continues,
 * its two-level column header; each chart gets a sheet of its own. The e2e test checks that the PDF has exactly
 * as many pages as this makes.
 */

/** A4 landscape, in mm. */
export const REPORT_PAPER = { widthMm: 297, heightMm: 210 } as const;

export const REPORT_PRINT_LAYOUT = {
  marginMm: 10,
  /** Title, park, date, as-of and ranking rule. */
  headerMm: 20,
  footerMm: 6,
  /** Slack for borders and rounding, so a full sheet never spills onto the next one. */
  safetyMm: 5,
  sectionTitleMm: 8,
  summaryLineMm: 6,
  /** Two header rows of the table (group, then column). */
  tableHeaderMm: 12,
  /** A table row holds two lines (the plan cells: signing, then handover). */
  tableRowMm: 9,
  /** A 口径 note may take two lines. */
  measureLineMm: 7,
} as const;

export type PrintSectionKind = 'summaries' | 'table' | 'measures';

export interface PrintChunk {
  kind: PrintSectionKind;
  /** The section's title is printed on its first chunk only. */
  first: boolean;
  /** Indices into the section's items, `[start, end)`. */
  start: number;
  end: number;
}

export interface PrintSection {
  kind: PrintSectionKind;
  count: number;
}

function sectionSizes(kind: PrintSectionKind): { headerMm: number; itemMm: number } {
  const layout = REPORT_PRINT_LAYOUT;
  switch (kind) {
    case 'summaries':
      return { headerMm: 0, itemMm: layout.summaryLineMm };
    case 'table':
      return { headerMm: layout.tableHeaderMm, itemMm: layout.tableRowMm };
    case 'measures':
      return { headerMm: 0, itemMm: layout.measureLineMm };
  }
}

/** Height in mm a sheet has for sections, under its header and above its footer. */
export function sheetBodyMm(): number {
  const layout = REPORT_PRINT_LAYOUT;
  return REPORT_PAPER.heightMm - 2 * layout.marginMm - layout.headerMm - layout.footerMm - layout.safetyMm;
}

/**
 * Sections cut into sheets: a section continues on the next sheet when its next item does not fit (its column
 * header repeated there), and starts on a new sheet when not even its title, header and one item fit.
 */
export function paginateReport(sections: readonly PrintSection[], bodyMm = sheetBodyMm()): PrintChunk[][] {
  const pages: PrintChunk[][] = [[]];
  let remaining = bodyMm;
  const newPage = () => {
    pages.push([]);
    remaining = bodyMm;
  };
  for (const section of sections) {
    const { headerMm, itemMm } = sectionSizes(section.kind);
    let start = 0;
    while (start < section.count) {
      const first = start === 0;
      const fixed = (first ? REPORT_PRINT_LAYOUT.sectionTitleMm : 0) + headerMm;
      if (remaining < fixed + itemMm) {
        newPage();
        continue;
      }
      const fits = Math.floor((remaining - fixed) / itemMm);
      const end = Math.min(section.count, start + fits);
      (pages[pages.length - 1] as PrintChunk[]).push({ kind: section.kind, first, start, end });
      remaining -= fixed + (end - start) * itemMm;
      start = end;
    }
  }
  return pages.filter((page, index) => page.length > 0 || index === 0);
}
