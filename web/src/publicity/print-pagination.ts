/**
 * The printed board is laid out page by page, not left to the browser's table fragmentation: each page is a box
 * of known height in millimetres holding a header, whole rows and a footer, so no row is ever cut across a page
 * and every page repeats the column header, the QR code and "page x of y". The e2e test checks that the PDF has
 * exactly as many pages as this function makes.
 */
export const PAPERS = {
  A4: { widthMm: 297, heightMm: 210 },
  A3: { widthMm: 420, heightMm: 297 },
} as const;

export type Paper = keyof typeof PAPERS;

/** Heights in mm of the parts of a printed page (landscape); CSS reads the same numbers (print-layout.tsx). */
export const PRINT_LAYOUT = {
  marginMm: 10,
  headerMm: 22,
  columnHeaderMm: 7,
  rowMm: 6,
  footerMm: 6,
  /** Slack for borders and rounding, so a full page never spills onto the next sheet. */
  safetyMm: 4,
  /** The closing block on the last page: totals row, the notes and the rate table. */
  closingBaseMm: 34,
  closingPerRateTableMm: 7,
} as const;

export function rowsPerPage(paper: Paper): number {
  const { heightMm } = PAPERS[paper];
  const layout = PRINT_LAYOUT;
  const available =
    heightMm -
    2 * layout.marginMm -
    layout.headerMm -
    layout.columnHeaderMm -
    layout.footerMm -
    layout.safetyMm;
  return Math.floor(available / layout.rowMm);
}

/**
 * Rows split into pages of at most `capacity` rows; the last page keeps room for the closing block (in rows), or
 * the block gets a page of its own. Always at least one page.
 */
export function paginate<Row>(rows: readonly Row[], capacity: number, closingRows: number): Row[][] {
  const pages: Row[][] = [];
  for (let start = 0; start < rows.length; start += capacity) pages.push(rows.slice(start, start + capacity));
  const last = pages[pages.length - 1];
  if (!last || last.length + closingRows > capacity) pages.push([]);
  return pages;
}

export function closingRows(rateTableCount: number): number {
  const layout = PRINT_LAYOUT;
  return Math.ceil((layout.closingBaseMm + layout.closingPerRateTableMm * rateTableCount) / layout.rowMm);
}
