/**
 * The foundation in a real browser against the real server on the bundled sample park: the map draws in the status
 * colours, a village filter changes the map and the numbers together, colour-by switches palettes, a click opens a
 * parcel, the CSV export holds exactly the parcels on screen, and the URL restores the view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { fromSummaryTable } from '../../server/domain/parcel-summary-table.ts';
import { CLEARANCE_STATUSES, SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { parseCsv } from '../../server/store/read-sample.ts';
import { OUTLINE_MIN_ZOOM, PARCEL_FILL_ALPHA } from '../../web/src/map/layers.ts';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.ts';
import { type HttpSession, signInOverHttp } from '../support/http-session.ts';
import { type RunningServer, startServer } from '../support/server-process.ts';
import {
  afterRedraw,
  classifyPixel,
  numberIn,
  parcelPixels,
  type Rgb,
  readPixels,
  signInPage,
  statusPalette,
  waitForMap,
} from './dashboard-page.ts';

const HQ = { username: 'hq', password: 'demo-hq-2026' };

let server: RunningServer;
let api: HttpSession;
let parcels: ParcelSummary[];

beforeAll(async () => {
  server = await startServer();
  api = await signInOverHttp(server.url, HQ.username, HQ.password);
  parcels = fromSummaryTable(await (await api.send('GET', '/api/parcels/summaries')).json());
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

async function withPage<T>(
  run: (browser: LaunchedBrowser) => Promise<T>,
  viewport?: { width: number; height: number },
) {
  const browser = await launchBrowser(viewport);
  try {
    return await run(browser);
  } finally {
    await browser.close();
  }
}

/** Large parcels of one village spread over the park, easy to hit with a pixel at park scale. */
function sampleParcels(village: string, count: number): ParcelSummary[] {
  const candidates = parcels
    .filter((parcel) => parcel.village === village && parcel.planeArea > 6000)
    .sort((a, b) => b.planeArea - a.planeArea);
  const step = Math.max(1, Math.floor(candidates.length / count));
  return candidates.filter((_, index) => index % step === 0).slice(0, count);
}

