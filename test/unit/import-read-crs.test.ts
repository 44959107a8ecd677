import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Polygon } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { planeArea } from '../../server/domain/areas.ts';
import {
  type CrsDefinition,
  crsDefinition,
  crsFromReference,
  identifyCrs,
  resolveCrs,
  toLonLat,
} from '../../server/import/crs.ts';
import { prepareImport, reportZone } from '../../server/import/prepare-import.ts';
import { readSurveyFile } from '../../server/import/read/read-survey-file.ts';
import {
  PRJ,
  square,
  surveyPoint,
  temporaryFolder,
  writeShapefile,
  writeShapefileBytes,
  zone36,
} from '../support/import-fixtures.ts';

describe('identifyCrs', () => {
  it('identifies ESRI names of all four CGCS2000 Gauss-Krüger families', () => {
    expect(identifyCrs(PRJ.cgcs2000Zone36, 'a.prj')).toMatchObject({
      epsg: 4524,
      zonePrefix: 36,
      centralMeridian: 108,
    });
    expect(identifyCrs(PRJ.cgcs2000Cm108, 'a.prj')).toMatchObject({ epsg: 4545, zonePrefix: null });
    expect(identifyCrs(PRJ.cgcs2000SixDegreeZone18, 'a.prj')).toMatchObject({ epsg: 4496, zoneWidth: 6 });
    expect(identifyCrs(PRJ.cgcs2000SixDegreeCm105, 'a.prj')).toMatchObject({ epsg: 4507, zoneWidth: 6 });
    expect(identifyCrs(PRJ.cgcs2000Zone36, 'a.prj').name).toBe('CGCS2000_3_Degree_GK_Zone_36');
  });

  it('identifies geographic CGCS2000 and WGS 84, OGC WKT1 by authority and WKT2 by ID', () => {
    expect(identifyCrs(PRJ.cgcs2000Geographic, 'a.prj').epsg).toBe(4490);
    expect(identifyCrs(PRJ.wgs84Geographic, 'a.prj').epsg).toBe(4326);
    expect(identifyCrs(PRJ.ogcWithAuthority4545, 'a.prj').epsg).toBe(4545);
    expect(identifyCrs(PRJ.wkt2Epsg4545, 'a.prj').epsg).toBe(4545);
  });

  it('identifies by parameters when the name is unfamiliar, and by parameters in WKT2 without an ID', () => {
    const renamed = PRJ.cgcs2000Zone36.replace('CGCS2000_3_Degree_GK_Zone_36', '宗地坐标系');
    expect(identifyCrs(renamed, 'a.prj')).toMatchObject({ epsg: 4524, name: '宗地坐标系' });
    const wkt2WithoutId = PRJ.wkt2Epsg4545
      .replace(/,ID\["EPSG",4545\]\]$/, ']')
      .replace('CGCS2000 / 3-degree Gauss-Kruger CM 108E', 'survey grid');
    expect(identifyCrs(wkt2WithoutId, 'a.prj').epsg).toBe(4545);
  });

  it('refuses other datums and projections, naming them, and a name its parameters contradict', () => {
    expect(() => identifyCrs(PRJ.xian1980Zone35, 'a.prj')).toThrow(
      '不支持的坐标系 Xian_1980_3_Degree_GK_Zone_35：请先转换为 CGCS2000',
    );
    expect(() => identifyCrs(PRJ.beijing1954Zone35, 'a.prj')).toThrow(/Beijing_1954_3_Degree_GK_Zone_35/);
    expect(() => identifyCrs(PRJ.wgs84Utm48, 'a.prj')).toThrow(
      /unsupported coordinate system WGS_1984_UTM_Zone_48N/,
    );
    const contradicted = PRJ.cgcs2000Zone36.replace('36500000.0', '35500000.0');
    expect(() => identifyCrs(contradicted, 'a.prj')).toThrow(/disagrees with its parameters/);
    // Same CGCS2000 name but a different scale factor is not one of ours.
    const scaled = PRJ.cgcs2000Cm108
      .replace('宗', '')
      .replace('CGCS2000_3_Degree_GK_CM_108E', 'x')
      .replace('"Scale_Factor",1.0', '"Scale_Factor",0.9996');
    expect(() => identifyCrs(scaled, 'a.prj')).toThrow(/unsupported coordinate system x/);
    expect(() => identifyCrs('not wkt at all', 'a.prj')).toThrow(/cannot parse/);
  });

  it('reads GeoJSON-style references', () => {
    expect(crsFromReference('urn:ogc:def:crs:EPSG::4545', 'f').epsg).toBe(4545);
    expect(crsFromReference('EPSG:4490', 'f').epsg).toBe(4490);
    expect(crsFromReference('urn:ogc:def:crs:OGC:1.3:CRS84', 'f').epsg).toBe(4326);
    expect(() => crsFromReference('EPSG:2383', 'f')).toThrow(/EPSG:2383/);
  });
});

