import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidArea, gaussKrugerZoneFor, planeArea } from '../../server/domain/areas.ts';
import { roundTo, squareMetresToMu } from '../../server/domain/units.ts';
import { geometryKey, repairGeometry } from '../../server/import/geometry-repair.ts';
import { parcelAreas } from '../../server/import/parcel-areas.ts';
import { formatReportText, validationReportCsv } from '../../server/import/report-csv.ts';
import type { ImportCandidate } from '../../server/import/source.ts';
import { findOverlaps } from '../../server/import/spatial-checks.ts';
import {
  repairCandidates,
  startValidation,
  type ValidationContext,
  validateImport,
} from '../../server/import/validate.ts';

// Near the sample park (106.65°E, 26.62°N); D = 0.0002° ≈ 20 m east–west, 22 m north–south.
const WEST = 106.65;
const SOUTH = 26.62;
const D = 0.0002;
const ZONE = gaussKrugerZoneFor(106.65);

const at = (x: number, y: number): Position => [WEST + x * D, SOUTH + y * D];
const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
/** Square from (x, y) with side `size` (in units of D), closed, counter-clockwise. */
const square = (x: number, y: number, size = 1): Position[] => [
  at(x, y),
  at(x + size, y),
  at(x + size, y + size),
  at(x, y + size),
  at(x, y),
];

function candidate(index: number, overrides: Partial<ImportCandidate> = {}): ImportCandidate {
  return {
    index,
    code: `ZD-${String(index + 1).padStart(3, '0')}`,
    holder: `户主${index + 1}`,
    village: '东湖村',
    group: '1组',
    landClass: { code: 'homestead', raw: '宅基地' },
    buildingArea: null,
    structure: { code: null, raw: null },
    surveyArea: null,
    idNumber: null,
    phone: null,
    cadre: false,
    signing: { code: null, raw: null },
    clearance: { code: null, raw: null },
    // Laid out on a row with gaps, so they neither overlap nor touch unless a test says so.
    geometry: polygon(square(index * 3, 0)),
    ...overrides,
  };
}

const context = (overrides: Partial<ValidationContext> = {}): ValidationContext => ({
  villages: [
    { code: 'V01', name: '东湖村' },
    { code: 'V02', name: '西岭村' },
  ],
  parkBoundary: null,
  zone: ZONE,
  existing: [],
  mode: 'update',
  ...overrides,
});

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / expected;

