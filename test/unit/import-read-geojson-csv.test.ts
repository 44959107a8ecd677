import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { asGeoJson } from '../../server/import/flat-geometries.ts';
import { listLayers, readSurveyFile } from '../../server/import/read/read-survey-file.ts';
import { parseWktGeometry, WktTypeError } from '../../server/import/read/wkt.ts';
import type { SourceLayer } from '../../server/import/source.ts';
import { square, surveyPoint, temporaryFolder, zone36 } from '../support/import-fixtures.ts';

const outer = [
  [106.65, 26.62],
  [106.651, 26.62],
  [106.651, 26.621],
  [106.65, 26.621],
  [106.65, 26.62],
];
const hole = [
  [106.6503, 26.6203],
  [106.6503, 26.6206],
  [106.6506, 26.6206],
  [106.6503, 26.6203],
];
// A bow-tie: the ring crosses itself. The reader must hand it on as read; repair is validation's job.
const bowTie = [
  [106.66, 26.62],
  [106.661, 26.621],
  [106.661, 26.62],
  [106.66, 26.621],
  [106.66, 26.62],
];

function write(name: string, content: string | Uint8Array): string {
  const path = join(temporaryFolder(), name);
  writeFileSync(path, content);
  return path;
}

describe('readSurveyFile: GeoJSON', () => {
  it('reads RFC 7946 lon/lat with holes, keeps a bow-tie as read, infers field types', async () => {
    const path = write(
      '宗地.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { 宗地编码: 'A1', 户主: '张堃', 建筑面积: 120.5, 层数: 2 },
            geometry: { type: 'Polygon', coordinates: [outer, hole] },
          },
          {
            type: 'Feature',
            properties: { 宗地编码: 'A2', 户主: '李四', 建筑面积: 80, 层数: null },
            geometry: { type: 'MultiPolygon', coordinates: [[bowTie], [outer]] },
          },
          {
            type: 'Feature',
            properties: { 宗地编码: 'A3', 户主: '王五', 建筑面积: null, 层数: 1, 附注: { a: 1 } },
            geometry: null,
          },
        ],
      }),
    );
    const layer = await readSurveyFile(path);
    expect(layer).toMatchObject({
      format: 'geojson',
      layerName: '宗地',
      encoding: { name: 'utf-8', source: 'format' },
    });
    expect(layer.crs).toMatchObject({ epsg: 4326, source: 'geojson-default' });
    expect((geometryOf(layer, 0) as Polygon).coordinates).toEqual([outer, hole]);
    expect((geometryOf(layer, 1) as MultiPolygon).coordinates[0]).toEqual([bowTie]);
    expect(layer.features[2]?.geometry).toBeNull();
    expect(layer.features[2]?.properties.附注).toBe('{"a":1}');
    expect(layer.fields).toEqual([
      { name: '宗地编码', type: 'string' },
      { name: '户主', type: 'string' },
      { name: '建筑面积', type: 'number' },
      { name: '层数', type: 'integer' },
      { name: '附注', type: 'string' },
    ]);
  });

  it('honours a legacy crs member (urn:ogc:def:crs:EPSG::4545) and reprojects to lon/lat', async () => {
    const [x, y] = surveyPoint(106.65, 26.62, false);
    const ring = square([x, y], 30);
    const path = write(
      'gk.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4545' } },
        features: [
          { type: 'Feature', properties: { code: 'A' }, geometry: { type: 'Polygon', coordinates: [ring] } },
        ],
      }),
    );
    const layer = await readSurveyFile(path);
    expect(layer.crs).toMatchObject({ epsg: 4545, source: 'geojson-crs' });
    const read = (geometryOf(layer, 0) as Polygon).coordinates[0] ?? [];
    ring.forEach(([ringX, ringY], index) => {
      const expected = zone36.inverse([ringX + 36_000_000, ringY]) as number[];
      expect(Math.abs((read[index]?.[0] as number) - (expected[0] as number))).toBeLessThanOrEqual(1e-9);
      expect(Math.abs((read[index]?.[1] as number) - (expected[1] as number))).toBeLessThanOrEqual(1e-9);
    });
  });

  it('keeps a parcel code written as a bare 19-digit number exact, as GDAL reads an Integer64', async () => {
    const coordinates = '[[[106.65,26.62],[106.6503,26.62],[106.6503,26.62018000000000001],[106.65,26.62]]]';
    const feature = (code: string, holder: string) =>
      `{"type":"Feature","properties":{"ZDDM":${code},"QLR":"${holder}","MJ":1234567890123456.5},` +
      `"geometry":{"type":"Polygon","coordinates":${coordinates}}}`;
    const path = write(
      'long-codes.geojson',
      `{"type":"FeatureCollection","features":[${feature('4401110010010012341', '户主 4401110010010012342')},${feature('-4401110010010012343', '李四')}]}`,
    );
    const layer = await readSurveyFile(path);
    expect(layer.features.map((read) => read.properties)).toEqual([
      { ZDDM: '4401110010010012341', QLR: '户主 4401110010010012342', MJ: 1234567890123456.5 },
      { ZDDM: '-4401110010010012343', QLR: '李四', MJ: 1234567890123456.5 },
    ]);
    expect((geometryOf(layer, 0) as Polygon).coordinates[0]?.[2]).toEqual([106.6503, 26.62018]);
  });

  it('reads a GeoJSON sequence: one feature per line, or after record separators (RFC 8142)', async () => {
    const feature = (code: string) =>
      JSON.stringify({
        type: 'Feature',
        properties: { code },
        geometry: { type: 'Polygon', coordinates: [outer] },
      });
    const lines = await readSurveyFile(write('seq.geojsonl', `${feature('A')}\n${feature('B')}\n`));
    expect(lines.features.map((read) => read.properties.code)).toEqual(['A', 'B']);
    const separated = await readSurveyFile(
      write('seq.geojsons', `\u001e${feature('C')}\n\u001e${feature('D')}\n`),
    );
    expect(separated.features.map((read) => read.properties.code)).toEqual(['C', 'D']);
    // Not a sequence of features: the JSON error stands.
    await expect(readSurveyFile(write('broken.geojsonl', `${feature('A')}\n{"type": "Feat`))).rejects.toThrow(
      /JSON syntax error/,
    );
  });

  it('reads an Esri JSON feature set (ArcGIS REST): attributes, rings assembled by orientation, its wkid', async () => {
    // Esri's rule: outer rings clockwise, holes counter-clockwise. `outer` runs counter-clockwise, `hole` clockwise.
    const clockwiseOuter = [...outer].reverse();
    const counterClockwiseHole = [...hole].reverse();
    const path = write(
      'esri.json',
      JSON.stringify({
        geometryType: 'esriGeometryPolygon',
        spatialReference: { wkid: 4490, latestWkid: 4490 },
        fields: [{ name: '宗地编码', type: 'esriFieldTypeString' }],
        features: [
          { attributes: { 宗地编码: 'E-1' }, geometry: { rings: [clockwiseOuter, counterClockwiseHole] } },
          { attributes: { 宗地编码: 'E-2' }, geometry: null },
        ],
      }),
    );
    const layer = await readSurveyFile(path);
    expect(layer.crs).toMatchObject({ epsg: 4490, source: 'geojson-crs' });
    expect(layer.features.map((feature) => feature.properties)).toEqual([
      { 宗地编码: 'E-1' },
      { 宗地编码: 'E-2' },
    ]);
    expect((geometryOf(layer, 0) as Polygon).coordinates).toEqual([clockwiseOuter, counterClockwiseHole]);
    expect(layer.features[1]?.geometry).toBeNull();
  });

  it('accepts EPSG:4490 and refuses a Beijing 1954 crs member, points, and truncated JSON', async () => {
    const collection = (crs: string, geometry: unknown) =>
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: crs } },
        features: [{ type: 'Feature', properties: {}, geometry }],
      });
    const polygon = { type: 'Polygon', coordinates: [outer] };
    expect((await readSurveyFile(write('a.geojson', collection('EPSG:4490', polygon)))).crs.epsg).toBe(4490);
    await expect(readSurveyFile(write('b.geojson', collection('EPSG:2435', polygon)))).rejects.toThrow(
      /不支持的坐标系 EPSG:2435/,
    );
    await expect(
      readSurveyFile(
        write('c.geojson', collection('EPSG:4490', { type: 'Point', coordinates: [106.65, 26.62] })),
      ),
    ).rejects.toThrow(/geometry type Point/);
    const text = collection('EPSG:4490', polygon);
    await expect(readSurveyFile(write('d.geojson', text.slice(0, text.length - 20)))).rejects.toThrow(
      /may be truncated/,
    );
  });
});

