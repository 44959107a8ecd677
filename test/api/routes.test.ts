import { describe, expect, it } from 'vitest';
import { unpackSummaryTable } from '../../server/domain/packed-summary-table.ts';
import {
  decodePackedSummaries,
  PACKED_SUMMARIES_MEDIA_TYPE,
} from '../../server/domain/packed-summary-wire.ts';
import { decodeParcelGeometry } from '../../server/domain/parcel-geometry-binary.ts';
import { fromSummaryTable, type ParcelSummaryTable } from '../../server/domain/parcel-summary-table.ts';
import type { StatisticsTable } from '../../server/domain/statistics.ts';
import { SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import { withSignedInApp } from '../support/api-session.ts';
import { TEST_PARCELS } from '../support/test-park.ts';

const TOTAL_PARCELS = Object.values(TEST_PARCELS).flat().length;

describe('GET /api/meta', () => {
  it('serves the one status table, the park and the Gauss-Krüger zone', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/meta');
      expect(response.status).toBe(200);
      const meta = await response.json();
      expect(meta.statuses.signing).toEqual(SIGNING_STATUSES);
      expect(meta.zone.epsg).toBe(4545);
      expect(meta.park.name).toBe('测试园区');
      expect(meta.parcelCount).toBe(TOTAL_PARCELS);
      expect(meta.asOf).toBe('2026-11-20T08:00:00+08:00');
    }));
});

describe('GET /api/villages', () => {
  it('returns village boundaries with a label point inside each', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const collection = await (await request('/api/villages')).json();
      expect(collection.type).toBe('FeatureCollection');
      expect(
        collection.features.map((feature: { properties: { code: string } }) => feature.properties.code),
      ).toEqual(['V01', 'V02']);
      const [longitude, latitude] = collection.features[0].properties.labelPoint;
      expect(longitude).toBeGreaterThan(106.64);
      expect(latitude).toBeGreaterThan(26.61);
    }));
});

describe('GET /api/parcels', () => {
  it('filters by village and status and carries an ETag that answers 304', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/parcels?village=V01&signing=signed,ruled');
      expect(response.status).toBe(200);
      const collection = await response.json();
      const expected = (TEST_PARCELS.V01 ?? []).filter((parcel) =>
        ['signed', 'ruled'].includes(parcel.signing),
      ).length;
      expect(collection.features).toHaveLength(expected);
      for (const feature of collection.features) {
        expect(feature.properties.village).toBe('V01');
        expect(feature.properties).not.toHaveProperty('idNumber');
        expect(feature.properties).not.toHaveProperty('phone');
      }
      const tag = response.headers.get('ETag');
      expect(tag).toBeTruthy();
      const again = await request('/api/parcels?village=V01&signing=signed,ruled', {
        headers: { 'If-None-Match': tag as string },
      });
      expect(again.status).toBe(304);
      const otherFilter = await request('/api/parcels?village=V02', {
        headers: { 'If-None-Match': tag as string },
      });
      expect(otherFilter.status).toBe(200);
    }));

  it('refuses an unknown village or status with 400 naming the field and value', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/parcels?village=V99&signing=finished');
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error).toContain('Invalid query parameters');
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'village', value: 'V99' }),
        expect.objectContaining({ field: 'signing', value: 'finished' }),
      ]);
    }));

  it('answers a bounding box from the spatial index, and refuses a malformed one', () =>
    withSignedInApp(async ({ session: { request } }) => {
      // The first three parcels of V01 lie in 106.6400–106.6412 (each 0.0004° wide).
      const inBox = await (await request('/api/parcels?bbox=106.6401,26.6101,106.6409,26.6102')).json();
      const codes = inBox.features.map(
        (feature: { properties: { code: string } }) => feature.properties.code,
      );
      expect(codes.sort()).toEqual(['520115-V01-0001', '520115-V01-0002', '520115-V01-0003']);
      const bad = await request('/api/parcels?bbox=1,2,3');
      expect(bad.status).toBe(400);
      expect((await bad.json()).details[0].field).toBe('bbox');
    }));

  it('compresses the collection when the client accepts gzip', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/parcels', { headers: { 'Accept-Encoding': 'gzip' } });
      expect(response.headers.get('Content-Encoding')).toBe('gzip');
    }));

  it('answers a write uncompressed, with its strong ETag, even when the client accepts gzip', () =>
    withSignedInApp(async ({ session }) => {
      const response = await session.send(
        'POST',
        '/api/parcels/4/transitions',
        { axis: 'signing', to: 'signed', note: '签订补偿协议' },
        { 'Accept-Encoding': 'gzip' },
      );
      expect(response.status).toBe(201);
      expect(response.headers.get('Content-Encoding')).toBeNull();
      expect(response.headers.get('ETag')).toBe('"v2"');
    }));
});