describe('geometry repair', () => {
  it('repairs a bow-tie into its two triangles, as ST_MakeValid does', () => {
    const bowTie = polygon([at(0, 0), at(2, 2), at(2, 0), at(0, 2), at(0, 0)]);
    const report = validateImport([candidate(0, { geometry: bowTie })], context());
    const finding = report.findings.find((entry) => entry.kind === 'invalid-geometry');
    expect(finding).toMatchObject({ severity: 'warning', reason: 'self-intersection', repaired: true });
    expect(finding?.zh).toContain('第 1 条记录（宗地编码 ZD-001）');
    expect(report.canCommit).toBe(true);
    // The diagonals cross at (1, 1): a triangle on the west side and one on the east.
    const triangles: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[[at(0, 0), at(1, 1), at(0, 2), at(0, 0)]], [[at(1, 1), at(2, 0), at(2, 2), at(1, 1)]]],
    };
    const repaired = report.repairedGeometries.get(0);
    expect(repaired?.type).toBe('MultiPolygon');
    expect(relative(ellipsoidArea(repaired as MultiPolygon), ellipsoidArea(triangles))).toBeLessThan(1e-9);
    // Half of the 2 × 2 square: the shoelace of the raw bow-tie would have said 0.
    expect(relative(ellipsoidArea(triangles), ellipsoidArea(polygon(square(0, 0, 2))) / 2)).toBeLessThan(
      1e-6,
    );
    expect(report.total.ellipsoidArea.squareMetres).toBe(roundTo(ellipsoidArea(triangles), 2));
  });

  it('closes an unclosed ring and drops repeated points', () => {
    const open = polygon([at(0, 0), at(1, 0), at(1, 0), at(1, 1), at(0, 1)]);
    const result = repairGeometry(open);
    expect(result.problems.map((problem) => [problem.kind, problem.repaired])).toEqual([
      ['unclosed-ring', true],
      ['repeated-points', true],
    ]);
    expect(result.geometry).toEqual(polygon(square(0, 0)));
  });

  it('removes a spike and drops a collapsed hole', () => {
    const spiky = polygon(
      [at(0, 0), at(1, 0), at(2, 0), at(1, 0), at(1, 1), at(0, 1), at(0, 0)],
      [at(0.2, 0.2), at(0.4, 0.4), at(0.2, 0.2)],
    );
    const result = repairGeometry(spiky);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['spike', 'too-few-points']);
    expect(result.problems.every((problem) => problem.repaired)).toBe(true);
    expect(ellipsoidArea(result.geometry as Polygon)).toBeCloseTo(ellipsoidArea(polygon(square(0, 0))), 6);
  });

  it('subtracts a hole that crosses its shell (ST_MakeValid method=structure)', () => {
    const geometry = polygon(square(0, 0, 2), square(1, 1, 2));
    const result = repairGeometry(geometry);
    expect(result.problems.map((problem) => [problem.kind, problem.repaired])).toEqual([
      ['ring-crossing', true],
    ]);
    // The 2 × 2 shell less its north-east quarter: an L of three unit squares.
    const lShape = polygon([at(0, 0), at(2, 0), at(2, 1), at(1, 1), at(1, 2), at(0, 2), at(0, 0)]);
    expect(relative(ellipsoidArea(result.geometry as Polygon), ellipsoidArea(lShape))).toBeLessThan(1e-9);
  });

  it('does not repair a hole outside its shell: an error, and the report cannot be committed', () => {
    const geometry = polygon(square(0, 0), square(5, 5));
    const report = validateImport([candidate(0, { geometry })], context());
    const finding = report.findings.find((entry) => entry.kind === 'invalid-geometry');
    expect(finding).toMatchObject({ severity: 'error', reason: 'hole-outside-shell', repaired: false });
    expect(finding?.en).toBe(
      'Record 1 (parcel code ZD-001): invalid geometry — hole outside its shell (hole 1); not repaired, please correct the source',
    );
    expect(report.canCommit).toBe(false);
  });

  it('reports an empty geometry and coordinates that are not longitude/latitude', () => {
    const report = validateImport(
      [
        candidate(0, { geometry: null }),
        candidate(1, {
          geometry: polygon([
            [500000, 2945000],
            [500020, 2945000],
            [500020, 2945020],
            [500000, 2945000],
          ]),
        }),
      ],
      context(),
    );
    expect(
      report.findings.map((finding) => [finding.recordIndex, finding.kind, finding.reason ?? null]),
    ).toEqual([
      [0, 'empty-geometry', null],
      [1, 'invalid-geometry', 'not-lon-lat'],
    ]);
    expect(report.total.withoutGeometry).toBe(2);
  });

  it('gives the same geometry key whatever the start vertex and orientation', () => {
    const reversed = polygon([at(1, 0), at(0, 0), at(0, 1), at(1, 1), at(1, 0)]);
    expect(geometryKey(reversed)).toBe(geometryKey(polygon(square(0, 0))));
    expect(geometryKey(polygon(square(0, 0, 1.01)))).not.toBe(geometryKey(polygon(square(0, 0))));
  });
});

