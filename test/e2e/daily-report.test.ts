/**
 * The daily report (日报) in a real browser against the real server on the sample park: a past day's table has one
 * row per village and the total, with the numbers of the JSON; it prints to A4 landscape with as many PDF pages as
 * laid-out sheets and no row cut; the plan editor checks its fields and survives a stale version (409).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReport, DailyReportRow } from '../../server/domain/reports/report-types.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { type HttpSession, signInOverHttp } from '../support/http-session.ts';
import { A4_LANDSCAPE_POINTS, printA4Landscape } from '../support/print.ts';
import { type RunningServer, startServer } from '../support/server-process.ts';

/** A day of the sample's history (events run 2026-09-27 … 2026-11-25). */
const DATE = '2026-11-10';
/** Ports of this file's server (the range these sessions may use). */
const PORT = 9211;
/** A4 landscape in PDF points (1/72 in): 297 × 210 mm. */

let server: RunningServer;
let url: string;
let hq: HttpSession;

beforeAll(async () => {
  server = await startServer({ environment: { PORT: String(PORT) } });
  url = `http://127.0.0.1:${PORT}`;
  hq = await signInOverHttp(url, 'hq', 'demo-hq-2026');
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

async function withReport<T>(run: (browser: LaunchedBrowser, report: DailyReport) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    const signIn = await browser.context.request.post(`${url}/api/session`, {
      data: { username: 'hq', password: 'demo-hq-2026' },
    });
    expect(signIn.ok()).toBe(true);
    const report = (await (await hq.send('GET', `/api/reports/daily?date=${DATE}`)).json()) as DailyReport;
    return await run(browser, report);
  } finally {
    await browser.close();
  }
}

const formatter = (decimals: number, style?: 'percent') =>
  new Intl.NumberFormat('zh-CN', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    ...(style ? { style } : {}),
  });
const integer = formatter(0);
const mu = formatter(4);
const percent = formatter(1, 'percent');

function expectedCells(row: DailyReportRow): Record<string, string> {
  return {
    'task-households': integer.format(row.task.households),
    'task-mu': mu.format(row.task.landMu),
    surveyed: integer.format(row.surveyed),
    'signed-cumulative': integer.format(row.signed.cumulative),
    'signed-share': percent.format(row.signed.share),
    'handed-over-cumulative': integer.format(row.handedOver.cumulative),
    'handed-over-mu': mu.format(row.handedOver.mu),
    'handed-over-share': percent.format(row.handedOver.share),
    'open-problems': integer.format(row.openProblems),
  };
}

