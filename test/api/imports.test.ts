/**
 * The web import (`/api/imports`) over a real GeoPackage: upload → background read and validation → report →
 * commit whole or nothing. Files are GeoJSON written here, in the survey's Chinese field names.
 */

import type { Feature, Polygon } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { ellipsoidArea, planeArea } from '../../server/domain/areas.ts';
import { fromSummaryTable, type ParcelSummaryTable } from '../../server/domain/parcel-summary-table.ts';
import type { ParcelStore } from '../../server/store/parcel-store.ts';
import { addTestUser, type SignedIn, signIn, withSignedInApp } from '../support/api-session.ts';
import { square } from '../support/geometry.ts';
import { temporaryStore } from '../support/test-park.ts';

const WEST = 106.64;
const SOUTH = 26.61;

type SurveyProperties = Record<string, string | number | null>;

function survey(features: Feature<Polygon, SurveyProperties>[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function parcel(code: string, village: string, geometry: Polygon, extra: SurveyProperties = {}) {
  return {
    type: 'Feature' as const,
    geometry,
    properties: { 宗地编码: code, 户主: `户主${code.slice(-2)}`, 村名: village, 地类: '宅基地', ...extra },
  };
}

async function upload(session: SignedIn, fileName: string, body: string | Uint8Array, query = '') {
  return session.request(`/api/imports?fileName=${encodeURIComponent(fileName)}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: body as BodyInit,
  });
}

interface SessionView {
  id: string;
  progress: { phase: string };
  error: { zh: string; en: string } | null;
  prepared: {
    canCommit: boolean;
    source: { records: number; crs: { epsg: number } };
    report: {
      counts: { errors: number; records: number };
      findings: { severity: string; kind: string; recordIndex: number | null; zh: string; en: string }[];
      total: {
        households: number;
        ellipsoidArea: { squareMetres: number };
        planeArea: { squareMetres: number };
      };
      diff: { added: number; changed: number; removed: number; unchanged: number };
    } | null;
  } | null;
}

async function settled(session: SignedIn, id: string): Promise<SessionView> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const view = (await (await session.request(`/api/imports/${id}`)).json()) as SessionView;
    if (view.progress.phase === 'ready' || view.progress.phase === 'failed') return view;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('import did not settle');
}

function fingerprint(store: ParcelStore) {
  return JSON.stringify({
    parcels: store
      .parcels()
      .map((summary) => [summary.code, summary.version, summary.signing, summary.holder]),
    events: store.events({}).length,
    geometryRevision: store.geometryRevision(),
  });
}

describe('web import of a survey delivery', () => {
  it('reports, then commits: new parcels added, existing ones updated without touching their statuses', async () => {
    await withSignedInApp(async ({ store, session }) => {
      const existing = store.parcels()[0];
      if (!existing) throw new Error('test park has no parcels');
      const eventsBefore = store.events({ parcelId: existing.id }).length;
      const geometryRevisionBefore = store.geometryRevision();
      const moved = square(WEST + 0.01, SOUTH, 0.0003);
      const added = square(WEST + 0.0004, SOUTH + 0.0006, 0.0003);
      const file = survey([
        // An existing parcel re-surveyed: new geometry and holder; the file's status must not be applied.
        parcel(existing.code, '东岭村', moved, { 户主: '新户主', 签约状态: '未调查' }),
        // A new parcel in a village named by its name.
        parcel('520115-V02-0099', '西溪村', added, { 建筑面积: '120.5', 结构: '砖混' }),
      ]);
      const created = await upload(session, '成果.geojson', file);
      expect(created.status).toBe(202);
      const view = await settled(session, ((await created.json()) as SessionView).id);
      expect(view.error).toBeNull();
      const report = view.prepared?.report;
      expect(view.prepared?.canCommit).toBe(true);
      expect(report?.counts.records).toBe(2);
      expect(report?.diff.added).toBe(1);
      expect(report?.diff.changed).toBe(1);
      // Totals are the area engine's over the delivered geometry, reported to the hundredth of a square metre.
      expect(report?.total.ellipsoidArea.squareMetres).toBeCloseTo(
        ellipsoidArea(moved) + ellipsoidArea(added),
        2,
      );
      expect(report?.total.planeArea.squareMetres).toBeCloseTo(
        planeArea(moved, store.park.zone) + planeArea(added, store.park.zone),
        2,
      );
      // Nothing is written before the commit.
      expect(store.parcels().some((summary) => summary.code === '520115-V02-0099')).toBe(false);

      const commit = await session.request(`/api/imports/${view.id}/commit`, { method: 'POST' });
      expect(commit.status).toBe(200);
      const committed = (await commit.json()) as {
        result: { added: { codes: string[] }; changed: { codes: string[] } };
      };
      expect(committed.result.added.codes).toEqual(['520115-V02-0099']);
      expect(committed.result.changed.codes).toEqual([existing.code]);

      const updated = store.parcels().find((summary) => summary.code === existing.code);
      expect(updated?.holder).toBe('新户主');
      expect(updated?.signing).toBe(existing.signing);
      expect(updated?.version).toBe(existing.version + 1);
      expect(updated?.ellipsoidArea).toBeCloseTo(ellipsoidArea(moved), 9);
      expect(store.events({ parcelId: existing.id }).length).toBe(eventsBefore);
      const newParcel = store.parcels().find((summary) => summary.code === '520115-V02-0099');
      expect(newParcel).toMatchObject({ village: 'V02', signing: 'unsurveyed', structure: 'brickConcrete' });
      expect(newParcel?.buildingArea).toBe(120.5);
      expect(store.geometryRevision()).toBeGreaterThan(geometryRevisionBefore);
      // The map's data follows: the summaries and the spatial index know the new parcel.
      const summaries = (await (
        await session.request('/api/parcels/summaries')
      ).json()) as ParcelSummaryTable;
      expect(fromSummaryTable(summaries).some((summary) => summary.code === '520115-V02-0099')).toBe(true);
      expect(store.parcelIdsInBounds([WEST + 0.01, SOUTH, WEST + 0.0103, SOUTH + 0.0003])).toContain(
        existing.id,
      );
    });
  });

  it('keeps what a delivery does not carry: unmapped fields and masked ID numbers and phones', async () => {
    await withSignedInApp(async ({ store, session }) => {
      const existing = store.records().find((record) => record.summary.buildingArea !== null);
      if (!existing?.idNumber || !existing.phone) throw new Error('test park parcel without personal data');
      const geometry = existing.geometry as Polygon;
      // No 地类, 建筑面积 or 结构 columns; ID number and phone as every export masks them.
      const file = survey([
        {
          type: 'Feature',
          geometry,
          properties: {
            宗地编码: existing.summary.code,
            户主: '更正后户主',
            村名: existing.summary.village,
            身份证号: '5201**********1234',
            联系电话: '138****0000',
          },
        },
      ]);
      const created = await upload(session, 'partial.geojson', file);
      const view = await settled(session, ((await created.json()) as SessionView).id);
      expect(view.prepared?.report?.diff).toMatchObject({ changed: 1, added: 0 });
      expect((await session.request(`/api/imports/${view.id}/commit`, { method: 'POST' })).status).toBe(200);
      const after = store.parcel(existing.summary.id);
      expect(after?.summary.holder).toBe('更正后户主');
      expect(after?.summary.landClass).toBe(existing.summary.landClass);
      expect(after?.summary.buildingArea).toBe(existing.summary.buildingArea);
      expect(after?.summary.structure).toBe(existing.summary.structure);
      expect(after?.idNumber).toBe(existing.idNumber);
      expect(after?.phone).toBe(existing.phone);
    });
  });

  it('takes a per-village file without a village column once every record is given the village', async () => {
    await withSignedInApp(async ({ store, session }) => {
      const file = survey([
        {
          type: 'Feature',
          geometry: square(WEST + 0.02, SOUTH, 0.0003),
          properties: { 宗地编码: 'XX-1', 户主: '孙甲' },
        },
      ]);
      const created = await upload(session, 'xixi.geojson', file);
      const first = await settled(session, ((await created.json()) as SessionView).id);
      expect(first.prepared?.canCommit).toBe(false);
      expect(first.prepared?.report?.findings.some((finding) => finding.kind === 'missing-value')).toBe(true);
      const mapping = { code: '宗地编码', holder: '户主', village: '=西溪村' };
      const updated = await session.send('PUT', `/api/imports/${first.id}`, { mapping });
      expect(updated.status).toBe(202);
      const second = await settled(session, first.id);
      expect(second.prepared?.canCommit).toBe(true);
      expect((await session.request(`/api/imports/${first.id}/commit`, { method: 'POST' })).status).toBe(200);
      expect(store.parcels().find((parcel) => parcel.code === 'XX-1')?.village).toBe('V02');
    });
  });

  it('refuses to commit a report with errors, and the store stays exactly as it was', async () => {
    await withSignedInApp(async ({ store, session }) => {
      const before = fingerprint(store);
      const file = survey([
        parcel('DUP-1', '东岭村', square(WEST, SOUTH + 0.01, 0.0003)),
        parcel('DUP-1', '东岭村', square(WEST + 0.001, SOUTH + 0.01, 0.0003)),
        parcel('OK-1', '东岭村', square(WEST + 0.002, SOUTH + 0.01, 0.0003), { 签约状态: '差不多签了' }),
      ]);
      const created = await upload(session, 'bad.geojson', file);
      const view = await settled(session, ((await created.json()) as SessionView).id);
      expect(view.prepared?.canCommit).toBe(false);
      const findings = view.prepared?.report?.findings ?? [];
      expect(
        findings.some((finding) => finding.kind === 'duplicate-code' && finding.severity === 'error'),
      ).toBe(true);
      const unknown = findings.find((finding) => finding.zh.includes('差不多签了'));
      expect(unknown?.severity).toBe('error');
      expect(unknown?.en).toContain('差不多签了');
      const commit = await session.request(`/api/imports/${view.id}/commit`, { method: 'POST' });
      expect(commit.status).toBe(409);
      expect(fingerprint(store)).toBe(before);

      const csv = await session.request(`/api/imports/${view.id}/report.csv`);
      expect(csv.status).toBe(200);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      // A byte-order mark first, so Excel opens the Chinese text as UTF-8.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes)).toContain('DUP-1');
    });
  });

  it('gives a clear error for a file that cannot be read, and cancelling ends the session', async () => {
    await withSignedInApp(async ({ store, session }) => {
      const before = fingerprint(store);
      // A zip cut off in the middle.
      const truncated = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
      const created = await upload(session, 'survey.zip', truncated);
      expect(created.status).toBe(202);
      const view = await settled(session, ((await created.json()) as SessionView).id);
      expect(view.progress.phase).toBe('failed');
      expect(view.error?.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(view.error?.en.length).toBeGreaterThan(0);
      const cancelled = await session.request(`/api/imports/${view.id}`, { method: 'DELETE' });
      expect(cancelled.status).toBe(204);
      expect((await session.request(`/api/imports/${view.id}`)).status).toBe(404);
      expect(fingerprint(store)).toBe(before);
    });
  });

  it('reads a file that declares no coordinate system once it is given, and forgets it when cleared', async () => {
    await withSignedInApp(async ({ session }) => {
      // One 30 m square in CGCS2000 / 3-degree GK CM 108E (EPSG:4545) metres, without an SRID.
      const [x, y] = proj4(
        'EPSG:4326',
        '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m',
      ).forward([WEST, SOUTH]) as [number, number];
      const wkt = `POLYGON((${x} ${y},${x + 30} ${y},${x + 30} ${y + 30},${x} ${y + 30},${x} ${y}))`;
      const created = await upload(
        session,
        'gk.csv',
        `宗地编码,户主,村名,WKT\r\nGK-1,孙甲,新寨村,"${wkt}"\r\n`,
      );
      const first = await settled(session, ((await created.json()) as SessionView).id);
      expect(first.progress.phase).toBe('failed');
      expect(first.error?.en).toContain('no coordinate system declared');
      expect((await session.send('PUT', `/api/imports/${first.id}`, { crs: 4545 })).status).toBe(202);
      const read = await settled(session, first.id);
      expect(read.progress.phase).toBe('ready');
      expect(read.prepared?.source.crs.epsg).toBe(4545);
      expect(read.prepared?.report?.total.planeArea.squareMetres).toBeCloseTo(900, 4);
      expect((await session.send('PUT', `/api/imports/${first.id}`, { crs: null })).status).toBe(202);
      expect((await settled(session, first.id)).progress.phase).toBe('failed');
    });
  });

  it('refuses to commit a report made before another import was committed, until it is checked again', async () => {
    await withSignedInApp(async ({ store, session }) => {
      const first = await upload(
        session,
        'a.geojson',
        survey([parcel('CC-A', '东岭村', square(WEST + 0.03, SOUTH, 0.0003))]),
      );
      const second = await upload(
        session,
        'b.geojson',
        survey([parcel('CC-B', '东岭村', square(WEST + 0.031, SOUTH, 0.0003))]),
      );
      const a = await settled(session, ((await first.json()) as SessionView).id);
      const b = await settled(session, ((await second.json()) as SessionView).id);
      expect((await session.request(`/api/imports/${b.id}/commit`, { method: 'POST' })).status).toBe(200);
      // B again: already committed, and said so.
      const again = await session.request(`/api/imports/${b.id}/commit`, { method: 'POST' });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: string }).error).toBe(
        '该导入已提交 / This import has been committed',
      );
      // A's report was made against the park before B: refused, nothing written.
      const stale = await session.request(`/api/imports/${a.id}/commit`, { method: 'POST' });
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as { error: string }).error).toContain('check again before committing');
      expect(store.parcels().some((parcel) => parcel.code === 'CC-A')).toBe(false);
      // Checked again, it commits.
      expect((await session.send('PUT', `/api/imports/${a.id}`, {})).status).toBe(202);
      await settled(session, a.id);
      expect((await session.request(`/api/imports/${a.id}/commit`, { method: 'POST' })).status).toBe(200);
      expect(store.parcels().some((parcel) => parcel.code === 'CC-A')).toBe(true);
    });
  });

  it('is for the command centre only, and needs the CSRF token', async () => {
    await withSignedInApp(
      async ({ session }) => {
        const response = await upload(session, 'x.geojson', survey([]));
        expect(response.status).toBe(403);
      },
      'team',
      ['V01'],
    );
    await withSignedInApp(async ({ app, session }) => {
      const response = await app.request('/api/imports?fileName=x.geojson', {
        method: 'POST',
        headers: { Cookie: session.cookie },
        body: survey([]),
      });
      expect(response.status).toBe(403);
    });
  });

  it('refuses an upload over the size limit with 413 and keeps nothing', async () => {
    const temporary = temporaryStore();
    try {
      const app = createApp(temporary.store, { importLimitBytes: 1000 });
      await addTestUser(temporary.store, 'hq', 'hq');
      const session = await signIn(app, 'hq');
      const large = survey(
        Array.from({ length: 40 }, (_, index) =>
          parcel(`BIG-${index}`, '东岭村', square(WEST, SOUTH + index * 0.001, 0.0003)),
        ),
      );
      expect(large.length).toBeGreaterThan(1000);
      const response = await upload(session, 'large.geojson', large);
      expect(response.status).toBe(413);
      const body = (await response.json()) as { error: string };
      expect(body.error).toContain('MB');
    } finally {
      temporary.remove();
    }
  });
});
