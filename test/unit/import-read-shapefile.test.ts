import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { proposeMapping } from '../../server/import/mapping.ts';
import { listLayers, readSurveyFile } from '../../server/import/read/read-survey-file.ts';
import { assembleRings } from '../../server/import/read/shapefile.ts';
import { SourceError, type SourceLayer } from '../../server/import/source.ts';
import {
  type DbfFieldSpec,
  PRJ,
  type Ring,
  type ShapefileSpec,
  shapefileZipEntries,
  square,
  surveyPoint,
  temporaryFolder,
  writeShapefile,
  writeShapefileBytes,
  writeZipBytes,
  zone36,
} from '../support/import-fixtures.ts';

const FIELDS: DbfFieldSpec[] = [
  { name: '宗地编码', type: 'C', length: 19 },
  { name: '户主', type: 'C', length: 20 },
  { name: '村名', type: 'C', length: 20 },
  { name: '地类', type: 'C', length: 20 },
  { name: '建筑面积', type: 'N', length: 12, decimals: 2 },
  { name: '层数', type: 'N', length: 3 },
  { name: '签约', type: 'L', length: 1 },
  { name: '调查日期', type: 'D', length: 8 },
];

const ROWS: ShapefileSpec['rows'] = [
  ['520115001001JC00001', '张堃', '新寨村', '宅基地', 120.5, 2, true, '20240315'],
  ['520115001001JC00002', '李四', '新寨村', '耕地', null, null, false, null],
  ['520115001001JC00003', '王五', '龙井村', '林地', 0, 1, null, '20240401'],
  ['520115001001JC00004', '赵六', '龙井村', '宅基地', 88.25, 3, true, '20231231'],
];

/** Four records near 106.65°E 26.62°N in zone 36: a polygon with a hole, a multipolygon, a null shape, a square. */
function parcels(prefixed = true): Ring[][] {
  const [x, y] = surveyPoint(106.65, 26.62, prefixed);
  return [
    [square([x, y], 30), square([x + 10, y + 10], 10, true)],
    // The hole belongs to the second outer ring although it is listed after both.
    [square([x + 100, y], 20), square([x + 200, y], 20), square([x + 205, y + 5], 5, true)],
    [],
    [square([x + 300, y], 15)],
  ];
}