describe('record checks', () => {
  it('lists every record of a duplicated code', () => {
    const report = validateImport(
      [candidate(0, { code: 'ZD-9' }), candidate(1), candidate(2, { code: 'ZD-9' })],
      context(),
    );
    const duplicates = report.findings.filter((finding) => finding.kind === 'duplicate-code');
    expect(duplicates.map((finding) => finding.recordIndex)).toEqual([0, 2]);
    expect(duplicates[0]?.zh).toBe('第 1 条记录（宗地编码 ZD-9）：宗地编码 ZD-9 重复，出现在第 1、3 条记录');
    expect(duplicates[1]?.en).toBe(
      'Record 3 (parcel code ZD-9): parcel code ZD-9 is not unique; it appears in records 1, 3',
    );
    expect(report.canCommit).toBe(false);
  });

  it('refuses codes that differ only in letter case, in the delivery and against the store', () => {
    const existing = [
      { code: 'JC-7', village: 'V01', holder: '张三', surveyArea: null },
      { code: 'jc-8', village: 'V01', holder: '李四', surveyArea: null },
    ];
    const report = validateImport(
      [
        candidate(0, { code: 'JC-1' }),
        candidate(1, { code: 'jc-1' }),
        candidate(2, { code: 'jc-7' }),
        candidate(3, { code: 'JC-8' }),
        candidate(4, { code: 'JC-9' }),
        candidate(5, { code: 'jc-8' }),
      ],
      context({ existing }),
    );
    const byCase = report.findings.filter(
      (finding) => finding.kind === 'duplicate-code' && finding.en.includes('letter case'),
    );
    expect(
      byCase.map((finding) => [finding.recordIndex, finding.en.replace(/^Record \d+ \([^)]*\): /, '')]),
    ).toEqual([
      [1, 'parcel code jc-1 differs from JC-1 (record 1) only in letter case; make them one'],
      [
        2,
        'parcel code jc-7 differs from the stored parcel JC-7 only in letter case: write it as stored, or it would be a new parcel',
      ],
      [
        3,
        'parcel code JC-8 differs from the stored parcel jc-8 only in letter case: write it as stored, or it would be a new parcel',
      ],
      [5, 'parcel code jc-8 differs from JC-8 (record 4) only in letter case; make them one'],
    ]);
    expect(report.canCommit).toBe(false);
  });

  it('names an unknown status value and the accepted labels', () => {
    const report = validateImport([candidate(0, { signing: { code: null, raw: '签了' } })], context());
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      severity: 'error',
      kind: 'unknown-value',
      field: 'signing',
      code: 'ZD-001',
    });
    expect(finding?.zh).toMatch(
      /^第 1 条记录（宗地编码 ZD-001）：签约状态「签了」无法识别，可用：未调查\/Not surveyed\/unsurveyed、/,
    );
    expect(finding?.en).toContain('signing status "签了" is not known; accepted: ');
    expect(finding?.en).toContain('已签约/Signed/signed');
  });

  it('requires code, holder and village; warns for a missing land class and a structure it does not know', () => {
    const report = validateImport(
      [
        candidate(0, {
          code: null,
          holder: null,
          village: null,
          landClass: { code: null, raw: null },
          structure: { code: null, raw: '钢结构' },
        }),
      ],
      context(),
    );
    expect(report.findings.map((finding) => [finding.severity, finding.kind, finding.field])).toEqual([
      ['error', 'missing-value', 'code'],
      ['error', 'missing-value', 'holder'],
      ['error', 'missing-value', 'village'],
      ['warning', 'missing-value', 'landClass'],
      ['warning', 'unknown-value', 'structure'],
    ]);
    expect(report.findings[0]?.zh).toBe('第 1 条记录（无宗地编码）：缺少宗地编码');
  });

  it('refuses clearance past occupied before signing (DESIGN.md, status model)', () => {
    const report = validateImport(
      [
        candidate(0, {
          signing: { code: 'appraised', raw: '已评估' },
          clearance: { code: 'demolished', raw: '已拆除' },
        }),
      ],
      context(),
    );
    expect(report.findings.map((finding) => finding.kind)).toEqual(['status-conflict']);
  });

  it('warns when the registered area differs from the plane area by more than 5 %, with both numbers', () => {
    const plane = planeArea(polygon(square(0, 0)), ZONE);
    const report = validateImport(
      [candidate(0, { surveyArea: plane * 1.1 }), candidate(1, { surveyArea: plane * 1.04 })],
      context(),
    );
    const mismatches = report.findings.filter((finding) => finding.kind === 'survey-area-mismatch');
    expect(mismatches.map((finding) => finding.recordIndex)).toEqual([0]);
    expect(mismatches[0]?.zh).toContain(
      `登记面积 ${(plane * 1.1).toFixed(2)} ㎡ 与图形平面面积 ${plane.toFixed(2)} ㎡`,
    );
  });

  it('notes how folded land classes were read, once per value', () => {
    const report = validateImport(
      [
        candidate(0, { landClass: { code: 'farmland', raw: '水田' } }),
        candidate(1, { landClass: { code: 'farmland', raw: '水田' } }),
        candidate(2, { landClass: { code: 'other', raw: '1001' } }),
      ],
      context(),
    );
    expect(report.findings.map((finding) => [finding.severity, finding.kind, finding.recordIndex])).toEqual([
      ['warning', 'unknown-value', 2],
      ['info', 'value-folded', null],
    ]);
    expect(report.findings[1]?.zh).toBe('地类「水田」按「耕地」处理（2 条记录：第 1、2 条）');
  });

  it('proposes an unknown village as a new one, in an update as in a replace, and resolves names loosely', () => {
    const records = [candidate(0, { village: '北山村' }), candidate(1, { village: 'v02' })];
    for (const mode of ['update', 'replace'] as const) {
      const report = validateImport(records, context({ mode }));
      expect(report.canCommit).toBe(true);
      expect(report.newVillages).toEqual([{ name: '北山村', records: 1 }]);
      expect(report.findings.map((finding) => [finding.kind, finding.severity])).toEqual([
        ['new-village', 'warning'],
      ]);
      expect(report.findings[0]?.zh).toBe(
        '村「北山村」不是本园区现有的村，提交时将新建（1 条记录：第 1 条）',
      );
    }
  });
});

