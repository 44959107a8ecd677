/**
 * `npm run import` as an operator runs it: the real command (`node server/cli/run.mjs import`) in a child process,
 * on a small GeoJSON delivery written here. What it prints, its exit code, and what it leaves on disk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GeoPackageStore } from '../../server/store/geopackage-store.ts';
import { square } from '../support/geometry.ts';

const folder = mkdtempSync(join(tmpdir(), 'import-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function runImport(...parameters: string[]): { status: number | null; stdout: string; stderr: string } {
  // A store the command must never touch: every run either fails early or builds a new park.
  return runImportInto(join(folder, 'never-opened.gpkg'), ...parameters);
}

function runImportInto(
  store: string,
  ...parameters: string[]
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['server/cli/run.mjs', 'import', ...parameters], {
    encoding: 'utf8',
    env: { ...process.env, PARK_STORE: store },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A 20 m square parcel at column `column` of a row near 106.65°E 26.62°N, as a GeoJSON feature. */
function parcel(column: number, properties: Record<string, unknown>) {
  return { type: 'Feature', properties, geometry: square(106.65 + column * 0.0003, 26.62, 0.0002) };
}

function writeDelivery(name: string, features: unknown[]): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
  return path;
}

const GOOD = [
  parcel(0, { 宗地编码: 'XZ-001', 户主: '王堃', 村名: '新寨村', 地类: '宅基地', 面积: 401.2 }),
  parcel(1, { 宗地编码: 'XZ-002', 户主: '李明', 村名: '新寨村', 地类: '宅基地', 面积: 399.8 }),
  parcel(2, { 宗地编码: 'HS-001', 户主: '张华', 村名: '河湾村', 地类: '耕地', 面积: 400.5 }),
];