function spec(overrides: Partial<ShapefileSpec> = {}, prefixed = true): ShapefileSpec {
  return {
    shapes: parcels(prefixed).map((rings) => (rings.length ? rings : null)),
    fields: FIELDS,
    rows: ROWS,
    ...overrides,
  };
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Every vertex equals proj4's inverse of the raw zone-36 coordinate to 1e-9°. */
function expectReprojected(layer: SourceLayer, prefixed = true): void {
  const source = parcels(prefixed);
  layer.features.forEach((feature, index) => {
    const rings = source[index] as Ring[];
    if (rings.length === 0) {
      expect(feature.geometry).toBeNull();
      return;
    }
    const flat = polygonsOf(feature.geometry as Polygon | MultiPolygon).flat();
    const start = (ring: Ring) => ring[0] ?? [0, 0];
    const sortedSource = [...rings].sort((a, b) => start(a)[0] - start(b)[0] || start(a)[1] - start(b)[1]);
    const sortedRead = [...flat].sort(
      (a, b) =>
        (a[0]?.[0] as number) - (b[0]?.[0] as number) || (a[0]?.[1] as number) - (b[0]?.[1] as number),
    );
    expect(sortedRead).toHaveLength(sortedSource.length);
    sortedSource.forEach((ring, ringIndex) => {
      ring.forEach(([x, y], vertex) => {
        const [longitude, latitude] = zone36.inverse([prefixed ? x : x + 36_000_000, y]) as number[];
        const read = sortedRead[ringIndex]?.[vertex] as Position;
        expect(Math.abs((read[0] as number) - (longitude as number))).toBeLessThanOrEqual(1e-9);
        expect(Math.abs((read[1] as number) - (latitude as number))).toBeLessThanOrEqual(1e-9);
      });
    });
  });
}

describe('readSurveyFile: Shapefile', () => {
  it('reads a GBK Shapefile without .cpg by its language driver 0x4D, with 堃 and every field type', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, '宗地', writeShapefileBytes(spec({ languageDriver: 0x4d })), {
      prj: PRJ.cgcs2000Zone36,
    });
    const layer = await readSurveyFile(path);
    expect(layer.format).toBe('shapefile');
    expect(layer.layerName).toBe('宗地');
    expect(layer.encoding).toEqual({ name: 'gbk', source: 'dbf-language-driver' });
    expect(layer.crs).toMatchObject({ epsg: 4524, source: 'prj', zonePrefixedX: true });
    expect(layer.fields.map((field) => [field.name, field.type])).toEqual([
      ['宗地编码', 'string'],
      ['户主', 'string'],
      ['村名', 'string'],
      ['地类', 'string'],
      ['建筑面积', 'number'],
      ['层数', 'integer'],
      ['签约', 'boolean'],
      ['调查日期', 'date'],
    ]);
    expect(layer.features[0]?.properties).toEqual({
      宗地编码: '520115001001JC00001',
      户主: '张堃',
      村名: '新寨村',
      地类: '宅基地',
      建筑面积: 120.5,
      层数: 2,
      签约: true,
      调查日期: '2024-03-15',
    });
    expect(layer.features[1]?.properties).toMatchObject({
      建筑面积: null,
      层数: null,
      签约: false,
      调查日期: null,
    });
    expectReprojected(layer);
  });

  it('reads only the attributes asked for (text, number, logical and date), still listing every field', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, '宗地', writeShapefileBytes(spec({ languageDriver: 0x4d })), {
      prj: PRJ.cgcs2000Zone36,
    });
    const everything = await readSurveyFile(path);
    const wanted = ['户主', '建筑面积', '签约', '调查日期'];
    const layer = await readSurveyFile(path, { attributes: () => new Set(wanted) });
    expect(layer.fields).toEqual(everything.fields);
    expect(layer.encoding).toEqual(everything.encoding);
    expect(layer.features.map((feature) => feature.properties)).toEqual(
      everything.features.map(({ properties }) =>
        Object.fromEntries(wanted.map((name) => [name, properties[name]])),
      ),
    );
    expect(layer.features.map((feature) => feature.geometry)).toEqual(
      everything.features.map((feature) => feature.geometry),
    );
  });

  it('assembles holes into the outer ring that contains them, and keeps null shapes as null', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, 'parcels', writeShapefileBytes(spec()), { prj: PRJ.cgcs2000Zone36 });
    const layer = await readSurveyFile(path);
    const [withHole, multi, empty, plain] = layer.features.map((feature) => feature.geometry);
    expect(withHole?.type).toBe('Polygon');
    expect((withHole as Polygon).coordinates).toHaveLength(2);
    expect(multi?.type).toBe('MultiPolygon');
    const parts = (multi as MultiPolygon).coordinates;
    expect(parts.map((part) => part.length)).toEqual([1, 2]);
    // The hole went to the eastern part (the one it lies in), not the first outer ring.
    expect((parts[1]?.[1]?.[0]?.[0] as number) > (parts[1]?.[0]?.[0]?.[0] as number)).toBe(true);
    expect(empty).toBeNull();
    expect(plain?.type).toBe('Polygon');
  });

  it('detects GBK when the language driver is 0x00 and there is no .cpg', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, 'parcels', writeShapefileBytes(spec({ languageDriver: 0x00 })), {
      prj: PRJ.cgcs2000Zone36,
    });
    const layer = await readSurveyFile(path);
    expect(layer.encoding).toEqual({ name: 'gbk', source: 'detected' });
    expect(layer.features[0]?.properties.户主).toBe('张堃');
  });

  it('detects UTF-8 when the bytes are valid UTF-8, and honours .cpg labels (936, GB2312, UTF-8)', async () => {
    const folder = temporaryFolder();
    const utf8 = writeShapefile(
      folder,
      'utf8',
      writeShapefileBytes(spec({ encoding: 'utf-8', languageDriver: 0x57 })),
      {
        prj: PRJ.cgcs2000Zone36,
      },
    );
    const detected = await readSurveyFile(utf8);
    expect(detected.encoding).toEqual({ name: 'utf-8', source: 'detected' });
    expect(detected.features[0]?.properties.户主).toBe('张堃');
    // A DBF name has 10 bytes: 宗地编码 and 建筑面积 (12 bytes in UTF-8) are cut mid-character, as GDAL writes them,
    // and still mapped.
    expect(detected.fields.map((field) => [field.name, field.nameMayBeCut === true])).toEqual([
      ['宗地编', true],
      ['户主', false],
      ['村名', false],
      ['地类', false],
      ['建筑面', true],
      ['层数', false],
      ['签约', false],
      ['调查日', true],
    ]);
    expect(proposeMapping(detected.fields)).toMatchObject({ code: '宗地编', buildingArea: '建筑面' });
    for (const label of ['936', 'GB2312', 'CP936', 'GBK']) {
      const path = writeShapefile(folder, `cpg-${label}`, writeShapefileBytes(spec({ languageDriver: 0 })), {
        prj: PRJ.cgcs2000Zone36,
        cpg: `${label}\r\n`,
      });
      const layer = await readSurveyFile(path);
      expect(layer.encoding).toEqual({ name: 'gbk', source: 'cpg' });
      expect(layer.features[0]?.properties.户主).toBe('张堃');
    }
    const labelledUtf8 = writeShapefile(
      folder,
      'cpg-utf8',
      writeShapefileBytes(spec({ encoding: 'utf-8' })),
      {
        prj: PRJ.cgcs2000Zone36,
        cpg: 'UTF-8',
      },
    );
    // The .cpg wins over the language driver (0x4D by default in the fixture).
    expect((await readSurveyFile(labelledUtf8)).encoding).toEqual({ name: 'utf-8', source: 'cpg' });
  });

  it('reads GBK text under a .cpg that says UTF-8 as GBK, and says so; the operator’s choice still wins', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, 'wrong-cpg', writeShapefileBytes(spec({ languageDriver: 0 })), {
      prj: PRJ.cgcs2000Zone36,
      cpg: 'UTF-8',
    });
    const layer = await readSurveyFile(path);
    expect(layer.encoding).toEqual({ name: 'gbk', source: 'detected' });
    expect(layer.features[0]?.properties.户主).toBe('张堃');
    expect(layer.notes.map((note) => note.en)).toContainEqual(
      'wrong-cpg.dbf: the .cpg says UTF-8 but the text is not UTF-8: read as GBK (choose the encoding if that is wrong)',
    );
    const chosen = await readSurveyFile(path, { encoding: 'utf-8' });
    expect(chosen.encoding).toEqual({ name: 'utf-8', source: 'option' });
  });

  it('ends a text value at a NUL byte, as GDAL does: what follows is an older value’s leftover', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(
      folder,
      'nul',
      writeShapefileBytes({
        shapes: [[square(surveyPoint(106.65, 26.62), 30)]],
        fields: [
          { name: 'ZDDM', type: 'C', length: 30 },
          { name: 'CM', type: 'C', length: 20 },
        ],
        rows: [['440111001001JC00001\u0000JC99999', '堃山村\u0000旧村名']],
      }),
      { prj: PRJ.cgcs2000Zone36 },
    );
    const layer = await readSurveyFile(path);
    expect(layer.features[0]?.properties).toEqual({ ZDDM: '440111001001JC00001', CM: '堃山村' });
  });

  it('finds each record through the .shx, wherever it lies in the .shp (an editor’s rewrite), as GDAL does', async () => {
    const files = writeShapefileBytes(spec());
    // The same records, stored in the .shp in reverse order after a leftover record, the .shx pointing at each.
    const index = new DataView(files.shx.buffer, files.shx.byteOffset, files.shx.byteLength);
    const records = Array.from({ length: (files.shx.length - 100) / 8 }, (_, entry) => {
      const offset = index.getInt32(100 + entry * 8, false) * 2;
      const length = index.getInt32(104 + entry * 8, false) * 2 + 8;
      return files.shp.slice(offset, offset + length);
    });
    const leftover = records[0] as Uint8Array;
    const stored = [leftover, ...[...records].reverse()];
    const shp = new Uint8Array(100 + stored.reduce((sum, record) => sum + record.length, 0));
    shp.set(files.shp.subarray(0, 100));
    const shx = new Uint8Array(files.shx);
    const shxView = new DataView(shx.buffer);
    let cursor = 100;
    stored.forEach((record, position) => {
      shp.set(record, cursor);
      // Position 0 is the leftover; the others are the records in reverse.
      if (position > 0) shxView.setInt32(100 + (records.length - position) * 8, cursor / 2, false);
      cursor += record.length;
    });
    new DataView(shp.buffer).setInt32(24, shp.length / 2, false);
    const folder = temporaryFolder();
    const reordered = await readSurveyFile(
      writeShapefile(folder, 'reordered', { ...files, shp, shx }, { prj: PRJ.cgcs2000Zone36 }),
    );
    const inOrder = await readSurveyFile(
      writeShapefile(folder, 'in-order', files, { prj: PRJ.cgcs2000Zone36 }),
    );
    expect(reordered.features.map((feature) => feature.geometry)).toEqual(
      inOrder.features.map((feature) => feature.geometry),
    );
  });

  it('decides the coordinate system without a wild vertex (1e300), leaving that record to be reported', async () => {
    const folder = temporaryFolder();
    const [x, y] = surveyPoint(106.65, 26.62);
    const wild = square([x + 100, y], 30);
    wild[2] = [1e300, y + 30];
    const path = writeShapefile(
      folder,
      'wild',
      writeShapefileBytes({
        shapes: [[square([x, y], 30)], [wild]],
        fields: [{ name: 'ZDDM', type: 'C', length: 10 }],
        rows: [['A'], ['B']],
      }),
      { prj: PRJ.cgcs2000Zone36 },
    );
    const layer = await readSurveyFile(path);
    expect(layer.crs.epsg).toBe(4524);
    expect(layer.features).toHaveLength(2);
    const geometry = layer.features[0]?.geometry as Polygon;
    expect(geometry.coordinates[0]?.[0]?.[0]).toBeCloseTo(106.65, 6);
  });

  it('keeps an unreadable number as its text, for the mapping to report; an overflow (asterisks) is empty', async () => {
    const folder = temporaryFolder();
    const [x, y] = surveyPoint(106.65, 26.62);
    const path = writeShapefile(
      folder,
      'numbers',
      writeShapefileBytes({
        shapes: [1, 2, 3, 4].map((offset) => [square([x + offset * 40, y], 30)]),
        fields: [{ name: 'ZDMJ', type: 'N', length: 12, decimals: 2 }],
        rows: [['385.61'], ['-'], ['************'], ['1 117.58']],
      }),
      { prj: PRJ.cgcs2000Zone36 },
    );
    const layer = await readSurveyFile(path);
    expect(layer.features.map((feature) => feature.properties.ZDMJ)).toEqual([385.61, '-', null, '1 117.58']);
  });

  it('reads a Visual FoxPro double (B, 8 bytes) as the number it holds, and a .prj named in GBK', async () => {
    const folder = temporaryFolder();
    const [x, y] = surveyPoint(106.65, 26.62);
    const files = writeShapefileBytes({
      shapes: [[square([x, y], 30)]],
      fields: [
        { name: 'ZDDM', type: 'C', length: 10 },
        { name: 'ZDMJ', type: 'C', length: 8 },
      ],
      rows: [['A', '']],
    });
    // The second field as Visual FoxPro writes a double: type B, 8 bytes, little-endian.
    const dbf = new Uint8Array(files.dbf);
    const view = new DataView(dbf.buffer);
    dbf[32 + 32 + 11] = 'B'.charCodeAt(0);
    view.setFloat64(view.getUint16(8, true) + 1 + 10, 385.61, true);
    const prj = PRJ.cgcs2000Zone36.replace('CGCS2000_3_Degree_GK_Zone_36', 'CGCS2000_3度带_36带');
    const base = join(folder, '宗地');
    writeShapefile(folder, '宗地', { ...files, dbf });
    writeFileSync(`${base}.prj`, new Uint8Array(iconv.encode(prj, 'gbk')));
    const layer = await readSurveyFile(`${base}.shp`);
    expect(layer.features[0]?.properties).toEqual({ ZDDM: 'A', ZDMJ: 385.61 });
    expect(layer.crs.name).toBe('CGCS2000_3度带_36带');
  });

  it('keeps a parcel code stored as a 19-digit N field exact', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(
      folder,
      'long-codes',
      writeShapefileBytes({
        shapes: [[square(surveyPoint(106.65, 26.62), 30)], [square(surveyPoint(106.651, 26.62), 30)]],
        fields: [{ name: 'ZDDM', type: 'N', length: 19 }],
        rows: [['4401110010010012341'], ['4401110010010012342']],
      }),
      { prj: PRJ.cgcs2000Zone36 },
    );
    const layer = await readSurveyFile(path);
    expect(layer.features.map((feature) => feature.properties.ZDDM)).toEqual([
      '4401110010010012341',
      '4401110010010012342',
    ]);
  });

  it('reads a .prj it cannot use only as the EPSG code the operator gives, with a note', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, 'stale-prj', writeShapefileBytes(spec()), {
      prj: PRJ.xian1980Zone35,
    });
    await expect(readSurveyFile(path)).rejects.toThrow(
      /if the coordinates are CGCS2000 after all, give their EPSG code/,
    );
    const layer = await readSurveyFile(path, { crs: 4524 });
    expect(layer.crs).toMatchObject({ epsg: 4524, source: 'option' });
    expect(layer.notes[0]?.zh).toContain('按指定的 EPSG:4524');
    expectReprojected(layer);
  });

  it('strips a zone prefix from X when the .prj declares the CM variant (EPSG:4545), with a note', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, 'parcels', writeShapefileBytes(spec()), { prj: PRJ.cgcs2000Cm108 });
    const layer = await readSurveyFile(path);
    expect(layer.crs).toMatchObject({ epsg: 4524, zonePrefixedX: true, source: 'prj' });
    expect(layer.notes.map((note) => note.en).join(' ')).toMatch(/zone number 36/);
    expectReprojected(layer);
  });

  it('reads unprefixed CM-108E coordinates (EPSG:4545) and PolygonZ records, dropping Z', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, 'parcels', writeShapefileBytes(spec({ shapeType: 15 }, false)), {
      prj: PRJ.cgcs2000Cm108,
    });
    const layer = await readSurveyFile(path);
    expect(layer.crs).toMatchObject({ epsg: 4545, zonePrefixedX: false });
    expect(layer.notes).toEqual([]);
    expectReprojected(layer, false);
    expect(polygonsOf(layer.features[0]?.geometry as Polygon)[0]?.[0]?.[0]).toHaveLength(2);
  });

  it('detects zone-prefixed GK coordinates without a .prj, and refuses unprefixed ones', async () => {
    const folder = temporaryFolder();
    const prefixed = writeShapefile(folder, 'prefixed', writeShapefileBytes(spec()));
    const layer = await readSurveyFile(prefixed);
    expect(layer.crs).toMatchObject({ epsg: 4524, source: 'detected', zonePrefixedX: true });
    expectReprojected(layer);
    const unprefixed = writeShapefile(folder, 'unprefixed', writeShapefileBytes(spec({}, false)));
    await expect(readSurveyFile(unprefixed)).rejects.toThrow(/no coordinate system declared/);
    // …unless the user says which system it is.
    const withOption = await readSurveyFile(unprefixed, { crs: 4545 });
    expect(withOption.crs).toMatchObject({ epsg: 4545, source: 'option' });
    expectReprojected(withOption, false);
  });

  it('refuses Xi’an 1980, Beijing 1954 and WGS 84 UTM by name', async () => {
    const folder = temporaryFolder();
    const bytes = writeShapefileBytes(spec());
    const cases: [string, RegExp][] = [
      [PRJ.xian1980Zone35, /不支持的坐标系 Xian_1980_3_Degree_GK_Zone_35：请先转换为 CGCS2000/],
      [PRJ.beijing1954Zone35, /不支持的坐标系 Beijing_1954_3_Degree_GK_Zone_35/],
      [PRJ.wgs84Utm48, /unsupported coordinate system WGS_1984_UTM_Zone_48N/],
    ];
    for (const [index, [prj, message]] of cases.entries()) {
      const path = writeShapefile(folder, `refused-${index}`, bytes, { prj });
      const error = await readSurveyFile(path).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses a truncated .shp and a .shp without .dbf, naming the file', async () => {
    const folder = temporaryFolder();
    const bytes = writeShapefileBytes(spec());
    const truncatedPath = writeShapefile(
      folder,
      'cut',
      { ...bytes, shp: bytes.shp.subarray(0, bytes.shp.length - 40) },
      {
        prj: PRJ.cgcs2000Zone36,
      },
    );
    await expect(readSurveyFile(truncatedPath)).rejects.toThrow(
      '文件不完整：cut.shp / file is truncated: cut.shp',
    );
    const truncatedDbf = writeShapefile(folder, 'cutdbf', { ...bytes, dbf: bytes.dbf.subarray(0, 300) });
    await expect(readSurveyFile(truncatedDbf)).rejects.toThrow(/file is truncated: cutdbf.dbf/);
    const noDbf = writeShapefile(folder, 'lonely', bytes, { withoutDbf: true });
    await expect(readSurveyFile(noDbf)).rejects.toThrow(/lonely\.dbf is missing/);
  });

  it('refuses a point layer: points are not parcels', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(
      folder,
      'points',
      writeShapefileBytes(spec({ shapeType: 1, shapes: [], rows: [] })),
    );
    await expect(readSurveyFile(path)).rejects.toThrow(/Point, not Polygon/);
  });
});

