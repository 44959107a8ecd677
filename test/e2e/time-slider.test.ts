/**
 * The map's time slider in a real browser against the real server on the sample park: a past day re-colours the
 * parcels that changed since then to their statuses of that day (read from the screen), a live change arriving
 * meanwhile does not repaint the past, and "now" restores the live colours, the new change included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { fromSummaryTable } from '../../server/domain/parcel-summary-table.ts';
import { SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { PARCEL_FILL_ALPHA } from '../../web/src/map/layers.ts';
import { decodeStatusBytes } from '../../web/src/state/time-slider.ts';
import { daysBetween } from '../../web/src/state/time-slider-dates.ts';
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

const PAST = '2026-10-12';
const palette = statusPalette(SIGNING_STATUSES);

let server: RunningServer;
let url: string;
let hq: HttpSession;
let parcels: ParcelSummary[];
let past: { signing: string[]; clearance: string[] };

beforeAll(async () => {
  server = await startServer();
  url = server.url;
  hq = await signInOverHttp(url, 'hq', 'demo-hq-2026');
  parcels = fromSummaryTable(await (await hq.send('GET', '/api/parcels/summaries')).json());
  const bytes = new Uint8Array(
    await (await hq.send('GET', `/api/parcels/status?asOf=${PAST}`)).arrayBuffer(),
  );
  past = decodeStatusBytes(bytes, parcels.length);
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

/** The palette entry nearest to a pixel, undoing the fill's blend over the map's background. */
const nearestStatus = (pixel: Rgb, background: Rgb) =>
  classifyPixel(pixel, background, PARCEL_FILL_ALPHA, palette);

describe('the time slider', () => {
  it('shows a past day in that day’s colours, keeps it while live changes arrive, and returns to now', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await signInPage(page, url, 'hq', 'demo-hq-2026');
      // Large parcels whose signing status changed since the past day (signed now, not then).
      const changed = parcels
        .map((parcel, index) => ({ parcel, index }))
        .filter(
          ({ parcel, index }) =>
            parcel.signing === 'signed' && past.signing[index] !== 'signed' && parcel.planeArea > 4000,
        )
        .sort((first, second) => second.parcel.planeArea - first.parcel.planeArea)
        .slice(0, 40);
      const pixels = await parcelPixels(
        page,
        changed.map(({ parcel }) => parcel.id),
      );
      const candidates = changed.filter(({ parcel }) => pixels.has(parcel.id));
      const background = (await page.evaluate(() => {
        const colour = getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? [];
        return colour.slice(0, 3).map(Number);
      })) as Rgb;
      // Points a road, boundary or village name crosses show another colour: only points showing the live status
      // are sampled (they must be most of them), so each can be read again on the past day.
      const liveAll = await readPixels(
        page,
        candidates.map(({ parcel }) => pixels.get(parcel.id) as [number, number]),
      );
      const clean = candidates.filter(
        (_, position) => nearestStatus(liveAll[position] as Rgb, background) === 'signed',
      );
      expect(clean.length).toBeGreaterThanOrEqual(Math.max(6, candidates.length * 0.7));
      const sample = clean.slice(0, 12);
      const points = sample.map(({ parcel }) => pixels.get(parcel.id) as [number, number]);

      const progress = await (await hq.send('GET', '/api/reports/progress')).json();
      await afterRedraw(page, () =>
        page.getByTestId('time-slider-range').fill(String(daysBetween(progress.from, PAST))),
      );
      await page.waitForFunction((date) => window.__parkMap?.historicalDate === date, PAST);
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      expect(await page.getByTestId('time-slider-badge').textContent()).toContain(PAST);
      const then = await readPixels(page, points);
      const thenStatuses = then.map((pixel) => nearestStatus(pixel, background));
      // A rounded pixel near a parcel's edge may fall on its neighbour, whose past differs: most, not all, must match.
      const matching = thenStatuses.filter(
        (status, position) => status === past.signing[sample[position]?.index ?? -1],
      );
      expect(matching.length).toBeGreaterThanOrEqual(Math.ceil(sample.length * 0.8));
      expect(thenStatuses.filter((status) => status === 'signed').length).toBeLessThanOrEqual(
        sample.length * 0.2,
      );
      expect(
        await page.evaluate(
          (ids) => ids.map((id) => window.__parkMap?.shownStatusOf(id)?.signing),
          sample.map(({ parcel }) => parcel.id),
        ),
      ).toEqual(sample.map(({ index }) => past.signing[index]));

      // A household unsurveyed both then and now is surveyed meanwhile: the summaries update, the past stays.
      const untouched = parcels.find(
        (parcel, index) => parcel.signing === 'unsurveyed' && past.signing[index] === 'unsurveyed',
      ) as ParcelSummary;
      const response = await hq.send(
        'POST',
        `/api/parcels/${untouched.id}/transitions`,
        { axis: 'signing', to: 'surveyed', note: 'e2e: time slider' },
        { 'If-Match': `"v${untouched.version}"` },
      );
      expect(response.status).toBe(201);
      await page.waitForFunction(
        ([id, version]) => (window.__parkMap?.statusOf(id)?.version ?? 0) > version,
        [untouched.id, untouched.version] as const,
        { timeout: 30_000 },
      );
      expect(await page.evaluate((id) => window.__parkMap?.shownStatusOf(id)?.signing, untouched.id)).toBe(
        'unsurveyed',
      );
      expect(await page.evaluate(() => window.__parkMap?.historicalDate)).toBe(PAST);
      expect(await readPixels(page, points)).toEqual(then);

      // Now: the live colours again, the change made meanwhile included.
      await afterRedraw(page, () => page.getByTestId('time-slider-now').click());
      expect(await page.evaluate(() => window.__parkMap?.historicalDate)).toBeNull();
      expect(await page.getByTestId('time-slider-badge').count()).toBe(0);
      // Read until the screen shows the frame just drawn: a screenshot can still hold the composited frame before.
      // Each parcel's point is projected again: a late layout change (a panel's lazy content) may have moved the map.
      const ids = sample.map(({ parcel }) => parcel.id);
      await expect
        .poll(
          async () => {
            const now = await parcelPixels(page, ids);
            const nowPoints = ids.map(
              (id, position) => now.get(id) ?? (points[position] as [number, number]),
            );
            return (await readPixels(page, nowPoints)).map((pixel) => nearestStatus(pixel, background));
          },
          { timeout: 10_000 },
        )
        .toEqual(sample.map(() => 'signed'));
      expect(await page.evaluate((id) => window.__parkMap?.shownStatusOf(id)?.signing, untouched.id)).toBe(
        'surveyed',
      );
    } finally {
      await browser.close();
    }
  });
});
