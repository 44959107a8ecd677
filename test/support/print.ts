/** Printing a page the way Chromium's "Save as PDF" does, and what the PDF says about itself. */
import type { Page } from 'playwright-core';

export const A4_LANDSCAPE_POINTS = [841.89, 595.28] as const;

export interface PrintedPdf {
  pages: number;
  /** The first page's MediaBox, in PostScript points. */
  width: number;
  height: number;
}

export async function printA4Landscape(page: Page): Promise<PrintedPdf> {
  const pdf = await page.pdf({
    format: 'A4',
    landscape: true,
    preferCSSPageSize: true,
    printBackground: true,
  });
  const text = Buffer.from(pdf).toString('latin1');
  const [width, height] = (/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text) ?? [])
    .slice(1)
    .map(Number);
  return {
    pages: text.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0,
    width: width ?? Number.NaN,
    height: height ?? Number.NaN,
  };
}
