/**
 * `/api/public/publicity/…`: the 公示 board, served without a session (mounted before the sign-in guard). Only what
 * `publicityBoard` assembles from its allow-list leaves through here; ID numbers and phones never do.
 */
import { Hono } from 'hono';
import { chinaDate } from '../domain/china-time.ts';
import { encodeQrCode, qrCodeSvg } from '../domain/qr-code.ts';
import { publicityXlsx } from '../export/publicity-xlsx.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { CONTENT_TYPES, downloadHeaders } from './download.ts';
import { errorBody } from './errors.ts';
import { type PublicityBoard, publicityBoard } from './publicity-board.ts';

export function publicityRoutes(store: ParcelStore) {
  // One board per village and state of the data; the day matters too, since it picks the table in effect.
  const cache = new Map<string, PublicityBoard>();
  function board(village: string): { board: PublicityBoard | undefined; tag: string } {
    const key = `${store.revision()}-${store.compensation.revision()}-${chinaDate(new Date())}`;
    const tag = `"publicity-${village}-${key}"`;
    const cacheKey = `${village}:${key}`;
    if (!cache.has(cacheKey)) {
      const built = publicityBoard(store, village);
      if (!built) return { board: undefined, tag };
      if (cache.size > 64) cache.clear();
      cache.set(cacheKey, built);
    }
    return { board: cache.get(cacheKey), tag };
  }
  const notFound = (village: string) =>
    errorBody({ zh: `没有村代码为 ${village} 的村`, en: `No village with code ${village}` }, [
      { field: 'village', value: village, zh: '村不存在', en: 'unknown village' },
    ]);

  return new Hono()
    .get('/', (c) =>
      c.json({
        park: { name: store.park.name, nameEn: store.park.nameEn },
        villages: store.villages().map((village) => ({
          code: village.code,
          name: village.name,
          nameEn: village.nameEn,
        })),
      }),
    )
    .get('/:village', (c) => {
      const village = c.req.param('village');
      const { board: found, tag } = board(village);
      if (!found) return c.json(notFound(village), 404);
      if (c.req.header('If-None-Match') === tag) return c.body(null, 304, { ETag: tag });
      c.header('ETag', tag);
      c.header('Cache-Control', 'no-cache');
      return c.json(found);
    })
    .get('/:village/xlsx', async (c) => {
      const village = c.req.param('village');
      const { board: found } = board(village);
      if (!found) return c.json(notFound(village), 404);
      const fileName = `征收补偿公示_publicity_${found.village.name}_${village}_${chinaDate(new Date())}.xlsx`;
      const bytes = await publicityXlsx(found);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, downloadHeaders(fileName, CONTENT_TYPES.xlsx));
    })
    .get('/:village/qr.svg', (c) => {
      const village = c.req.param('village');
      if (!store.villages().some((candidate) => candidate.code === village))
        return c.json(notFound(village), 404);
      // The live page on the host the request reached: what a phone on the same network can open.
      const url = `${new URL(c.req.url).origin}/publicity/${encodeURIComponent(village)}`;
      return c.body(qrCodeSvg(encodeQrCode(url), { title: url }), 200, {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
    });
}