describe('npm run import (command line)', () => {
  it('prints its usage, every option included, for --help', () => {
    const { status, stdout } = runImport('--help');
    expect(status).toBe(0);
    for (const option of [
      '--mapping',
      '--save-mapping',
      '--report',
      '--layer',
      '--encoding',
      '--crs',
      '--village',
      '--remove-missing',
      '--dry-run',
      '--new-store',
      '--park-name',
      '--language',
    ]) {
      expect(stdout).toContain(option);
    }
    expect(stdout).toContain('用法 Usage');
  });

  it('refuses a mistaken command line in both languages, with the usage and exit code 2, and no stack trace', () => {
    const cases: [string[], string, string][] = [
      [['--bogus'], '未知选项 --bogus', 'unknown option --bogus'],
      [['survey.zip', '--mapping'], '选项 --mapping 缺少值', 'option --mapping needs a value'],
      [['survey.zip', '--crs', 'Beijing'], '--crs 应为 EPSG 代码', 'not "Beijing"'],
      [[], '缺少测绘成果文件', 'no survey file given'],
      [['a.zip', 'b.zip'], '一次只能导入一个文件', 'also given: b.zip'],
    ];
    for (const [parameters, chinese, english] of cases) {
      const { status, stderr } = runImport(...parameters);
      expect(status, parameters.join(' ')).toBe(2);
      expect(stderr).toContain(chinese);
      expect(stderr).toContain(english);
      expect(stderr).toContain('用法 Usage');
      expect(stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('builds a new park from a delivery, and with --dry-run writes nothing', () => {
    const delivery = writeDelivery('新寨村.geojson', GOOD);
    const dryRunStore = join(folder, 'dry-run.gpkg');
    const dryRun = runImport(delivery, '--new-store', dryRunStore, '--dry-run', '--language', 'en');
    expect(dryRun.status, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('Dry run: nothing was written');
    expect(existsSync(dryRunStore)).toBe(false);

    const newStore = join(folder, 'new-park.gpkg');
    const report = join(folder, 'report.csv');
    const run = runImport(delivery, '--new-store', newStore, '--park-name', '测试园区', '--report', report);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('3 户 parcels, 2 村 villages');
    expect(existsSync(report)).toBe(true);
    const store = GeoPackageStore.open(newStore);
    try {
      expect(store.park.name).toBe('测试园区');
      expect(
        store
          .records()
          .map((record) => [record.summary.code, record.summary.holder])
          .sort(),
      ).toEqual([
        ['HS-001', '张华'],
        ['XZ-001', '王堃'],
        ['XZ-002', '李明'],
      ]);
    } finally {
      store.close();
    }
  });

  it('reports a delivery whose parcel code cannot be mapped as an error, in the printed report and the CSV', () => {
    const delivery = writeDelivery(
      'no-code.geojson',
      GOOD.map(({ properties: { 宗地编码: _code, ...rest }, ...feature }) => ({
        ...feature,
        properties: rest,
      })),
    );
    const report = join(folder, 'no-code.csv');
    const { status, stdout } = runImport(
      delivery,
      '--new-store',
      join(folder, 'no-code.gpkg'),
      '--report',
      report,
    );
    expect(status).toBe(1);
    // Three records read, none checked: the report is not "0 records, 0 errors, can be committed".
    expect(stdout).toContain('记录 3 · 错误 1');
    expect(stdout).toContain('存在错误，不能提交');
    expect(stdout).toContain('[错误] 必须指定宗地编码对应的源字段');
    expect(readFileSync(report, 'utf8')).toContain('The parcel code must be mapped to a source field');
  });

  it('commits a re-delivery as its report says: a ring that starts elsewhere is no change', () => {
    const park = join(folder, 'redelivery-park.gpkg');
    expect(runImport(writeDelivery('first.geojson', GOOD), '--new-store', park).status).toBe(0);
    const before = GeoPackageStore.open(park);
    const storedGeometry = new Map(before.records().map((record) => [record.summary.code, record.geometry]));
    before.close();
    // The same survey again: every ring starting at its second vertex, and one holder spelled anew.
    const rotated = GOOD.map((feature) => {
      const open = (feature.geometry.coordinates[0] as number[][]).slice(0, -1);
      const turned = [...open.slice(1), open[0] as number[], open[1] as number[]];
      return { ...feature, geometry: { ...feature.geometry, coordinates: [turned] } };
    });
    rotated[1] = {
      ...rotated[1],
      properties: { ...rotated[1]?.properties, 户主: '李明华' },
    } as (typeof rotated)[1];
    const run = runImportInto(park, writeDelivery('second.geojson', rotated));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('新增 0，变更 1，不变 2');
    expect(run.stdout).toContain('新增 added 0, 变更 changed 1');
    expect(run.stdout).toContain('未变 unchanged 2');
    const after = GeoPackageStore.open(park);
    try {
      for (const record of after.records()) {
        // The stored rings as they were: the report found them the same.
        expect(record.geometry, record.summary.code).toEqual(storedGeometry.get(record.summary.code));
      }
      expect(after.records().find((record) => record.summary.code === 'XZ-002')?.summary.holder).toBe(
        '李明华',
      );
    } finally {
      after.close();
    }
  });

  it('with --remove-missing deletes only the missing parcels of the villages the delivery has, as its report says', () => {
    const park = join(folder, 'remove-missing-park.gpkg');
    expect(runImport(writeDelivery('whole.geojson', GOOD), '--new-store', park).status).toBe(0);
    // 新寨村's survey again, without XZ-002; 河湾村 is not in this delivery at all.
    const village = writeDelivery('xinzhai.geojson', [GOOD[0]]);
    const dryRun = runImportInto(park, village, '--remove-missing', '--dry-run');
    expect(dryRun.stdout).toContain('本次没有 1（将删除）；其他村 1 户不在本次成果中，保留');
    const run = runImportInto(park, village, '--remove-missing');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('删除 removed 1, 保留 kept 1');
    const store = GeoPackageStore.open(park);
    try {
      expect(
        store
          .records()
          .map((record) => record.summary.code)
          .sort(),
      ).toEqual(['HS-001', 'XZ-001']);
    } finally {
      store.close();
    }
  });

  it('warns of a new code on land a stored parcel keeps, unless that parcel goes with --remove-missing', () => {
    const park = join(folder, 'recoded-park.gpkg');
    expect(runImport(writeDelivery('all.geojson', GOOD), '--new-store', park).status).toBe(0);
    // 新寨村 again, XZ-002's land under a new code.
    const recoded = writeDelivery('recoded.geojson', [
      GOOD[0],
      { ...GOOD[1], properties: { ...GOOD[1]?.properties, 宗地编码: 'XZ-009' } },
    ]);
    const kept = runImportInto(park, recoded, '--dry-run');
    expect(kept.stdout).toContain('XZ-009）是新宗地，与现有宗地 XZ-002 重叠');
    const removed = runImportInto(park, recoded, '--dry-run', '--remove-missing');
    expect(removed.stdout).not.toContain('与现有宗地 XZ-002 重叠');
    expect(removed.stdout).toContain('本次没有 1（将删除）');
  });

  it('writes nothing when the report has errors, and says so', () => {
    const delivery = writeDelivery('duplicates.geojson', [...GOOD, GOOD[0]]);
    const newStore = join(folder, 'refused.gpkg');
    const { status, stdout, stderr } = runImport(delivery, '--new-store', newStore);
    expect(status).toBe(1);
    expect(stdout).toContain('XZ-001');
    expect(stderr).toContain('有错误，未写入任何数据 / There are errors: nothing was written');
    expect(existsSync(newStore)).toBe(false);
  });
});