describe('the daily report page', () => {
  it('shows a past day: one row per village and 合计, ranked, with the numbers of the JSON', () =>
    withReport(async ({ context }, report) => {
      const page = await context.newPage();
      await page.goto(`${url}/report?date=${DATE}`);
      const table = page.getByTestId('report-page').getByTestId('report-table');
      await table.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('report-title').textContent()).toBe('征地拆迁工作日报');
      expect(await page.getByTestId('report-date').inputValue()).toBe(DATE);

      const shown = await table.getByTestId('report-row').evaluateAll((rows) =>
        rows.map((row) => ({
          village: row.getAttribute('data-village'),
          behind: row.getAttribute('data-behind'),
          cells: Object.fromEntries(
            [...row.querySelectorAll('[data-testid^="report-cell-"]')].map((cell) => [
              (cell.getAttribute('data-testid') ?? '').replace('report-cell-', ''),
              cell.textContent ?? '',
            ]),
          ),
        })),
      );
      const ranked = [...report.rows].sort((first, second) => (first.rank ?? 0) - (second.rank ?? 0));
      expect(shown.map((row) => row.village)).toEqual([...ranked.map((row) => row.village), 'total']);
      for (const [index, row] of [...ranked, report.total].entries()) {
        const cells = shown[index]?.cells ?? {};
        for (const [key, value] of Object.entries(expectedCells(row)))
          expect(cells[key], `${row.village} ${key}`).toBe(value);
        expect(cells.illegal).toBe('—');
        expect(shown[index]?.behind).toBe(String(row.plan?.behindPlan === true));
      }
      // Villages behind plan head the summaries.
      const summaries = await page
        .getByTestId('report-summaries')
        .getByTestId('report-summary')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-village')));
      const behind = report.rows.filter((row) => row.plan?.behindPlan).map((row) => row.village);
      expect(new Set(summaries.slice(0, behind.length))).toEqual(new Set(behind));
      expect(summaries).toHaveLength(report.rows.length + 1);
      expect(await page.getByTestId('report-xlsx').getAttribute('href')).toBe(
        `/api/reports/daily?date=${DATE}&format=xlsx`,
      );

      // Each chart exports a PNG named after the chart and the report date.
      await page
        .getByTestId('report-chart-signedCurves')
        .locator('canvas')
        .first()
        .waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('report-chart-png-signedCurves').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`日报-累计签约率-分村-${DATE}.png`);
      const png = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of png) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).subarray(1, 4).toString('latin1')).toBe('PNG');
    }));

  it('prints on A4 landscape: one PDF page per laid-out sheet, no row cut, the charts on their own sheets', () =>
    withReport(async ({ context }, report) => {
      const page = await context.newPage();
      await page.goto(`${url}/report?date=${DATE}`);
      await page
        .getByTestId('report-chart-totalVsPlan')
        .locator('canvas')
        .first()
        .waitFor({ timeout: 60_000 });
      const pdf = await printA4Landscape(page);
      expect(pdf.width).toBeCloseTo(A4_LANDSCAPE_POINTS[0], -1);
      expect(pdf.height).toBeCloseTo(A4_LANDSCAPE_POINTS[1], -1);

      await page.emulateMedia({ media: 'print' });
      const layout = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-testid="report-print-page"]')].map((sheet) => {
          const box = sheet.getBoundingClientRect();
          const body = sheet.querySelector<HTMLElement>('.print-sheet__body');
          const bodyBox = body?.getBoundingClientRect();
          const rows = [...sheet.querySelectorAll<HTMLElement>('tr, li')];
          return {
            height: box.height,
            scrollHeight: sheet.scrollHeight,
            bodyOverflows: body
              ? body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1
              : true,
            rowsInside: rows.every(
              (row) => bodyBox !== undefined && row.getBoundingClientRect().bottom <= bodyBox.bottom + 0.5,
            ),
            villages: [...sheet.querySelectorAll('[data-testid="report-row"]')].map((row) =>
              row.getAttribute('data-village'),
            ),
            headers: sheet.querySelectorAll('thead').length,
            chart: sheet.querySelector('.print-sheet__chart img') !== null,
            visible: getComputedStyle(sheet).display !== 'none',
          };
        }),
      );
      const buttons = await page.evaluate(
        () =>
          [...document.querySelectorAll('button')].filter((button) => button.getClientRects().length > 0)
            .length,
      );
      expect(buttons).toBe(0);
      // Each sheet fits its page (nothing overflows the box), so Chromium adds no page and cuts no row.
      expect(pdf.pages).toBe(layout.length);
      for (const sheet of layout) {
        expect(sheet.visible).toBe(true);
        expect(sheet.scrollHeight).toBeLessThanOrEqual(Math.ceil(sheet.height));
        expect(sheet.bodyOverflows).toBe(false);
        expect(sheet.rowsInside).toBe(true);
        // A sheet with table rows repeats the column header.
        if (sheet.villages.length > 0) expect(sheet.headers).toBe(1);
      }
      expect(layout.flatMap((sheet) => sheet.villages)).toEqual([
        ...[...report.rows]
          .sort((first, second) => (first.rank ?? 0) - (second.rank ?? 0))
          .map((row) => row.village),
        'total',
      ]);
      expect(layout.filter((sheet) => sheet.chart)).toHaveLength(4);
    }));

  it('lets hq edit a plan: field errors first, then a stale version is reloaded, then it saves', () =>
    withReport(async ({ context }, report) => {
      const village = report.rows.find((row) => row.plan !== null)?.village as string;
      const page = await context.newPage();
      await page.goto(`${url}/report?date=${DATE}`);
      await page.getByTestId(`report-plan-${village}`).click();
      const editor = page.getByTestId('plan-editor');
      await editor.waitFor();

      // A 100 % handover date before the 100 % signing date is refused at the field, before anything is sent.
      const signedBy = await page.getByTestId('plan-signedBy').inputValue();
      await page.getByTestId('plan-handedOverBy').fill('2026-09-01');
      await page.getByTestId('plan-save').click();
      await expect.poll(() => editor.getByRole('alert').first().textContent()).toContain('交地 100% 日期');

      // Someone else saves first: the editor's version is stale.
      const plans = await (await hq.send('GET', '/api/plans')).json();
      const current = plans.plans.find((entry: { village: string }) => entry.village === village).plan;
      const update = await hq.send(
        'PUT',
        `/api/plans/${village}`,
        {
          startDate: current.startDate,
          signedBy: current.signedBy,
          handedOverBy: current.handedOverBy,
          milestones: current.milestones,
        },
        { 'If-Match': `"v${current.version}"` },
      );
      expect(update.status).toBe(200);
      await page.getByTestId('plan-handedOverBy').fill('2027-06-30');
      await page.getByTestId('plan-save').click();
      await expect.poll(() => page.getByTestId('plan-message').textContent()).toContain('已被他人修改');
      expect(await page.getByTestId('plan-signedBy').inputValue()).toBe(signedBy);

      await page.getByTestId('plan-handedOverBy').fill('2027-06-30');
      await page.getByTestId('plan-save').click();
      await editor.waitFor({ state: 'detached' });
      const saved = await (await hq.send('GET', '/api/plans')).json();
      const plan = saved.plans.find((entry: { village: string }) => entry.village === village).plan;
      expect(plan.handedOverBy).toBe('2027-06-30');
      expect(plan.version).toBe(current.version + 2);
    }));
});