describe('readSurveyFile: zipped Shapefile', () => {
  it('reads a zip with the set in a GBK-named subfolder, same result as unzipped', async () => {
    const folder = temporaryFolder();
    const bytes = writeShapefileBytes(spec());
    const zipPath = join(folder, 'survey.zip');
    writeFileSync(
      zipPath,
      writeZipBytes(
        shapefileZipEntries('成果数据', '宗地图', bytes, { prj: PRJ.cgcs2000Zone36, gbkName: true }),
      ),
    );
    const zipped = await readSurveyFile(zipPath);
    const unzipped = await readSurveyFile(
      writeShapefile(folder, '宗地图', bytes, { prj: PRJ.cgcs2000Zone36 }),
    );
    expect(zipped.layerName).toBe('宗地图');
    expect(zipped.features).toEqual(unzipped.features);
    expect(zipped.encoding).toEqual(unzipped.encoding);
    expect(await listLayers(zipPath)).toEqual([
      { name: '成果数据/宗地图', featureCount: 4, geometryType: 'Polygon' },
    ]);
  });

  it('requires choosing a layer when the zip holds several shapefiles', async () => {
    const folder = temporaryFolder();
    const bytes = writeShapefileBytes(spec());
    const zipPath = join(folder, 'two.zip');
    writeFileSync(
      zipPath,
      writeZipBytes([
        ...shapefileZipEntries('', '一村', bytes, { prj: PRJ.cgcs2000Zone36 }),
        ...shapefileZipEntries('', '二村', bytes, { prj: PRJ.cgcs2000Cm108 }),
      ]),
    );
    await expect(readSurveyFile(zipPath)).rejects.toThrow(/choose one: 一村, 二村/);
    expect((await listLayers(zipPath)).map((layer) => layer.name)).toEqual(['一村', '二村']);
    const second = await readSurveyFile(zipPath, { layer: '二村' });
    expect(second.layerName).toBe('二村');
    expect(second.notes).toHaveLength(1);
  });

  it('reads the shapefile of a zip that also holds a readme and the surveyor’s area table, noting them', async () => {
    const folder = temporaryFolder();
    const bytes = writeShapefileBytes(spec());
    const encode = (text: string) => new TextEncoder().encode(text);
    const zipPath = join(folder, 'with-companions.zip');
    writeFileSync(
      zipPath,
      writeZipBytes([
        ...shapefileZipEntries('', '宗地', bytes, { prj: PRJ.cgcs2000Zone36 }),
        { name: '说明.txt', bytes: encode('本成果为新寨村宗地调查成果，坐标系 CGCS2000。\r\n') },
        { name: '面积汇总表.csv', bytes: encode('村名,户数,面积\r\n新寨村,2,1300.5\r\n龙井村,2,925.0\r\n') },
        { name: 'metadata.json', bytes: encode('{"surveyor": "某测绘院", "date": "2024-04-01"}') },
      ]),
    );
    const layer = await readSurveyFile(zipPath);
    expect(layer.layerName).toBe('宗地');
    expect(layer.features).toHaveLength(4);
    expect(layer.notes.map((note) => note.en)).toContainEqual(
      'not read from the archive: 说明.txt, 面积汇总表.csv, metadata.json (no geometry: not a layer)',
    );
    expect((await readSurveyFile(zipPath, { layer: '宗地' })).features).toHaveLength(4);
    expect((await listLayers(zipPath)).map((entry) => entry.name)).toEqual(['宗地']);
    // Alone in a zip, a table without geometry is not silently skipped: its own error is the answer.
    const alone = join(folder, 'table-only.zip');
    writeFileSync(
      alone,
      writeZipBytes([{ name: '面积汇总表.csv', bytes: encode('村名,户数\r\n新寨村,2\r\n') }]),
    );
    await expect(readSurveyFile(alone)).rejects.toThrow(/the CSV has no geometry column/);
  });

  it('reads the one polygon layer of a CASS export beside its boundary points, naming the others', async () => {
    const folder = temporaryFolder();
    const zipPath = join(folder, 'cass.zip');
    writeFileSync(
      zipPath,
      writeZipBytes([
        ...shapefileZipEntries(
          '成果',
          '界址点',
          writeShapefileBytes(spec({ shapeType: 1, shapes: [], rows: [] })),
          {
            prj: PRJ.cgcs2000Zone36,
          },
        ),
        ...shapefileZipEntries('成果', '宗地', writeShapefileBytes(spec()), { prj: PRJ.cgcs2000Zone36 }),
      ]),
    );
    const layer = await readSurveyFile(zipPath);
    expect(layer.layerName).toBe('宗地');
    expect(layer.features).toHaveLength(4);
    expect(layer.notes.map((note) => note.zh)).toContainEqual(
      '压缩包中只有 成果/宗地 是面图层，已读取；成果/界址点 不是面，未读取',
    );
  });

  it('refuses a zipped .shp whose .dbf is missing', async () => {
    const folder = temporaryFolder();
    const bytes = writeShapefileBytes(spec());
    const zipPath = join(folder, 'nodbf.zip');
    const entries = shapefileZipEntries('', 'parcels', bytes).filter((entry) => !entry.name.endsWith('.dbf'));
    writeFileSync(zipPath, writeZipBytes(entries));
    await expect(readSurveyFile(zipPath)).rejects.toThrow(/parcels\.dbf is missing/);
  });
});

