/**
 * Field updates end to end: a village team member on a phone moves a household forward; the command centre's wall
 * map, open in another browser, shows the parcel in its new colour without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { fromSummaryTable } from '../../server/domain/parcel-summary-table.ts';
import { SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { PARCEL_FILL_ALPHA } from '../../web/src/map/layers.ts';
import { launchBrowser } from '../support/browser.ts';
import { type HttpSession, signInOverHttp } from '../support/http-session.ts';
import { type RunningServer, startServer } from '../support/server-process.ts';
import {
  afterRedraw,
  classifyPixel,
  parcelPixels,
  type Rgb,
  readPixels,
  signInPage,
  statusPalette,
} from './dashboard-page.ts';

const signingPalette = statusPalette(SIGNING_STATUSES);

let server: RunningServer;
let hqApi: HttpSession;

beforeAll(async () => {
  server = await startServer();
  hqApi = await signInOverHttp(server.url, 'hq', 'demo-hq-2026');
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('a team member signs a household from a phone', () => {
  it('re-colours the parcel on the command centre wall map without a reload', async () => {
    const parcels = fromSummaryTable(await (await hqApi.send('GET', '/api/parcels/summaries')).json());
    const candidates = parcels
      .filter((parcel) => parcel.village === 'V03' && parcel.signing === 'appraised')
      .sort((a, b) => b.planeArea - a.planeArea)
      .slice(0, 12);
    expect(candidates.length).toBeGreaterThan(0);

    const wall = await launchBrowser({ width: 1920, height: 1080 });
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      const hqPage = await wall.context.newPage();
      await signInPage(hqPage, server.url, 'hq', 'demo-hq-2026');
      // The largest such parcel whose point on the wall screen is not under a panel or the feed dock.
      const pixels = await parcelPixels(
        hqPage,
        candidates.map((parcel) => parcel.id),
      );
      const target = candidates.find((parcel) => pixels.has(parcel.id)) as ParcelSummary;
      const pixel = pixels.get(target.id) as [number, number];
      const [before] = await readPixels(hqPage, [pixel]);
      // What lies under the parcel: hide it with another village's filter, then show everything again.
      await afterRedraw(hqPage, () => hqPage.getByTestId('village-option-V06').click());
      const [under] = await readPixels(hqPage, [pixel]);
      await afterRedraw(hqPage, () => hqPage.getByTestId('village-option-V06').click());
      expect(classifyPixel(before as Rgb, under as Rgb, PARCEL_FILL_ALPHA, signingPalette)).toBe('appraised');

      const teamPage = await phone.context.newPage();
      await signInPage(teamPage, `${server.url}/?parcel=${target.id}`, 'team-v03', 'demo-team-2026');
      await teamPage.getByTestId('search-input').fill(target.code);
      await teamPage.getByTestId(`search-result-${target.id}`).click();
      await teamPage.getByTestId('transition-open').first().click();
      await teamPage.getByTestId('transition-axis-signing').click();
      await teamPage.getByTestId('transition-target-signed').click();
      await teamPage.getByTestId('transition-note').fill('签订补偿协议（浏览器测试）');
      const changedAt = Date.now();
      await teamPage.getByTestId('transition-submit').click();
      await expect.poll(() => teamPage.getByTestId('toast').textContent(), { timeout: 10_000 }).toBeTruthy();

      // The wall map hears of it over SSE and redraws: no reload.
      await hqPage.waitForFunction(
        (id) => window.__parkMap?.statusOf?.(id)?.signing === 'signed',
        target.id,
        {
          timeout: 10_000,
        },
      );
      const latency = Date.now() - changedAt;
      await hqPage.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      const [after] = await readPixels(hqPage, [pixel]);
      expect(classifyPixel(after as Rgb, under as Rgb, PARCEL_FILL_ALPHA, signingPalette)).toBe('signed');
      expect(latency).toBeLessThan(10_000);
      const history = await (await hqApi.send('GET', `/api/parcels/${target.id}/events`)).json();
      expect(history.events.at(-1)).toMatchObject({ user: 'team-v03', from: 'appraised', to: 'signed' });
    } finally {
      await wall.close();
      await phone.close();
    }
  });

  it('offers a viewer no edit controls', async () => {
    const browser = await launchBrowser({ width: 1920, height: 1080 });
    try {
      const page = await browser.context.newPage();
      await signInPage(page, `${server.url}/?parcel=1`, 'leader', 'demo-leader-2026');
      await expect.poll(() => page.getByTestId('parcel-detail-code').count(), { timeout: 10_000 }).toBe(1);
      expect(await page.getByTestId('transition-open').count()).toBe(0);
      expect(await page.getByTestId('problem-report-open').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});

describe('the command centre works through its dialogs', () => {
  it('reports, assigns and resolves a problem, and moves a filtered selection in one bulk change', async () => {
    const parcels = fromSummaryTable(await (await hqApi.send('GET', '/api/parcels/summaries')).json());
    const household = parcels.find((parcel) => parcel.village === 'V05' && parcel.signing === 'surveyed');
    const selection = parcels.filter((parcel) => parcel.village === 'V06' && parcel.signing === 'appraised');
    expect(household).toBeDefined();
    expect(selection.length).toBeGreaterThan(0);
    const { id: householdId } = household as ParcelSummary;

    const wall = await launchBrowser({ width: 1920, height: 1080 });
    try {
      const page = await wall.context.newPage();
      await signInPage(page, `${server.url}/?parcel=${householdId}`, 'hq', 'demo-hq-2026');

      // 问题上报 from the parcel panel: a marker appears on the household.
      await page.getByTestId('problem-report-open').click();
      await page.getByTestId('problem-description').fill('面积争议：户主对测量面积有异议（浏览器测试）');
      await page.getByTestId('problem-submit').click();
      await page.getByTestId('problem-dialog').waitFor({ state: 'detached' });
      await page.waitForFunction(
        (id) => window.__parkMap?.problemMarkerParcels().includes(id) === true,
        householdId,
      );
      const problems = (await (await hqApi.send('GET', '/api/problems')).json()) as {
        problems: { id: number; parcelId: number; status: string; assignee: string | null }[];
      };
      const reported = problems.problems.find((problem) => problem.parcelId === householdId);
      expect(reported?.status).toBe('open');
      const problemId = (reported as { id: number }).id;

      // Assigned, then resolved, from the problem list: the marker goes.
      await page.getByTestId('dock-tab-problems').click();
      await page.getByTestId(`problem-assign-${problemId}`).click();
      await page.getByTestId('problem-assignee').fill('王组长');
      await page.getByTestId('problem-note').fill('请村工作队核实面积');
      await page.getByTestId('problem-action-submit').click();
      await page.getByTestId('problem-action-dialog').waitFor({ state: 'detached' });
      await page.getByTestId(`problem-resolve-${problemId}`).click();
      await page.getByTestId('problem-note').fill('复测后户主认可');
      await page.getByTestId('problem-action-submit').click();
      await page.getByTestId('problem-action-dialog').waitFor({ state: 'detached' });
      await page.waitForFunction(
        (id) => window.__parkMap?.problemMarkerParcels().includes(id) === false,
        householdId,
      );
      const after = (await (await hqApi.send('GET', '/api/problems')).json()) as typeof problems;
      const resolved = after.problems.find((problem) => problem.id === problemId);
      expect(resolved).toMatchObject({ status: 'resolved', assignee: '王组长' });

      // 批量修改: every appraised household of one village to signed, all at once.
      await page.goto(`${server.url}/?village=V06&signing=appraised`);
      await page.waitForFunction(() => window.__parkMap?.ready === true, null, { timeout: 90_000 });
      await page.getByTestId('bulk-open').click();
      await page.getByTestId('bulk-axis-signing').click();
      await page.getByTestId('bulk-target-signed').click();
      await expect
        .poll(() => page.getByTestId('bulk-confirm').textContent())
        .toContain(selection.length.toLocaleString('zh-CN'));
      await page.getByTestId('bulk-note').fill('集中签约日（浏览器测试）');
      await page.getByTestId('bulk-submit').click();
      await page.getByTestId('bulk-dialog').waitFor({ state: 'detached' });
      await page.waitForFunction(
        (ids) => ids.every((id) => window.__parkMap?.statusOf(id)?.signing === 'signed'),
        selection.map((parcel) => parcel.id),
      );
      const stored = fromSummaryTable(await (await hqApi.send('GET', '/api/parcels/summaries')).json());
      const moved = stored.filter((parcel) => selection.some((chosen) => chosen.id === parcel.id));
      expect(moved.map((parcel) => parcel.signing)).toEqual(selection.map(() => 'signed'));
    } finally {
      await wall.close();
    }
  });
});