describe('overlaps and the park boundary', () => {
  it('reports two squares overlapping by a known area, not neighbours sharing an edge, and counts slivers', () => {
    const records = [
      candidate(0, { geometry: polygon(square(0, 0, 2)) }),
      candidate(1, { geometry: polygon(square(1, 1, 2)) }),
      // Shares the east edge of record 1: touching, not overlapping.
      candidate(2, { geometry: polygon(square(3, 0, 2)) }),
      // Overlaps record 3 by 3e-9° ≈ 0.3 mm along its 22 m edge: ≈ 0.007 ㎡, a sliver below 0.01 ㎡.
      candidate(3, {
        geometry: polygon([
          [WEST + 5 * D - 3e-9, SOUTH],
          at(7, 0),
          at(7, 1),
          [WEST + 5 * D - 3e-9, SOUTH + D],
          [WEST + 5 * D - 3e-9, SOUTH],
        ]),
      }),
    ];
    const report = validateImport(records, context());
    const overlaps = report.findings.filter((finding) => finding.kind === 'overlap');
    expect(overlaps).toHaveLength(1);
    const intersection = polygon(square(1, 1, 1));
    expect(overlaps[0]).toMatchObject({
      recordIndex: 0,
      code: 'ZD-001',
      otherCode: 'ZD-002',
      otherRecordIndex: 1,
    });
    expect(relative(overlaps[0]?.overlapSquareMetres as number, ellipsoidArea(intersection))).toBeLessThan(
      1e-6,
    );
    expect(overlaps[0]?.zh).toContain(`重叠 ${ellipsoidArea(intersection).toFixed(2)} ㎡`);
    expect(report.overlapSlivers.count).toBe(1);
    expect(report.overlapSlivers.squareMetres).toBeGreaterThan(0.005);
    expect(report.overlapSlivers.squareMetres).toBeLessThan(0.01);
    expect(report.findings.some((finding) => finding.kind === 'overlap-slivers')).toBe(true);
  });

  it('finds no overlap in a tessellation of 2,500 squares sharing edges and one planted duplicate', () => {
    const geometries: Polygon[] = [];
    for (let row = 0; row < 50; row++) {
      for (let column = 0; column < 50; column++) geometries.push(polygon(square(column, row)));
    }
    geometries.push(polygon(square(10, 10)));
    const summary = findOverlaps(geometries, 0.01);
    expect(summary.pairs.map((pair) => [pair.first, pair.second])).toEqual([[510, 2500]]);
    expect(summary.slivers.count).toBe(0);
  });

  it('warns for a parcel outside the red line and one partly outside, with the area outside', () => {
    const boundary = polygon(square(0, 0, 10));
    const report = validateImport(
      [
        candidate(0, { geometry: polygon(square(2, 2)) }),
        candidate(1, { geometry: polygon(square(20, 20)) }),
        candidate(2, { geometry: polygon(square(9.5, 4, 1)) }),
        // Inside, its east edge on the red line: not reported.
        candidate(3, { geometry: polygon(square(9, 6, 1)) }),
      ],
      context({ parkBoundary: boundary }),
    );
    const outside = report.findings.filter((finding) => finding.kind === 'outside-boundary');
    expect(outside.map((finding) => finding.recordIndex)).toEqual([1, 2]);
    expect(outside[0]?.zh).toBe('第 2 条记录（宗地编码 ZD-002）：在园区红线外');
    const outsidePart = polygon([at(10, 4), at(10.5, 4), at(10.5, 5), at(10, 5), at(10, 4)]);
    expect(relative(outside[1]?.outsideSquareMetres as number, ellipsoidArea(outsidePart))).toBeLessThan(
      1e-6,
    );
    expect(outside[1]?.en).toContain(
      `partly outside the park boundary, ${ellipsoidArea(outsidePart).toFixed(2)} ㎡`,
    );
  });
});