describe('assembleRings', () => {
  it('falls back to nesting when every ring runs counter-clockwise', () => {
    const outer = square([0, 0], 10, true);
    const hole = square([2, 2], 2, true);
    const geometry = assembleRings([outer, hole]);
    expect(geometry).toEqual({ type: 'Polygon', coordinates: [outer, hole] });
  });

  it('falls back to nesting when every ring is reversed (outer counter-clockwise, holes clockwise)', () => {
    const outer = square([0, 0], 10, true);
    const hole = square([2, 2], 2);
    const other = square([20, 0], 5, true);
    expect(assembleRings([outer, hole])).toEqual({ type: 'Polygon', coordinates: [outer, hole] });
    expect(assembleRings([outer, hole, other])).toEqual({
      type: 'MultiPolygon',
      coordinates: [[outer, hole], [other]],
    });
    // By the rule, an island in a hole is an outer ring of its own; nesting reads it so too.
    const island = square([3, 3], 0.5);
    expect(assembleRings([square([0, 0], 10), square([2, 2], 2, true), island])).toEqual({
      type: 'MultiPolygon',
      coordinates: [[square([0, 0], 10), square([2, 2], 2, true)], [island]],
    });
  });

  it('keeps a hole that lies in no outer ring as a polygon of its own', () => {
    const geometry = assembleRings([square([0, 0], 10), square([50, 50], 10), square([100, 100], 2, true)]);
    expect(geometry.type).toBe('MultiPolygon');
    expect((geometry as MultiPolygon).coordinates).toHaveLength(3);
  });
});