/** PROJ's copy of the EPSG dataset, where Debian's proj-data puts it. */
const PROJ_DATABASE = [process.env.PROJ_DATA, '/usr/share/proj']
  .filter(Boolean)
  .map((folder) => `${folder}/proj.db`)
  .find(existsSync);

describe.skipIf(!PROJ_DATABASE)(
  'crsDefinition agrees with the EPSG dataset (PROJ’s proj.db is installed)',
  () => {
    it('has the name, central meridian and false easting of every code 4491–4554', () => {
      const database = new Database(PROJ_DATABASE as string, { readonly: true });
      const rows = database
        .prepare(
          `SELECT p.code AS epsg, p.name AS name, c.param2_value AS centralMeridian, c.param4_value AS falseEasting
         FROM projected_crs p JOIN conversion c ON c.auth_name = p.conversion_auth_name AND c.code = p.conversion_code
         WHERE p.auth_name = 'EPSG' AND CAST(p.code AS INTEGER) BETWEEN 4491 AND 4554 ORDER BY CAST(p.code AS INTEGER)`,
        )
        .all() as { epsg: string; name: string; centralMeridian: number; falseEasting: number }[];
      database.close();
      expect(rows).toHaveLength(64);
      for (const row of rows) {
        const definition = crsDefinition(Number(row.epsg));
        expect([row.epsg, definition?.name, definition?.centralMeridian, definition?.falseEasting]).toEqual([
          row.epsg,
          row.name,
          row.centralMeridian,
          row.falseEasting,
        ]);
      }
    });
  },
);

describe('resolveCrs', () => {
  const [x, y] = surveyPoint(106.65, 26.62);
  const prefixed = { minX: x, maxX: x + 300, minY: y, maxY: y + 30 };
  const unprefixed = { minX: x - 36e6, maxX: x - 36e6 + 300, minY: y, maxY: y + 30 };

  it('keeps a declaration that fits, strips or adds the zone prefix with a note when the CMs agree', () => {
    const declared4545 = { crs: supported(4545), source: 'prj' as const };
    expect(resolveCrs(unprefixed, declared4545, 'f').crs).toMatchObject({ epsg: 4545, zonePrefixedX: false });
    const stripped = resolveCrs(prefixed, declared4545, 'f');
    expect(stripped.crs).toMatchObject({ epsg: 4524, zonePrefixedX: true });
    expect(stripped.notes[0]?.zh).toMatch(/带号 36/);
    const declared4524 = { crs: supported(4524), source: 'prj' as const };
    const added = resolveCrs(unprefixed, declared4524, 'f');
    expect(added.crs.epsg).toBe(4545);
    expect(added.notes).toHaveLength(1);
  });

  it('refuses coordinates whose zone prefix contradicts the declared meridian, and lon/lat out of range', () => {
    const declared4543 = { crs: supported(4543), source: 'prj' as const }; // CM 105E
    expect(() => resolveCrs(prefixed, declared4543, 'f')).toThrow(/do not fit the declared/);
    const declared4490 = { crs: supported(4490), source: 'prj' as const };
    expect(() => resolveCrs(prefixed, declared4490, 'f')).toThrow(/out of range/);
    // A local survey grid under a CGCS2000 .prj: metres, but nowhere near a Gauss-Krüger place in China.
    const localGrid = { minX: 24_976, maxX: 25_340, minY: 1_975, maxY: 2_024 };
    const declared4545 = { crs: supported(4545), source: 'prj' as const };
    expect(() => resolveCrs(localGrid, declared4545, 'f')).toThrow(/do not fit the declared/);
    expect(() => resolveCrs({ ...localGrid, minX: 36_024_976, maxX: 36_025_340 }, undefined, 'f')).toThrow(
      /no coordinate system declared/,
    );
  });

  it('detects a zone prefix with nothing declared, refuses unprefixed GK, and names swapped axes', () => {
    expect(resolveCrs(prefixed, undefined, 'f').crs).toMatchObject({ epsg: 4524, source: 'detected' });
    expect(resolveCrs({ minX: 106.6, maxX: 106.7, minY: 26.6, maxY: 26.7 }, undefined, 'f').crs.epsg).toBe(
      4490,
    );
    expect(() => resolveCrs(unprefixed, undefined, 'f')).toThrow(/no coordinate system declared/);
    const swapped = { minX: y, maxX: y + 30, minY: x, maxY: x + 300 };
    expect(() => resolveCrs(swapped, undefined, 'f')).toThrow(/X and Y look swapped/);
  });
});