describe('stages computed by the caller', () => {
  it('give the same report as validateImport computing them itself (a large import measures areas in a worker)', () => {
    const records = [
      candidate(0, { geometry: polygon(square(0, 0, 2)), surveyArea: 1000 }),
      candidate(1, { geometry: polygon(square(1, 1, 2)) }),
      candidate(2, { geometry: polygon([at(6, 0), at(8, 2), at(8, 0), at(6, 2), at(6, 0)]) }),
      candidate(3, { geometry: null }),
      candidate(4, { geometry: polygon(square(9, 0), square(20, 20)), village: '南山村' }),
      candidate(5, { geometry: polygon(square(12, 0)), code: 'ZD-001' }),
    ];
    const validationContext = context({ parkBoundary: polygon(square(0, 0, 10)) });
    const repairs = repairCandidates(records);
    const geometries = repairs.map((repair) => repair.geometry);
    const staged = validateImport(records, validationContext, {
      repairs,
      areas: parcelAreas(geometries, ZONE),
      overlaps: findOverlaps(geometries, 0.01),
    });
    expect(staged).toEqual(validateImport(records, validationContext));
    expect(staged.findings.map((finding) => finding.kind)).toEqual(
      expect.arrayContaining([
        'overlap',
        'invalid-geometry',
        'empty-geometry',
        'duplicate-code',
        'outside-boundary',
      ]),
    );
  });
});

describe('totals and the re-delivery diff', () => {
  it('sums households and areas per village, in ㎡ and 亩, from the repaired geometry', () => {
    const records = [
      candidate(0, { surveyArea: 400, buildingArea: 120 }),
      candidate(1, { village: 'V02', surveyArea: 500.5, geometry: polygon(square(3, 0, 2)) }),
      candidate(2, { village: '西岭村', surveyArea: null, buildingArea: 80 }),
    ];
    const report = validateImport(records, context());
    const [east, west] = report.villages;
    const one = polygon(square(0, 0));
    const two = polygon(square(3, 0, 2));
    const three = polygon(square(6, 0));
    expect(east).toMatchObject({
      village: 'V01',
      name: '东湖村',
      households: 1,
      withoutSurveyArea: 0,
      surveyArea: { squareMetres: 400, mu: roundTo(400 / (10000 / 15), 4) },
      buildingAreaSquareMetres: 120,
    });
    expect(east?.surveyArea.mu).toBe(0.6);
    expect(east?.ellipsoidArea.squareMetres).toBe(roundTo(ellipsoidArea(one), 2));
    expect(east?.planeArea.squareMetres).toBe(roundTo(planeArea(one, ZONE), 2));
    const westEllipsoid = ellipsoidArea(two) + ellipsoidArea(three);
    const westPlane = planeArea(two, ZONE) + planeArea(three, ZONE);
    expect(west).toMatchObject({
      village: 'V02',
      households: 2,
      withoutSurveyArea: 1,
      surveyArea: { squareMetres: 500.5, mu: 0.7508 },
      ellipsoidArea: {
        squareMetres: roundTo(westEllipsoid, 2),
        mu: roundTo(squareMetresToMu(westEllipsoid), 4),
      },
      planeArea: { squareMetres: roundTo(westPlane, 2), mu: roundTo(squareMetresToMu(westPlane), 4) },
      buildingAreaSquareMetres: 80,
    });
    expect(report.total).toMatchObject({ households: 3, surveyArea: { squareMetres: 900.5, mu: 1.3508 } });
    expect(report.total.planeArea.squareMetres).toBe(roundTo(planeArea(one, ZONE) + westPlane, 2));
  });

  it('lists what a re-delivery adds, changes and removes, matched by code', () => {
    const kept = polygon(square(0, 0));
    // The store's copy starts at another vertex and runs the other way: the same shape.
    const storedKept = polygon([at(1, 1), at(1, 0), at(0, 0), at(0, 1), at(1, 1)]);
    const records = [
      candidate(0, { code: 'A', holder: '张三', surveyArea: 400, geometry: kept }),
      candidate(1, { code: 'B', holder: '李四新', surveyArea: 300 }),
      candidate(2, { code: 'N', holder: '王五' }),
    ];
    const existing = [
      {
        code: 'A',
        village: 'V01',
        holder: '张三',
        surveyArea: 400.001,
        geometryKey: geometryKey(storedKept),
      },
      { code: 'B', village: 'V02', holder: '李四', surveyArea: 300, geometryKey: geometryKey(kept) },
      { code: 'Z', village: 'V01', holder: '赵六', surveyArea: null },
      // A village the delivery does not have: outside it, never to be deleted.
      { code: 'Y', village: 'V02', holder: '钱七', surveyArea: null },
    ];
    const { diff } = validateImport(records, context({ existing }));
    expect(diff.added).toEqual([{ recordIndex: 2, code: 'N' }]);
    expect(diff.changed).toEqual([{ recordIndex: 1, code: 'B', fields: ['geometry', 'holder', 'village'] }]);
    expect(diff.removed).toEqual([{ code: 'Z', village: 'V01', holder: '赵六' }]);
    expect(diff.otherVillages).toBe(1);
    expect(diff.removeMissing).toBe(false);
    expect(diff.unchanged).toBe(1);
    expect(validateImport(records, context({ existing, removeMissing: true })).diff.removeMissing).toBe(true);
  });
});