describe('readSurveyFile: CSV', () => {
  const header = '宗地编码,户主,建筑面积,wkt\n';
  const rows = [
    `0012,张堃,120.5,"POLYGON ((${outer.map((p) => p.join(' ')).join(', ')}), (${hole.map((p) => p.join(' ')).join(', ')}))"`,
    `0013,李四,,"MULTIPOLYGON Z (((${bowTie.map((p) => `${p.join(' ')} 5`).join(', ')})), EMPTY)"`,
    '0014,王五,80,',
  ].join('\r\n');

  it('reads UTF-8 with BOM: WKT polygons with holes, Z dropped, leading zeros kept as text', async () => {
    const layer = await readSurveyFile(write('宗地.csv', `\uFEFF${header}${rows}\r\n`));
    expect(layer.encoding).toEqual({ name: 'utf-8', source: 'detected' });
    expect(layer.crs).toMatchObject({ epsg: 4490 });
    expect(layer.fields).toEqual([
      { name: '宗地编码', type: 'string' },
      { name: '户主', type: 'string' },
      { name: '建筑面积', type: 'number' },
    ]);
    expect(layer.features[0]?.properties).toEqual({ 宗地编码: '0012', 户主: '张堃', 建筑面积: 120.5 });
    expect((geometryOf(layer, 0) as Polygon).coordinates).toEqual([outer, hole]);
    expect(layer.features[1]?.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[bowTie]] });
    expect(layer.features[1]?.properties.建筑面积).toBeNull();
    expect(layer.features[2]?.geometry).toBeNull();
  });

  it('reads a row whose last empty cells are left out as empty; refuses one with more cells than the header', async () => {
    const polygon = `"POLYGON ((${outer.map((p) => p.join(' ')).join(', ')}))"`;
    const short = await readSurveyFile(
      write('short.csv', `宗地编码,wkt,户主,备注\r\n0012,${polygon}\r\n0013,${polygon},李四,\r\n`),
    );
    expect(short.features.map((feature) => feature.properties)).toEqual([
      { 宗地编码: '0012', 户主: null, 备注: null },
      { 宗地编码: '0013', 户主: '李四', 备注: null },
    ]);
    expect(short.features[0]?.geometry).not.toBeNull();
    const unquoted = `POLYGON ((${outer.map((p) => p.join(' ')).join(', ')}))`;
    await expect(readSurveyFile(write('long.csv', `宗地编码,wkt\r\n0012,${unquoted}\r\n`))).rejects.toThrow(
      /is the WKT unquoted\?/,
    );
  });

  it('reads UTF-16 with its BOM, tab-separated, as Excel saves "Unicode text"', async () => {
    const text = `\uFEFF${header.replaceAll(',', '\t')}${rows.split('\r\n')[0]?.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t')}\r\n`;
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    const layer = await readSurveyFile(write('unicode.txt', bytes));
    expect(layer.encoding).toEqual({ name: 'utf-16le', source: 'detected' });
    expect(layer.features[0]?.properties).toEqual({ 宗地编码: '0012', 户主: '张堃', 建筑面积: 120.5 });
  });

  it('skips a title row above the header, saying so, and counts lines from the top of the file', async () => {
    const polygon = `"POLYGON ((${outer.map((p) => p.join(' ')).join(', ')}))"`;
    const titled = `新寨村宗地成果表\t\t\r\n宗地编码\t户主\twkt\r\n0012\t张堃\t${polygon}\r\n`;
    const layer = await readSurveyFile(write('titled.csv', titled));
    expect(layer.features.map((feature) => feature.properties)).toEqual([{ 宗地编码: '0012', 户主: '张堃' }]);
    expect(layer.notes.map((note) => note.en)).toContainEqual(
      'line 1 is a title ("新寨村宗地成果表"); the header is line 2',
    );
    await expect(
      readSurveyFile(write('titled-bad.csv', `${titled}0013\t李四\tPOLYGON ((1 2\r\n`)),
    ).rejects.toThrow(/line 4, column wkt is not valid WKT/);
  });

  it('reads GBK (Chinese Excel), detected', async () => {
    const layer = await readSurveyFile(write('gbk.csv', new Uint8Array(iconv.encode(header + rows, 'gbk'))));
    expect(layer.encoding).toEqual({ name: 'gbk', source: 'detected' });
    expect(layer.features[0]?.properties.户主).toBe('张堃');
    expect(
      (await listLayers(write('gbk2.csv', new Uint8Array(iconv.encode(header + rows, 'gbk')))))[0],
    ).toMatchObject({ featureCount: 3 });
  });

  it('finds a WKT column by content, detects zone-prefixed GK and honours the crs option', async () => {
    const [x, y] = surveyPoint(106.65, 26.62);
    const ring = square([x, y], 30)
      .map((p) => p.join(' '))
      .join(', ');
    const text = `code;shape_text\nA;POLYGON((${ring}))\n`;
    const detected = await readSurveyFile(write('gk.csv', text));
    expect(detected.crs).toMatchObject({ epsg: 4524, source: 'detected' });
    const [unX, unY] = surveyPoint(106.65, 26.62, false);
    const unprefixed = `code,wkt\nA,"POLYGON((${square([unX, unY], 30)
      .map((p) => p.join(' '))
      .join(', ')}))"\n`;
    await expect(readSurveyFile(write('gk2.csv', unprefixed))).rejects.toThrow(
      /no coordinate system declared/,
    );
    expect((await readSurveyFile(write('gk3.csv', unprefixed), { crs: 4545 })).crs).toMatchObject({
      epsg: 4545,
      source: 'csv-option',
    });
  });

  it('refuses lon/lat point tables and POINT WKT: points are not parcels', async () => {
    await expect(readSurveyFile(write('p.csv', '宗地编码,经度,纬度\nA,106.65,26.62\n'))).rejects.toThrow(
      /a point is not a parcel/,
    );
    await expect(readSurveyFile(write('q.csv', 'code,wkt\nA,POINT (106.65 26.62)\n'))).rejects.toThrow(
      /line 2, column wkt: the geometry is a POINT/,
    );
    await expect(readSurveyFile(write('r.csv', 'code,name\nA,B\n'))).rejects.toThrow(/no geometry column/);
  });
});

describe('parseWktGeometry', () => {
  it('parses EWKT SRID, ZM and empty members; rejects other types and malformed text', () => {
    expect(parseWktGeometry('SRID=4490;POLYGON ZM ((0 0 1 2, 1 0 1 2, 1 1 1 2, 0 0 1 2))')).toEqual({
      srid: 4490,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    });
    expect(parseWktGeometry('MULTIPOLYGON EMPTY').geometry).toBeNull();
    expect(() => parseWktGeometry('LINESTRING (0 0, 1 1)')).toThrow(WktTypeError);
    expect(() => parseWktGeometry('POLYGON ((0 0, 1 0, 1 1)')).toThrow(/expected/);
    expect(() => parseWktGeometry('POLYGON ((0 0, 1 0, 1 1, 0 0)) trailing')).toThrow(/unexpected text/);
  });
});

function geometryOf(layer: SourceLayer, index: number): Polygon | MultiPolygon | null {
  const feature = layer.features[index];
  if (!feature) throw new Error(`no feature ${index}`);
  return feature.geometry ? asGeoJson(feature.geometry) : null;
}
