/** What the browser tests do with the dashboard: sign in, wait for the map, read pixels and numbers. */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { hexToRgba } from '../../server/domain/statuses.ts';

export type Rgb = [number, number, number];

/** Status code → opaque RGB of the domain table's colour, for `classifyPixel`. */
export function statusPalette(statuses: readonly { code: string; color: string }[]): Map<string, Rgb> {
  return new Map(statuses.map((status) => [status.code, hexToRgba(status.color).slice(0, 3) as Rgb]));
}

export async function signInPage(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await waitForMap(page);
}

export async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__parkMap?.parkLayersShown === true, null, { timeout: 90_000 });
  // The first frame may come before the camera settles (the park is fitted once the panels have their size):
  // pixels are only comparable once a fixed point stays put on screen.
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const probe = window.__parkMap;
        if (!probe || probe.isMoving?.()) return resolve(false);
        const before = probe.project([106.65, 26.62]);
        setTimeout(() => {
          const after = probe.project([106.65, 26.62]);
          resolve(!probe.isMoving?.() && before[0] === after[0] && before[1] === after[1]);
        }, 400);
      }),
    null,
    { timeout: 30_000, polling: 100 },
  );
}

/** Waits until the parcel layer has redrawn after an action (the probe counts redraws). */
export async function afterRedraw(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await page.evaluate(() => window.__parkMap?.redrawCount ?? 0);
  await action();
  await page.waitForFunction((count) => (window.__parkMap?.redrawCount ?? 0) > count, before, {
    timeout: 30_000,
  });
  // One more animation frame so the composited canvas shows the new frame.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/**
 * Screen positions (CSS pixels) of a point inside each parcel, for the parcels whose point is not covered by a
 * panel, the feed dock or a control (the topmost element there is the map canvas).
 */
export async function parcelPixels(
  page: Page,
  parcelIds: readonly number[],
): Promise<Map<number, [number, number]>> {
  const entries = await page.evaluate((ids) => {
    const probe = window.__parkMap;
    if (!probe) return [];
    return ids.flatMap((id) => {
      const point = probe.pointInParcel(id);
      if (!point) return [];
      const [x, y] = probe.project(point);
      return document.elementFromPoint(x, y) instanceof HTMLCanvasElement ? [[id, [x, y]] as const] : [];
    });
  }, parcelIds);
  return new Map(entries.map(([id, [x, y]]) => [id, [Math.round(x), Math.round(y)]]));
}

/** The colours of the given screen pixels, from one screenshot. */
export async function readPixels(page: Page, points: Iterable<[number, number]>): Promise<Rgb[]> {
  const png = PNG.sync.read(await page.screenshot({ type: 'png' }));
  return [...points].map(([x, y]) => {
    const offset = (png.width * y + x) << 2;
    return [png.data[offset] as number, png.data[offset + 1] as number, png.data[offset + 2] as number];
  });
}

/**
 * The status colour a pixel shows, given the same pixel with the parcel hidden (`under`) and the fill alpha:
 * undo the blend, then take the nearest colour of the palette.
 */
export function classifyPixel(
  pixel: Rgb,
  under: Rgb,
  alpha: number,
  palette: ReadonlyMap<string, Rgb>,
): string {
  const opacity = alpha / 255;
  const implied = pixel.map(
    (channel, index) => (channel - (1 - opacity) * (under[index] as number)) / opacity,
  );
  let best = '';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [code, colour] of palette) {
    const distance = colour.reduce((sum, value, index) => sum + (value - (implied[index] as number)) ** 2, 0);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = code;
    }
  }
  return best;
}

export async function numberIn(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  return Number(text.replace(/[^\d.]/g, ''));
}