describe('GET /api/parcels/geometry and /summaries', () => {
  it('serve the same parcels in the same order, geometry as a gzip binary buffer', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const geometryResponse = await request('/api/parcels/geometry');
      expect(geometryResponse.headers.get('Content-Type')).toBe('application/octet-stream');
      const geometry = decodeParcelGeometry(await geometryResponse.arrayBuffer());
      const table = (await (await request('/api/parcels/summaries')).json()) as ParcelSummaryTable;
      const summaries = fromSummaryTable(table);
      expect(summaries.map((summary) => summary.id)).toEqual([...geometry.parcelIds]);
      expect(geometry.parcelCount).toBe(TOTAL_PARCELS);
      const gzipped = await request('/api/parcels/geometry', {
        headers: { 'Accept-Encoding': 'gzip, br' },
      });
      expect(gzipped.headers.get('Content-Encoding')).toBe('gzip');
      const tag = geometryResponse.headers.get('ETag') as string;
      expect((await request('/api/parcels/geometry', { headers: { 'If-None-Match': tag } })).status).toBe(
        304,
      );
    }));
});

describe('GET /api/parcels/summaries, packed', () => {
  it('sends the packed table to a client that asks for it: the same summaries, its own ETag', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const json = await request('/api/parcels/summaries');
      const expected = fromSummaryTable((await json.json()) as ParcelSummaryTable);
      const packedResponse = await request('/api/parcels/summaries', {
        headers: { Accept: PACKED_SUMMARIES_MEDIA_TYPE },
      });
      expect(packedResponse.status).toBe(200);
      expect(packedResponse.headers.get('Content-Type')).toBe(PACKED_SUMMARIES_MEDIA_TYPE);
      expect(packedResponse.headers.get('Vary')).toContain('Accept');
      const decoded = decodePackedSummaries(await packedResponse.arrayBuffer());
      expect(unpackSummaryTable(decoded.table)).toEqual(expected);
      expect(decoded.header).toMatchObject({ revision: expect.any(Number), asOf: expect.any(String) });
      const tag = packedResponse.headers.get('ETag') as string;
      expect(tag).not.toBe(json.headers.get('ETag'));
      const again = await request('/api/parcels/summaries', {
        headers: { Accept: PACKED_SUMMARIES_MEDIA_TYPE, 'If-None-Match': tag },
      });
      expect(again.status).toBe(304);
      // The same summaries in either form: a JSON refresh holding the packed tag learns that nothing changed.
      expect((await request('/api/parcels/summaries', { headers: { 'If-None-Match': tag } })).status).toBe(
        304,
      );
      // Filtered, too.
      const filtered = await request('/api/parcels/summaries?village=V01', {
        headers: { Accept: PACKED_SUMMARIES_MEDIA_TYPE },
      });
      const villageParcels = unpackSummaryTable(decodePackedSummaries(await filtered.arrayBuffer()).table);
      expect(villageParcels.length).toBeGreaterThan(0);
      expect(villageParcels).toEqual(expected.filter((parcel) => parcel.village === 'V01'));
    }));
});

describe('GET /api/parcels/:id', () => {
  it('returns the detail with masked ID number and phone', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const detail = await (await request('/api/parcels/1')).json();
      expect(detail.parcel.code).toBe('520115-V01-0001');
      expect(detail.parcel.idNumber).toMatch(/^520115\*{8}\d{4}$/);
      expect(detail.parcel.phone).toMatch(/^138\*{4}\d{4}$/);
      expect(detail.village.name).toBe('东岭村');
      expect(detail.geometry.type).toBe('Polygon');
    }));

  it('answers 404 for an unknown parcel', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/parcels/999');
      expect(response.status).toBe(404);
      expect((await response.json()).details[0].field).toBe('id');
    }));
});

describe('GET /api/stats', () => {
  it('groups by village and agrees with the parcels the same filter returns', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const table = (await (
        await request('/api/stats?groupBy=village&landClass=homestead')
      ).json()) as StatisticsTable;
      const parcels = await (await request('/api/parcels?landClass=homestead')).json();
      expect(table.total.households).toBe(parcels.features.length);
      const planeSum = parcels.features.reduce(
        (sum: number, feature: { properties: { planeArea: number } }) => sum + feature.properties.planeArea,
        0,
      );
      expect(table.total.landArea.plane.squareMetres).toBeCloseTo(planeSum, 6);
      expect(table.rows.map((row) => row.key)).toEqual(['V01', 'V02']);
      expect(table.measures.planeArea.en).toContain('EPSG:4545');
      expect(table.asOf).toBe('2026-11-20T08:00:00+08:00');
    }));

  it('refuses an unknown groupBy', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/stats?groupBy=town');
      expect(response.status).toBe(400);
      expect((await response.json()).details[0]).toMatchObject({ field: 'groupBy', value: 'town' });
    }));
});