describe('the dashboard on the sample park', () => {
  it('draws parcels in their status colours; a village filter hides the others and changes the numbers', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      await signInPage(page, server.url, HQ.username, HQ.password);
      expect(await numberIn(page, 'visible-count')).toBe(parcels.length);

      const inV03 = sampleParcels('V03', 12);
      const inV06 = sampleParcels('V06', 12);
      const pixels = await parcelPixels(
        page,
        [...inV03, ...inV06].map((parcel) => parcel.id),
      );
      const shown = await readPixels(page, pixels.values());

      // Filter to 杉木村 (V03): V06's parcels disappear, V03's stay; the numbers follow.
      await afterRedraw(page, () => page.getByTestId('village-option-V03').click());
      const filtered = await readPixels(page, pixels.values());
      const stats = await (await api.send('GET', '/api/stats?village=V03')).json();
      expect(await numberIn(page, 'visible-count')).toBe(stats.total.households);
      expect(await numberIn(page, 'stats-total-households')).toBe(stats.total.households);
      expect(page.url()).toContain('village=V03');

      // Then 新寨村 (V06) only, to see what lies under V03's parcels when they are hidden.
      await afterRedraw(page, async () => {
        await page.getByTestId('village-option-V03').click();
        await page.getByTestId('village-option-V06').click();
      });
      const swapped = await readPixels(page, pixels.values());

      const ids = [...pixels.keys()];
      const signingPalette = statusPalette(SIGNING_STATUSES);
      let correct = 0;
      let hiddenChanged = 0;
      ids.forEach((id, index) => {
        const parcel = parcels.find((candidate) => candidate.id === id) as ParcelSummary;
        const inV03Sample = parcel.village === 'V03';
        const under = (inV03Sample ? swapped[index] : filtered[index]) as Rgb;
        const status = classifyPixel(shown[index] as Rgb, under, PARCEL_FILL_ALPHA, signingPalette);
        if (status === parcel.signing) correct++;
        const whenHidden = (inV03Sample ? swapped[index] : filtered[index]) as Rgb;
        const before = shown[index] as Rgb;
        const distance = whenHidden.reduce(
          (sum, value, channel) => sum + Math.abs(value - (before[channel] as number)),
          0,
        );
        if (distance > 30 || parcel.signing === 'unsurveyed') hiddenChanged++;
      });
      // A few sample pixels may sit under a village label or a road line: most must be exact.
      expect(ids.length).toBeGreaterThanOrEqual(16);
      expect(correct / ids.length).toBeGreaterThanOrEqual(0.85);
      expect(hiddenChanged / ids.length).toBeGreaterThanOrEqual(0.85);
    }));

  it('switches the colours to the clearance axis', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      await signInPage(page, server.url, HQ.username, HQ.password);
      const sample = sampleParcels('V03', 16);
      const pixels = await parcelPixels(
        page,
        sample.map((parcel) => parcel.id),
      );
      await afterRedraw(page, () => page.getByTestId('colour-by-clearance').click());
      const shown = await readPixels(page, pixels.values());
      await afterRedraw(page, () => page.getByTestId('village-option-V06').click());
      const under = await readPixels(page, pixels.values());
      const clearancePalette = statusPalette(CLEARANCE_STATUSES);
      const ids = [...pixels.keys()];
      expect(ids.length).toBeGreaterThanOrEqual(10);
      const correct = ids.filter((id, index) => {
        const parcel = sample.find((candidate) => candidate.id === id) as ParcelSummary;
        return (
          classifyPixel(shown[index] as Rgb, under[index] as Rgb, PARCEL_FILL_ALPHA, clearancePalette) ===
          parcel.clearance
        );
      }).length;
      expect(correct / ids.length).toBeGreaterThanOrEqual(0.85);
      expect(page.url()).toContain('colourBy=clearance');
      expect(await numberIn(page, 'legend-count-handedOver')).toBe(
        parcels.filter((parcel) => parcel.village === 'V06' && parcel.clearance === 'handedOver').length,
      );
    }));

  it('outlines the parcels when zoomed in, and a filter hides the outlines with the fills', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      await signInPage(page, server.url, HQ.username, HQ.password);
      const [target] = sampleParcels('V03', 1);
      if (!target) throw new Error('the sample has no large parcel in V03');
      // A filter that leaves nothing on the map: V03 with a signing status none of its households has.
      const absent = SIGNING_STATUSES.find(
        (status) => !parcels.some((parcel) => parcel.village === 'V03' && parcel.signing === status.code),
      );
      if (!absent) throw new Error('every signing status occurs in V03');
      const inside = await page.evaluate((id) => window.__parkMap?.pointInParcel(id) ?? null, target.id);
      if (!inside) throw new Error(`no point in parcel ${target.id}`);

      /** The URL's camera on the parcel at `zoom`; then the 5×5 pixels around the middle of one of its edges. */
      const edgePixelsAt = async (zoom: number) => {
        await page.evaluate(
          ([longitude, latitude, zoomLevel]) => {
            window.location.hash = `#${zoomLevel}/${latitude}/${longitude}`;
          },
          [inside[0], inside[1], zoom] as const,
        );
        await page.waitForFunction(
          (zoomLevel) =>
            Math.abs((window.__parkMap?.zoom ?? 0) - zoomLevel) < 0.001 &&
            window.__parkMap?.isMoving() === false,
          zoom,
        );
        // The frame at the new camera on screen (a camera move redraws without new parcel layers).
        await page.waitForTimeout(1000);
        const [x, y] = await page.evaluate((id) => {
          const probe = window.__parkMap;
          const edge = probe?.pointOnParcelEdge(id);
          return edge && probe ? probe.project(edge) : [0, 0];
        }, target.id);
        const points: [number, number][] = [];
        for (let dy = -2; dy <= 2; dy++) {
          for (let dx = -2; dx <= 2; dx++) points.push([Math.round(x) + dx, Math.round(y) + dy]);
        }
        return readPixels(page, points);
      };
      const brightness = (pixel: Rgb) => pixel[0] + pixel[1] + pixel[2];
      const darkest = (pixels: Rgb[]) => Math.min(...pixels.map(brightness));
      const brightest = (pixels: Rgb[]) => Math.max(...pixels.map(brightness));

      // Just below and at the outline zoom: nearly the same pixels (3.5 % apart in scale), without and with outlines.
      const without = await edgePixelsAt(OUTLINE_MIN_ZOOM - 0.05);
      expect(await page.evaluate(() => window.__parkMap?.outlinesVisible)).toBe(false);
      const outlined = await edgePixelsAt(OUTLINE_MIN_ZOOM);
      expect(await page.evaluate(() => window.__parkMap?.outlinesVisible)).toBe(true);
      // A dark hairline now runs through the edge.
      expect(darkest(outlined)).toBeLessThan(darkest(without) - 40);

      await afterRedraw(page, async () => {
        await page.getByTestId('village-option-V03').click();
        await page.getByTestId(`filter-signing-${absent.code}`).click();
      });
      expect(await numberIn(page, 'visible-count')).toBe(0);
      const hidden = await edgePixelsAt(OUTLINE_MIN_ZOOM);
      // Nothing left there: neither the fills nor the hairline, only the (selected) village's own fill.
      expect(brightest(hidden) - darkest(hidden)).toBeLessThan(40);
      expect(Math.abs(brightest(hidden) - brightest(outlined))).toBeGreaterThan(50);
    }));

  it('opens the detail of the parcel that was clicked', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      await signInPage(page, server.url, HQ.username, HQ.password);
      const candidates = sampleParcels('V05', 8);
      const pixels = await parcelPixels(
        page,
        candidates.map((parcel) => parcel.id),
      );
      const target = candidates.find((parcel) => pixels.has(parcel.id));
      const point = pixels.get(target?.id as number) as [number, number];
      await page.mouse.click(point[0], point[1]);
      await expect
        .poll(() => page.getByTestId('parcel-detail-code').textContent(), { timeout: 10_000 })
        .toContain(target?.code as string);
      expect(await page.getByTestId('parcel-detail-id-number').textContent()).toMatch(/\*{8}/);
    }));

  it('exports a CSV with exactly the parcels counted on screen', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      await signInPage(page, server.url, HQ.username, HQ.password);
      await afterRedraw(page, async () => {
        await page.getByTestId('village-option-V05').click();
        await page.getByTestId('filter-signing-signed').click();
      });
      const onScreen = await numberIn(page, 'visible-count');
      expect(onScreen).toBeGreaterThan(0);
      expect(onScreen).toBeLessThan(parcels.length);
      await page.getByTestId('export-menu').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-csv').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/V05_signed_\d{4}-\d{2}-\d{2}\.csv$/);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = parseCsv(text.slice(1)).filter((row) => row.length > 1);
      expect(rows.length - 1).toBe(onScreen);
    }));

  it('reads the park once per load (a refresh with nothing new gets a 304), and not at all when signed out', () =>
    withPage(async ({ context }) => {
      const page = await context.newPage();
      const dataRoutes = ['/api/meta', '/api/villages', '/api/parcels/geometry', '/api/parcels/summaries'];
      const counts = new Map<string, number>();
      let sessionChecks = 0;
      // Reads with a body: a refresh answered 304 (nothing changed) downloads and parses nothing.
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        if (dataRoutes.includes(path) && response.status() === 200)
          counts.set(path, (counts.get(path) ?? 0) + 1);
        if (path === '/api/session' && response.request().method() === 'GET') sessionChecks++;
      });
      await page.goto(server.url);
      await page.getByTestId('sign-in-username').waitFor();
      expect(Object.fromEntries(counts)).toEqual({});

      await page.getByTestId('sign-in-username').fill(HQ.username);
      await page.getByTestId('sign-in-password').fill(HQ.password);
      await page.getByTestId('sign-in-submit').click();
      await page.waitForFunction(() => window.__parkMap?.ready === true, null, { timeout: 90_000 });
      const once = Object.fromEntries(dataRoutes.map((route) => [route, 1]));
      expect(Object.fromEntries(counts)).toEqual(once);

      // A returning operator: the entry module starts the reads before the dashboard's code has loaded, and the
      // dashboard takes them over instead of asking again.
      counts.clear();
      sessionChecks = 0;
      // Once the change stream is live the dashboard re-reads what it may have missed: nothing, here.
      const unchanged = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/api/parcels/summaries' && response.status() === 304,
        { timeout: 60_000 },
      );
      await page.reload();
      await page.waitForFunction(() => window.__parkMap?.ready === true, null, { timeout: 90_000 });
      await unchanged;
      expect(Object.fromEntries(counts)).toEqual(once);
      // The session too: asked again from React, its answer would wait for the map's WebGL start-up, and the
      // park's data with it.
      expect(sessionChecks).toBe(1);
    }));

  it('serves the production build of the web, whatever NODE_ENV the server was started with', async () => {
    // The tests start the server with vitest's NODE_ENV=test; React's development build renders several times slower.
    const html = await (await fetch(server.url)).text();
    const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    for (const path of scripts) {
      const script = await (await fetch(new URL(path, server.url))).text();
      expect(script.includes('jsxDEV'), `${path} is a development build`).toBe(false);
    }
  });

  it('on a phone, shows the whole park between the search box and the time slider once the panels are in', async () => {
    const meta = (await (await api.send('GET', '/api/meta')).json()) as {
      park: { bbox: [number, number, number, number] };
    };
    const [west, south, east, north] = meta.park.bbox;
    const seen = await withPage(
      async ({ context }) => {
        const page = await context.newPage();
        await signInPage(page, server.url, HQ.username, HQ.password);
        // The panels below the map are in (they take their data after the map's first parcels), and with them the
        // time slider over the map's bottom.
        await page.locator('.time-slider').waitFor();
        await expect.poll(() => numberIn(page, 'visible-count'), { timeout: 20_000 }).toBeGreaterThan(0);
        await waitForMap(page);
        const corners = await page.evaluate(
          (points) => points.map((point) => window.__parkMap?.project(point) ?? [Number.NaN, Number.NaN]),
          [
            [west, south],
            [east, south],
            [east, north],
            [west, north],
          ] as [number, number][],
        );
        return {
          corners,
          map: await page.locator('.maplibregl-canvas').boundingBox(),
          search: await page.locator('.map-search').boundingBox(),
          slider: await page.locator('.time-slider').boundingBox(),
        };
      },
      { width: 390, height: 844 },
    );
    type Box = { x: number; y: number; width: number; height: number };
    const [map, search, slider] = [seen.map, seen.search, seen.slider] as [Box, Box, Box];
    // The map shares the screen with the panels: the park must fit the map as it ended up.
    expect(map.height).toBeLessThan(600);
    const free = { left: map.x, right: map.x + map.width, top: search.y + search.height, bottom: slider.y };
    for (const [x, y] of seen.corners) {
      expect(x).toBeGreaterThanOrEqual(free.left);
      expect(x).toBeLessThanOrEqual(free.right);
      expect(y).toBeGreaterThanOrEqual(free.top);
      expect(y).toBeLessThanOrEqual(free.bottom);
    }
    // Fitted, not merely inside: the park spans most of the free width or height.
    const [southWest, southEast, northEast] = seen.corners as [
      [number, number],
      [number, number],
      [number, number],
    ];
    const spanX = (southEast[0] - southWest[0]) / (free.right - free.left);
    const spanY = (southEast[1] - northEast[1]) / (free.bottom - free.top);
    expect(Math.max(spanX, spanY)).toBeGreaterThan(0.75);
  });

  it('restores the same view from the URL in a new browser, in English', async () => {
    const sent = await withPage(async ({ context }) => {
      const page = await context.newPage();
      await signInPage(page, server.url, HQ.username, HQ.password);
      await afterRedraw(page, async () => {
        await page.getByTestId('village-option-V02').click();
        await page.getByTestId('colour-by-clearance').click();
      });
      await page.getByTestId('language-en').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toMatch(/^en/);
      return { url: page.url(), count: await numberIn(page, 'visible-count') };
    });
    // A colleague opens the link in their own browser and signs in.
    const received = await withPage(async ({ context }) => {
      const page = await context.newPage();
      await signInPage(page, sent.url, HQ.username, HQ.password);
      return {
        url: page.url(),
        count: await numberIn(page, 'visible-count'),
        pressed: await page.getByTestId('village-option-V02').getAttribute('aria-pressed'),
        header: await page.getByTestId('app-header').textContent(),
      };
    });
    expect(received.count).toBe(sent.count);
    expect(received.count).toBe(parcels.filter((parcel) => parcel.village === 'V02').length);
    expect(received.pressed).toBe('true');
    expect(received.url).toContain('colourBy=clearance');
    expect(received.header).toContain('Parcel Command Map');
  });
});