describe('report files', () => {
  const report = validateImport(
    [
      candidate(0, { code: 'ZD,"1"', signing: { code: null, raw: '签了' } }),
      candidate(1, { geometry: polygon([at(0, 5), at(2, 7), at(2, 5), at(0, 7), at(0, 5)]) }),
    ],
    context(),
  );

  it('writes a CSV with a BOM, quoted cells, and the totals after a blank line', () => {
    const csv = validationReportCsv(report);
    expect(csv.startsWith('\uFEFF严重程度/severity,类型/kind,记录/record,宗地编码/code,字段/field,')).toBe(
      true,
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toMatch(
      /^错误\/error,unknown-value,1,"ZD,""1""",signing,"第 1 条记录（宗地编码 ZD,""1""）：签约状态/,
    );
    expect(lines[2]).toMatch(
      /^警告\/warning,invalid-geometry:self-intersection,2,ZD-002,geometry,.*,是\/yes,$/,
    );
    expect(lines[3]).toBe('');
    expect(lines[5]?.startsWith('村/village,村名/name,户数/households,')).toBe(true);
    expect(lines[6]).toMatch(/^V01,东湖村,2,0\.00,0\.0000,/);
    expect(lines[8]).toMatch(/^total,合计 \/ Total,2,/);
  });

  it('prints a readable text report in either language', () => {
    const chinese = formatReportText(report, 'zh');
    expect(chinese).toContain('记录 2 · 错误 1 · 警告 1');
    expect(chinese).toContain('存在错误，不能提交');
    expect(chinese).toMatch(/\n {2}\[错误\] 第 1 条记录/);
    const english = formatReportText(report, 'en');
    expect(english).toContain('records 2 · errors 1 · warnings 1');
    expect(english).toMatch(/EPSG:4545/);
  });
});

describe('validation in two steps', () => {
  it('orders each record’s findings as its checks ran, whichever step made them, then the file’s', () => {
    // Record 2: a missing holder (first step), a negative building area and a survey area off the plane area
    // (second step: needs the areas), a duplicated code (after every record). Record 1 and 3: a finding each.
    const candidates = [
      candidate(0, { buildingArea: 0 }),
      candidate(1, { code: 'ZD-001', holder: null, buildingArea: -5, surveyArea: 1 }),
      candidate(2, { landClass: { code: null, raw: null } }),
    ];
    const report = validateImport(candidates, context());
    // Errors, then warnings; by record; within a record, in the order its checks ran (the file's last).
    expect(report.findings.map((finding) => [finding.recordIndex, finding.kind])).toEqual([
      [0, 'duplicate-code'],
      [1, 'missing-value'],
      [1, 'building-area'],
      [1, 'duplicate-code'],
      [0, 'building-area'],
      [1, 'survey-area-mismatch'],
      [2, 'missing-value'],
    ]);
    // The areas measured elsewhere (the worker's) give the same report.
    const geometries = repairCandidates(candidates).map((repair) => repair.geometry);
    const started = startValidation(candidates, context());
    expect(started.finish(parcelAreas(geometries, ZONE))).toEqual(report);
  });
});
