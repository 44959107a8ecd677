/**
 * The public 公示 board: served without a session, and carrying only its allow-list — no ID number, no phone, no
 * field a future parcel column might add.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../server/domain/personal-data.ts';
import { PUBLICITY_ROW_FIELDS } from '../../server/domain/publicity.ts';
import { withSignedInApp } from '../support/api-session.ts';
import { testParkDataset } from '../support/test-park.ts';
import { publishSampleRates } from './compensation-fixtures.ts';

/** Every key path the board may contain; arrays are `[]`. Anything else is a leak. */
const ALLOWED_PATHS = new Set([
  'park',
  'park.name',
  'park.nameEn',
  'village',
  'village.code',
  'village.name',
  'village.nameEn',
  'village.town',
  'asOf',
  'holderNames',
  'landAreaMeasure',
  'landAreaMeasure.zh',
  'landAreaMeasure.en',
  'currentRateVersion',
  'rateTables',
  'rateTables[]',
  ...[
    'version',
    'title',
    'effectiveDate',
    'land',
    'building',
    'relocationPerHousehold',
    'earlySigning',
    'earlySigning.bonusPerHousehold',
    'earlySigning.deadline',
    ...['homestead', 'farmland', 'forest', 'orchard', 'collective', 'other'].map((code) => `land.${code}`),
    ...['frame', 'brickConcrete', 'brickWood', 'simple'].map((code) => `building.${code}`),
  ].map((path) => `rateTables[].${path}`),
  'totals',
  ...[
    'households',
    'landAreaMu',
    'buildingAreaSquareMetres',
    'compensationYuan',
    'signedHouseholds',
    'cadreHouseholds',
    'cadreSignedHouseholds',
  ].map((path) => `totals.${path}`),
  'households',
  'households[]',
  ...PUBLICITY_ROW_FIELDS.map((field) => `households[].${field}`),
]);

function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item) => keyPaths(item, `${prefix}[]`))];
  if (typeof value === 'object' && value !== null) {
    return [
      ...(prefix ? [prefix] : []),
      ...Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key)),
    ];
  }
  return prefix ? [prefix] : [];
}

const PERSONAL = testParkDataset().parcels.features.flatMap((feature) => [
  feature.properties.idNumber as string,
  feature.properties.phone as string,
]);
const MASKED = testParkDataset().parcels.features.flatMap((feature) => [
  maskIdNumber(feature.properties.idNumber) as string,
  maskPhone(feature.properties.phone) as string,
]);

describe('GET /api/public/publicity/:village', () => {
  it('answers without a session, with only allow-listed fields and no ID number or phone anywhere', () =>
    withSignedInApp(async ({ app, store }) => {
      publishSampleRates(store);
      const response = await app.request('/api/public/publicity/V01');
      expect(response.status).toBe(200);
      const text = await response.text();
      // Not even masked: the board has no place for ID numbers or phones at all.
      for (const personal of PERSONAL) expect(text).not.toContain(personal);
      for (const masked of MASKED) expect(text).not.toContain(masked);
      expect(text).not.toMatch(/idNumber|phone|\d{17}[\dX]|1[3-9]\d{9}/);
      const board = JSON.parse(text);
      const leaks = [...new Set(keyPaths(board))].filter((path) => !ALLOWED_PATHS.has(path));
      expect(leaks).toEqual([]);
      expect(board.households).toHaveLength(6);
    }));

  it('leads with cadre households named in full and masks the others, or shows full names by setting', () =>
    withSignedInApp(async ({ app, store, session }) => {
      publishSampleRates(store);
      const masked = await (await app.request('/api/public/publicity/V01')).json();
      expect(masked.holderNames).toBe('masked');
      expect(masked.households.map((row: { holder: string }) => row.holder)).toEqual([
        '东户主2',
        '东**1',
        '东**3',
        '东**4',
        '东**5',
        '东**6',
      ]);
      expect(masked.households[0].cadre).toBe(true);
      const changed = await session.send('PUT', '/api/compensation/settings', { holderNames: 'full' });
      expect(changed.status).toBe(200);
      const full = await (await app.request('/api/public/publicity/V01')).json();
      expect(full.households[1].holder).toBe('东户主1');
      const refused = await session.send('PUT', '/api/compensation/settings', { holderNames: 'initials' });
      expect(refused.status).toBe(400);
      expect((await refused.json()).details[0]).toMatchObject({ field: 'holderNames', value: 'initials' });
    }));

  it('totals equal the statistics of the village, and the compensation total is the sum of the rows', () =>
    withSignedInApp(async ({ app, store, session }) => {
      publishSampleRates(store);
      const board = await (await app.request('/api/public/publicity/V02')).json();
      const statistics = await (await session.request('/api/stats?village=V02')).json();
      expect(board.totals.households).toBe(statistics.total.households);
      expect(board.totals.landAreaMu).toBeCloseTo(statistics.total.landArea.plane.mu, 9);
      expect(board.totals.buildingAreaSquareMetres).toBeCloseTo(statistics.total.buildingAreaSquareMetres, 9);
      expect(board.totals.signedHouseholds).toBe(statistics.total.signedHouseholds);
      const sumFen = board.households.reduce(
        (sum: number, row: { compensationYuan: number }) => sum + Math.round(row.compensationYuan * 100),
        0,
      );
      expect(Math.round(board.totals.compensationYuan * 100)).toBe(sumFen);
      expect(board.rateTables.map((table: { version: number }) => table.version)).toEqual([2]);
    }));

  it('lists the villages, refuses an unknown one with 404, and shows no amounts before a rate table exists', () =>
    withSignedInApp(async ({ app }) => {
      const index = await (await app.request('/api/public/publicity')).json();
      expect(index.villages.map((village: { code: string }) => village.code)).toEqual(['V01', 'V02']);
      const unknown = await app.request('/api/public/publicity/V99');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).details[0]).toMatchObject({ field: 'village', value: 'V99' });
      const board = await (await app.request('/api/public/publicity/V01')).json();
      expect(board.currentRateVersion).toBeNull();
      expect(board.households.every((row: { compensationYuan: null }) => row.compensationYuan === null)).toBe(
        true,
      );
    }));

  it('serves the same table as XLSX, and a QR code of the live page as SVG, without a session', () =>
    withSignedInApp(async ({ app, store }) => {
      publishSampleRates(store);
      const response = await app.request('http://board.example:8787/api/public/publicity/V01/xlsx');
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Disposition')).toMatch(/V01_\d{4}-\d{2}-\d{2}\.xlsx/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.worksheets[0];
      expect(sheet?.name).toBe('公示 publicity');
      // Title, as-of, header, six households, total.
      expect(sheet?.rowCount).toBe(3 + 6 + 1);
      expect(JSON.stringify(sheet?.getSheetValues())).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
      expect(workbook.worksheets[1]?.name).toBe('补偿标准 rates');
      const svg = await app.request('http://board.example:8787/api/public/publicity/V01/qr.svg');
      expect(svg.headers.get('Content-Type')).toContain('image/svg+xml');
      expect(await svg.text()).toContain('<title>http://board.example:8787/publicity/V01</title>');
    }));
});
