/**
 * Browser benchmark: the real server on a generated park, Debian's Chromium with software WebGL at 1920×1080,
 * times read from the page (`window.__parkMap`, performance.now()). Baseline, side by side: a pan at the same N —
 * re-filter and re-colour should cost one redraw, i.e. no more than ~1.2× a pan.
 */
import type { Page } from 'playwright-core';
import { afterRedraw, signInPage } from '../e2e/dashboard-page.ts';
import { TEST_PASSWORD } from '../support/api-session.ts';
import { launchBrowser } from '../support/browser.ts';
import { startServer } from '../support/server-process.ts';
import type { BenchmarkPark } from './park-stores.ts';
import { formatNumber, median, printTable } from './statistics.ts';

async function lastRedraw(page: Page, action: () => Promise<void>): Promise<number> {
  await afterRedraw(page, action);
  return page.evaluate(() => window.__parkMap?.lastRedrawMs ?? Number.NaN);
}

async function pans(page: Page, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const offset: [number, number] = index % 2 === 0 ? [120, 40] : [-120, -40];
    times.push(await page.evaluate((delta) => window.__parkMap?.measurePan(delta) ?? Number.NaN, offset));
  }
  return times;
}

/**
 * The time slider: from the status bytes of a past day in hand (`setHistoricalStatuses`) to the frame drawn with
 * them (`lastRecolourMs`). Both days are fetched once first (the request is not what this measures; the route
 * answers in tens of ms at 100k), then the slider alternates between them, settling between runs, and returns to now.
 */
async function sliderRecolours(page: Page, runs: number): Promise<number[]> {
  const slider = page.getByTestId('time-slider-range');
  await slider.waitFor({ timeout: 120_000 });
  const last = Number(await slider.getAttribute('max'));
  const step = async (index: number) => {
    const before = await page.evaluate(() => window.__parkMap?.recolourCount ?? 0);
    await slider.fill(String(Math.round(last * (index % 2 === 0 ? 0.4 : 0.7))));
    await page.waitForFunction((count) => (window.__parkMap?.recolourCount ?? 0) > count, before, {
      timeout: 120_000,
    });
    await page.waitForTimeout(SETTLE_MS);
    return page.evaluate(() => window.__parkMap?.lastRecolourMs ?? Number.NaN);
  };
  for (let index = 0; index < 2; index++) await step(index);
  const times: number[] = [];
  for (let index = 0; index < runs; index++) times.push(await step(index));
  await page.getByTestId('time-slider-now').click();
  return times;
}

/** Pause after a measured frame, so the next measure does not start inside the last one's aftermath. */
const SETTLE_MS = 500;

async function heapMegabytes(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return usedSize / 2 ** 20;
}

export async function runBrowserBenchmark(park: BenchmarkPark, runs: number): Promise<string> {
  const server = await startServer({ storePath: park.path });
  const browser = await launchBrowser({ width: 1920, height: 1080 });
  try {
    const loads: {
      mapReady: number;
      drawn: number;
      total: number;
      dataAfterMap: number;
      layersToDrawn: number;
    }[] = [];
    const page = await browser.context.newPage();
    await signInPage(page, server.url, 'bench', TEST_PASSWORD);
    for (let index = 0; index < runs; index++) {
      // Signed in (cookie kept): each reload is what an operator sees when opening the dashboard.
      await page.reload();
      await page.waitForFunction(() => window.__parkMap?.ready === true, null, { timeout: 180_000 });
      loads.push(
        await page.evaluate(() => ({
          mapReady: window.__parkMap?.mapLoadedAt ?? Number.NaN,
          drawn: (window.__parkMap?.drawnAt ?? Number.NaN) - (window.__parkMap?.mapLoadedAt ?? Number.NaN),
          total: window.__parkMap?.drawnAt ?? Number.NaN,
          // Where "map ready → drawn" goes: waiting for the park's data (0 when it came first), then drawing.
          dataAfterMap: Math.max(
            0,
            (window.__parkMap?.dataReadyAt ?? Number.NaN) - (window.__parkMap?.mapLoadedAt ?? Number.NaN),
          ),
          layersToDrawn:
            (window.__parkMap?.drawnAt ?? Number.NaN) - (window.__parkMap?.layersSetAt ?? Number.NaN),
        })),
      );
    }
    const panTimes = await pans(page, runs);
    const filterTimes: number[] = [];
    const colourTimes: number[] = [];
    for (let index = 0; index < runs; index++) {
      filterTimes.push(await lastRedraw(page, () => page.getByTestId('village-option-V01').click()));
      colourTimes.push(
        await lastRedraw(page, () =>
          page.getByTestId(index % 2 === 0 ? 'colour-by-clearance' : 'colour-by-signing').click(),
        ),
      );
    }
    const sliderTimes = await sliderRecolours(page, runs);
    const heap = await heapMegabytes(page);
    // Zoomed in, outlines on: the same pan with the per-instance outline work.
    await page.evaluate(() => {
      const url = new URL(window.location.href);
      url.hash = url.hash.replace(/^#[\d.]+/, '#16.5');
      window.location.href = url.toString();
    });
    await page
      .waitForFunction(() => window.__parkMap?.outlinesVisible === true, null, { timeout: 60_000 })
      .catch(() => undefined);
    const outlinesOn = await page.evaluate(() => window.__parkMap?.outlinesVisible === true);
    const zoomedPans = outlinesOn ? await pans(page, runs) : [];
    const pan = median(panTimes);
    /** A row of the median of `times`; `againstPan` adds its ratio to the pan baseline. */
    const row = (measure: string, times: number[], target = '', againstPan = false) => [
      measure,
      formatNumber(median(times), 0),
      againstPan ? `${formatNumber(median(times) / pan, 2)}×` : '',
      target,
    ];
    const rows = [
      row(
        'page load → map ready (style loaded)',
        loads.map((load) => load.mapReady),
      ),
      row(
        'map ready → parcels drawn',
        loads.map((load) => load.drawn),
        'sample ≤ 800, 100k ≤ 1,500',
      ),
      row(
        '  of which: map ready → data in hand',
        loads.map((load) => load.dataAfterMap),
      ),
      row(
        '  of which: layers set → drawn',
        loads.map((load) => load.layersToDrawn),
      ),
      row(
        'page load → parcels drawn',
        loads.map((load) => load.total),
      ),
      ['pan (baseline)', formatNumber(pan, 0), '1.00×', ''],
      row('re-filter (village)', filterTimes, '≤ 1.2× pan', true),
      row('re-colour (axis)', colourTimes, '≤ 1.2× pan', true),
      row('time-slider re-colour (past day)', sliderTimes, '≤ 150 ms', true),
      [
        'pan at z16.5, outlines on',
        outlinesOn ? formatNumber(median(zoomedPans), 0) : '—',
        outlinesOn ? `${formatNumber(median(zoomedPans) / pan, 2)}×` : '',
        '',
      ],
      ['JS heap after GC (MB)', formatNumber(heap, 0), '', ''],
    ];
    return printTable(
      `Browser, ${park.parcels.toLocaleString('en')} parcels, 1920×1080, software WebGL; ms, median of ${runs} (loads: ${loads.length})`,
      ['measure', 'ms', '÷ pan', 'target'],
      rows,
    );
  } finally {
    await browser.close();
    await server.stop({ keepStore: true });
  }
}