function hasOgr2ogr(): boolean {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasOgr2ogr())('GDAL agrees (ogr2ogr is installed)', () => {
  it('gives the same lon/lat (1e-9°) and the same decoded attributes as ogr2ogr -t_srs EPSG:4490', async () => {
    const folder = temporaryFolder();
    const path = writeShapefile(folder, '宗地', writeShapefileBytes(spec({ languageDriver: 0x4d })), {
      prj: PRJ.cgcs2000Zone36,
    });
    const ours = await readSurveyFile(path);
    const output = execFileSync(
      'ogr2ogr',
      ['-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '-lco', 'COORDINATE_PRECISION=12', '/vsistdout/', path],
      { encoding: 'utf-8' },
    );
    const gdal = JSON.parse(output) as {
      features: { properties: Record<string, unknown>; geometry: Polygon | MultiPolygon | null }[];
    };
    expect(gdal.features).toHaveLength(ours.features.length);
    gdal.features.forEach((feature, index) => {
      const mine = ours.features[index];
      expect(mine?.properties.户主).toBe(feature.properties.户主);
      expect(mine?.properties.宗地编码).toBe(feature.properties.宗地编码);
      expect(mine?.properties.村名).toBe(feature.properties.村名);
      expect(mine?.properties.建筑面积).toBe(feature.properties.建筑面积);
      expect(mine?.properties.层数).toBe(feature.properties.层数);
      expect(mine?.properties.调查日期).toBe(
        typeof feature.properties.调查日期 === 'string'
          ? feature.properties.调查日期.replace(/\//g, '-')
          : null,
      );
      if (!feature.geometry) {
        expect(mine?.geometry).toBeNull();
        return;
      }
      const theirs = polygonsOf(feature.geometry);
      const read = polygonsOf(mine?.geometry as Polygon | MultiPolygon);
      expect(read.map((polygon) => polygon.length)).toEqual(theirs.map((polygon) => polygon.length));
      for (const [polygonIndex, polygon] of theirs.entries()) {
        for (const [ringIndex, ring] of polygon.entries()) {
          for (const [vertex, position] of ring.entries()) {
            const mineVertex = read[polygonIndex]?.[ringIndex]?.[vertex] as Position;
            expect(Math.abs((mineVertex[0] as number) - (position[0] as number))).toBeLessThanOrEqual(1e-9);
            expect(Math.abs((mineVertex[1] as number) - (position[1] as number))).toBeLessThanOrEqual(1e-9);
          }
        }
      }
    });
  });
});
