/**
 * The public 公示 board in a real browser against the real server on the sample park: it opens without signing in,
 * in Chinese; its totals equal the statistics (and the compensation budget) of the village; it prints to A4
 * landscape with every row whole, as many PDF pages as laid-out pages, and a QR code of the live page on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { type HttpSession, signInOverHttp } from '../support/http-session.ts';
import { A4_LANDSCAPE_POINTS, printA4Landscape } from '../support/print.ts';
import { type RunningServer, startServer } from '../support/server-process.ts';

const VILLAGE = 'V03';
/** A4 landscape in PDF points (1/72 in): 297 × 210 mm. */

let server: RunningServer;
let leader: HttpSession;

beforeAll(async () => {
  server = await startServer();
  leader = await signInOverHttp(server.url, 'leader', 'demo-leader-2026');
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

async function withPage<T>(run: (browser: LaunchedBrowser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await run(browser);
  } finally {
    await browser.close();
  }
}

const fixed = (value: number, decimals: number) =>
  new Intl.NumberFormat('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    value,
  );

describe('the public 公示 board', () => {
  it('opens in Chinese without signing in, and its totals equal the statistics of the village', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 401 || response.status() === 403) refused.push(response.url());
      });
      await page.goto(`${server.url}/publicity/${VILLAGE}`);
      await page.getByTestId('publicity-table').waitFor({ timeout: 30_000 });
      expect(await context.cookies()).toEqual([]);
      expect(refused).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.getByTestId('publicity-title').textContent()).toBe('杉木村征收补偿分户公示');

      const statistics = await (await leader.send('GET', `/api/stats?village=${VILLAGE}`)).json();
      const budget = await (await leader.send('GET', '/api/compensation/budget')).json();
      const villageBudget = budget.rows.find((row: { key: string }) => row.key === VILLAGE);
      const total = (key: string) => page.getByTestId(`publicity-total-${key}`).textContent();
      expect(await total('households')).toBe(fixed(statistics.total.households, 0));
      expect(await total('signed')).toBe(
        `${fixed(statistics.total.signedHouseholds, 0)} / ${fixed(statistics.total.households, 0)}`,
      );
      expect(await total('land-mu')).toBe(fixed(statistics.total.landArea.plane.mu, 4));
      expect(await total('building')).toBe(fixed(statistics.total.buildingAreaSquareMetres, 2));
      expect(await total('compensation')).toBe(fixed(villageBudget.currentYuan / 10_000, 4));
      const screenRows = page.getByTestId('publicity-table').getByTestId('publicity-row');
      expect(await screenRows.count()).toBe(statistics.total.households);
      // Cadre households lead the list.
      expect(await screenRows.first().getAttribute('class')).toContain('cadre');
    }));

  it('prints to A4 landscape: one PDF page per laid-out page, no row cut, a QR code of the live page on each', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      await page.goto(`${server.url}/publicity/${VILLAGE}`);
      await page.getByTestId('publicity-table').waitFor({ timeout: 30_000 });
      const pdf = await printA4Landscape(page);
      expect(pdf.width).toBeCloseTo(A4_LANDSCAPE_POINTS[0], -1);
      expect(pdf.height).toBeCloseTo(A4_LANDSCAPE_POINTS[1], -1);

      await page.emulateMedia({ media: 'print' });
      const layout = await page.evaluate(() => {
        const pages = [...document.querySelectorAll<HTMLElement>('[data-testid="publicity-print-page"]')];
        return pages.map((section) => {
          const box = section.getBoundingClientRect();
          const rows = [...section.querySelectorAll<HTMLElement>('tr')];
          return {
            height: box.height,
            scrollHeight: section.scrollHeight,
            rows: section.querySelectorAll('[data-testid="publicity-row"]').length,
            rowsInside: rows.every((row) => row.getBoundingClientRect().bottom <= box.bottom + 0.5),
            qr: section.querySelector('[data-testid="publicity-qr"]')?.getAttribute('data-url'),
          };
        });
      });
      const statistics = await (await leader.send('GET', `/api/stats?village=${VILLAGE}`)).json();
      // Each laid-out page fits its sheet (nothing overflows the box), so Chromium adds no page and cuts no row.
      expect(pdf.pages).toBe(layout.length);
      expect(layout.length).toBeGreaterThan(10);
      for (const section of layout) {
        expect(section.scrollHeight).toBeLessThanOrEqual(Math.ceil(section.height));
        expect(section.rowsInside).toBe(true);
        expect(section.qr).toBe(`${server.url}/publicity/${VILLAGE}`);
      }
      expect(layout.reduce((sum, section) => sum + section.rows, 0)).toBe(statistics.total.households);
    }));

  it('switches to English and keeps the choice in the link', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      await page.goto(`${server.url}/publicity/${VILLAGE}`);
      await page.getByTestId('publicity-language-en').click();
      await expect
        .poll(() => page.getByTestId('publicity-title').textContent())
        .toBe('Shanmu: compensation per household');
      expect(page.url()).toContain('lang=en');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-GB');
    }));
});