describe('toLonLat', () => {
  it('equals proj4’s documented converter to 1e-9° across the zone', () => {
    const project = toLonLat(supported(4524));
    expect(project).not.toBeNull();
    for (const [longitude, latitude] of [
      [106.65, 26.62],
      [106.5, 18.2],
      [109.5, 42.4],
      [108, 30],
    ] as const) {
      const position = zone36.forward([longitude, latitude]) as number[];
      const expected = zone36.inverse(position) as number[];
      project?.(position);
      expect(Math.abs((position[0] as number) - (expected[0] as number))).toBeLessThanOrEqual(1e-9);
      expect(Math.abs((position[1] as number) - (expected[1] as number))).toBeLessThanOrEqual(1e-9);
      expect(Math.abs((position[0] as number) - longitude)).toBeLessThanOrEqual(1e-9);
    }
  });

  it('treats the 6-degree zone 18 like PROJ’s EPSG:4496', () => {
    const project = toLonLat(supported(4496));
    const definition =
      '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=18500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const position = proj4('+proj=longlat +ellps=GRS80', definition).forward([104.2, 25.1]) as number[];
    project?.(position);
    expect(Math.abs((position[0] as number) - 104.2)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs((position[1] as number) - 25.1)).toBeLessThanOrEqual(1e-9);
  });
});

function supported(epsg: number): CrsDefinition {
  const definition = crsDefinition(epsg);
  if (!definition) throw new Error(`EPSG:${epsg} should be supported`);
  return definition;
}

describe('the report’s plane areas: in the file’s own Gauss-Krüger zone, 6-degree zones included', () => {
  // A 40 m square at 106.6°E, 26.6°N, 159 km east of 105°E, the 6-degree zone 18's meridian; the nearest 3-degree
  // meridian is 108°E, where the same square measures some 0.1 % less.
  const square40 = (falseEasting: number) => [[square([falseEasting + 159_000, 2_945_000], 40)]];
  const cases = [
    { name: 'CM 105E (EPSG:4507)', prj: PRJ.cgcs2000SixDegreeCm105, falseEasting: 500_000, epsg: 4507 },
    { name: 'zone 18 (EPSG:4496)', prj: PRJ.cgcs2000SixDegreeZone18, falseEasting: 18_500_000, epsg: 4496 },
    {
      name: '3-degree CM 108E (EPSG:4545)',
      prj: PRJ.cgcs2000Cm108,
      falseEasting: 500_000 - 300_000,
      epsg: 4545,
    },
  ];
  for (const { name, prj, falseEasting, epsg } of cases) {
    it(`measures a ${name} file in its own zone: the square is 1600 ㎡`, async () => {
      const folder = temporaryFolder();
      const path = writeShapefile(
        folder,
        'six',
        writeShapefileBytes({
          shapes: square40(falseEasting),
          fields: [{ name: 'ZDDM', type: 'C', length: 10 }],
          rows: [['P1']],
        }),
        { prj },
      );
      const layer = await readSurveyFile(path);
      expect(layer.crs.epsg).toBe(epsg);
      const zone = reportZone(layer);
      expect(zone.centralMeridian).toBe(crsDefinition(epsg)?.centralMeridian);
      const geometry = layer.features[0]?.geometry as Polygon;
      expect(planeArea(geometry, zone)).toBeCloseTo(1600, 6);
    });
  }
});

describe('a Gauss-Krüger delivery that declares no coordinate system', () => {
  it('is read as CGCS2000 in the zone its X carries, with a warning about the datum, unless the system is given', async () => {
    const folder = temporaryFolder();
    const [x, y] = surveyPoint(106.65, 26.62);
    const path = writeShapefile(
      folder,
      'no-prj',
      writeShapefileBytes({
        shapes: [[square([x, y], 40)]],
        fields: [
          { name: 'ZDDM', type: 'C', length: 10 },
          { name: 'QLR', type: 'C', length: 10 },
          { name: 'CM', type: 'C', length: 10 },
        ],
        rows: [['P1', '张三', '新寨村']],
      }),
    );
    const mapping = { code: 'ZDDM', holder: 'QLR', village: 'CM' };
    const guessed = await prepareImport({ path, fileName: 'no-prj.shp', sha256: '' }, null, { mapping });
    expect(guessed.source.crs).toMatchObject({ epsg: 4524, source: 'detected' });
    const warnings = guessed.report.findings.filter((finding) => finding.kind === 'assumed-datum');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', recordIndex: null });
    expect(warnings[0]?.en).toContain("Xi'an 1980 or Beijing 1954");
    const declared = await prepareImport({ path, fileName: 'no-prj.shp', sha256: '' }, null, {
      mapping,
      crs: 4524,
    });
    expect(declared.report.findings.filter((finding) => finding.kind === 'assumed-datum')).toEqual([]);
    expect(declared.report.counts.warnings).toBe(guessed.report.counts.warnings - 1);
  });
});
