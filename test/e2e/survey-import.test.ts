/**
 * The command centre imports a survey delivery from the dashboard: upload with progress, the validation report
 * (totals per village, findings with their records), commit, and the map reloads with the new parcels.
 * SCREENSHOT_DIR=… keeps screenshots of the dialog (wall screen, Chinese) for a human to look at.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { fromSummaryTable } from '../../server/domain/parcel-summary-table.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { square } from '../support/geometry.ts';
import { type HttpSession, signInOverHttp } from '../support/http-session.ts';
import { type RunningServer, startServer } from '../support/server-process.ts';
import { numberIn, signInPage } from './dashboard-page.ts';

const HQ = { username: 'hq', password: 'demo-hq-2026' };
let server: RunningServer;
let api: HttpSession;
let browser: LaunchedBrowser;
const folder = mkdtempSync(join(tmpdir(), 'survey-import-e2e-'));

beforeAll(async () => {
  server = await startServer();
  api = await signInOverHttp(server.url, HQ.username, HQ.password);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('survey import in the dashboard', () => {
  it('shows the report, commits, and the map and the numbers follow', async () => {
    const summaries = fromSummaryTable(
      await (await api.send('GET', '/api/parcels/summaries')).json(),
    ) as ParcelSummary[];
    const [west, south] = [106.6, 26.58];
    // Two new households in a village the park does not have yet, one drawn as a bow-tie (repaired on import).
    const file = join(folder, '北山村测绘成果.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: square(west, south, 0.0004),
            properties: { 宗地编码: 'BS-0001', 户主: '赵堃', 村名: '北山村', 地类: '宅基地', 建筑面积: 150 },
          },
          {
            type: 'Feature',
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [west + 0.001, south],
                  [west + 0.0014, south + 0.0004],
                  [west + 0.0014, south],
                  [west + 0.001, south + 0.0004],
                  [west + 0.001, south],
                ],
              ],
            },
            properties: { 宗地编码: 'BS-0002', 户主: '钱明', 村名: '北山村', 地类: '耕地' },
          },
        ],
      }),
    );

    const page = await browser.context.newPage();
    await signInPage(page, `${server.url}/`, HQ.username, HQ.password);
    expect(await numberIn(page, 'visible-count')).toBe(summaries.length);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });

    expect(await page.getByTestId('import-errors').textContent()).toBe('0');
    const totals = page.getByTestId('import-totals');
    await expect.poll(() => totals.textContent()).toContain('北山村');
    const findings = (await page.getByTestId('import-findings').textContent()) ?? '';
    // The bow-tie is named by its record and repaired; the new village is announced.
    expect(findings).toContain('BS-0002');
    expect(findings).toContain('北山村');
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'survey-import-zh.png') });
    }

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('2');
    await page.getByTestId('import-dialog-close').click();
    // The dashboard reloads the park: two more households on the map and in the numbers.
    await expect.poll(() => numberIn(page, 'visible-count'), { timeout: 60_000 }).toBe(summaries.length + 2);

    const after = fromSummaryTable(
      await (await api.send('GET', '/api/parcels/summaries')).json(),
    ) as ParcelSummary[];
    const imported = after.filter((parcel) => parcel.code.startsWith('BS-'));
    expect(imported.map((parcel) => parcel.holder).sort()).toEqual(['赵堃', '钱明'].sort());
    const villages = (await (await api.send('GET', '/api/villages')).json()) as {
      features: { properties: { code: string; name: string } }[];
    };
    const created = villages.features.find((village) => village.properties.name === '北山村');
    expect(created).toBeDefined();
    expect(new Set(imported.map((parcel) => parcel.village))).toEqual(new Set([created?.properties.code]));
    await page.close();
  });

  it('reads a CSV in Gauss-Krüger metres without an SRID once the operator gives its EPSG code', async () => {
    // Two 30 m squares near the park in CGCS2000 / 3-degree GK CM 108E (EPSG:4545), with no SRID in the file.
    const zone = proj4(
      'EPSG:4326',
      '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m',
    );
    const [x, y] = zone.forward([106.6, 26.57]) as [number, number];
    const squareWkt = (dx: number) =>
      `"POLYGON((${x + dx} ${y},${x + dx + 30} ${y},${x + dx + 30} ${y + 30},${x + dx} ${y + 30},${x + dx} ${y}))"`;
    const file = join(folder, '南坡村成果表.csv');
    writeFileSync(
      file,
      `宗地编码,户主,村名,地类,WKT\r\nNP-0001,孙堃,南坡村,宅基地,${squareWkt(0)}\r\nNP-0002,李明,南坡村,耕地,${squareWkt(40)}\r\n`,
    );
    // Signed out first: the test before may have left this browser signed in.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signInPage(page, `${server.url}/`, HQ.username, HQ.password);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-upload').click();
    // Metres that carry no zone number: the coordinate system cannot be told, and the dialog asks for it.
    await page.getByTestId('import-failed').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-failed').textContent()).toContain('未声明坐标系');
    await page.getByTestId('import-crs').fill('EPSG:4545');
    await page.getByTestId('import-crs-apply').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-source').textContent()).toContain('EPSG:4545');
    expect(await page.getByTestId('import-errors').textContent()).toBe('0');
    await expect.poll(() => page.getByTestId('import-totals').textContent()).toContain('南坡村');
    // The plane areas are the squares' own: 900 ㎡ each in their zone, 1,800 ㎡ (2.7 亩) for the village.
    const village = await page
      .getByTestId('import-totals')
      .locator('tr', { hasText: '南坡村' })
      .textContent();
    expect(village).toContain('1,800.00');
    expect(village).toContain('2.7000');
    await page.getByTestId('import-dialog-close').click();
    await page.close();
  });
});
