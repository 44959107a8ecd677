/**
 * `npm run import -- <file> [options]`: import a survey delivery into the store (PARK_STORE, default
 * data/park.gpkg) — or into a new park — after printing the validation report. Nothing is written when the report
 * has errors, with --dry-run, or when anything fails on the way: the import commits whole or not at all. The
 * options are listed in `USAGE` (`--help`).
 *
 * The server keeps the park in memory: stop it while importing from the command line, or use the web import.
 */
import { webcrypto } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  read,
  readFileSync,
  readSync,
  writeFileSync,
} from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import type { User } from '../domain/users.ts';
import { formatMappingJson, parseMappingJson } from '../import/mapping.ts';
import { writeParkFromImport } from '../import/new-park-file.ts';
import { importTargetOf, type PreparedImport, prepareImport } from '../import/prepare-import.ts';
import { formatReportText, validationReportCsv } from '../import/report-csv.ts';
import { type FieldMapping, SourceError } from '../import/source.ts';
import type { ParcelStore } from '../store/parcel-store.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const USAGE = `用法 Usage: npm run import -- <file> [options]

  <file>                 测绘成果 the survey delivery: .zip (Shapefile), .shp (with .shx/.dbf/.prj/.cpg beside it),
                         .gpkg, .geojson/.json, .csv
  --mapping <json>       字段映射 field mapping saved from an earlier delivery (default: proposed from the field names)
  --save-mapping <json>  保存映射 write the mapping used, for the next delivery
  --report <csv>         校验报告 write the full validation report as CSV (UTF-8 with BOM, opens in Excel)
  --layer <name>         图层 the GeoPackage table / Shapefile to read when the file has several
  --encoding <name>      字符编码 override the attribute encoding (gbk, utf-8, gb18030, big5)
  --crs <epsg>           坐标系 coordinate system of a file that declares none (CSV, Shapefile without .prj),
                         e.g. 4490 or EPSG:4545
  --village <name>       全部记录属于该村 every record is in this village (a per-village file without a village column)
  --remove-missing       删除缺失宗地 delete parcels of the delivered villages that this delivery no longer has
                         (default: keep them; other villages' parcels are never deleted)
  --dry-run              试运行 validate and report only; nothing is written
  --new-store <gpkg>     新园区 build a new park from the file instead (villages from the village field)
  --park-name <name>     新园区名称 the new park's name (with --new-store; default: the file's name)
  --language <zh|en>     报告语言 the report's language (default zh)
  -h, --help             显示本说明 show this text

导入到 PARK_STORE（默认 data/park.gpkg）；从命令行导入时请先停止服务。
Imports into PARK_STORE (default data/park.gpkg); stop the server while importing from the command line.`;

/** A mistake in the command line: said in both languages, with the usage, and exit code 2 (nothing was read). */
function usageError(zh: string, en: string): never {
  console.error(`${zh} / ${en}\n\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        mapping: { type: 'string' },
        'save-mapping': { type: 'string' },
        report: { type: 'string' },
        layer: { type: 'string' },
        encoding: { type: 'string' },
        crs: { type: 'string' },
        village: { type: 'string' },
        'remove-missing': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'new-store': { type: 'string' },
        'park-name': { type: 'string' },
        language: { type: 'string', default: 'zh' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const option = /'(-[^' ]+)/.exec(message ?? '')?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      return usageError(`未知选项 ${option}`, `unknown option ${option}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      return usageError(`选项 ${option} 缺少值`, `option ${option} needs a value`);
    }
    return usageError('命令行参数有误', String(message));
  }
}

const { positionals, values } = parseCommandLine();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [file, ...extraFiles] = positionals;
if (!file) usageError('缺少测绘成果文件', 'no survey file given');
if (extraFiles.length > 0) {
  usageError(
    `一次只能导入一个文件，多余：${extraFiles.join(' ')}`,
    `one file at a time; also given: ${extraFiles.join(' ')}`,
  );
}
const crsMatch = values.crs === undefined ? null : /^(?:EPSG:)?(\d{4,6})$/i.exec(values.crs.trim());
if (values.crs !== undefined && !crsMatch) {
  usageError(
    `--crs 应为 EPSG 代码（如 4490、EPSG:4545），而不是“${values.crs}”`,
    `--crs takes an EPSG code (such as 4490 or EPSG:4545), not "${values.crs}"`,
  );
}
const crs = crsMatch ? Number(crsMatch[1]) : undefined;
if (values.language !== 'zh' && values.language !== 'en') {
  usageError(`--language 只能是 zh 或 en`, `--language is zh or en, not "${values.language}"`);
}
if (values['park-name'] !== undefined && !values['new-store']) {
  usageError('--park-name 只与 --new-store 一起使用', '--park-name goes with --new-store');
}
const path = resolve(file);
if (!existsSync(path)) fail(`文件不存在 / No such file: ${file}`);
const language = values.language === 'en' ? 'en' : 'zh';

const actor: User = {
  id: 0,
  username: `cli:${process.env.USER ?? 'operator'}`,
  displayName: '命令行导入 command-line import',
  role: 'hq',
  villages: [],
};

function readMappingFile(file: string): FieldMapping {
  const parsed = parseMappingJson(readFileSync(file, 'utf8'));
  if (!parsed.ok) fail(parsed.errors.map((error) => `${error.zh} / ${error.en}`).join('\n'));
  return parsed.mapping;
}

function progress(phase: string, done: number, total: number): void {
  const label = phase === 'reading' ? '读取 reading' : '检查 validating';
  process.stderr.write(total > 0 ? `${label} ${done}/${total}\n` : `${label} …\n`);
}

/**
 * The file's SHA-256, read in one request and digested in another on the thread pool: `readFile` reads in
 * chunks, each continued on this thread, which the import keeps busy for seconds at a time.
 */
function fileSha256(file: string): Promise<string> {
  const descriptor = openSync(file, 'r');
  const bytes = Buffer.allocUnsafe(fstatSync(descriptor).size);
  return new Promise<number>((resolve, reject) => {
    read(descriptor, bytes, 0, bytes.length, 0, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    );
  })
    .then(async (bytesRead) => {
      // A regular file is read whole by one read(2); anything short of that is read on here.
      let offset = bytesRead;
      while (offset < bytes.length) {
        const more = readSync(descriptor, bytes, offset, bytes.length - offset, offset);
        if (more === 0) break;
        offset += more;
      }
      return webcrypto.subtle.digest('SHA-256', bytes.subarray(0, offset));
    })
    .then((digest) => Buffer.from(digest).toString('hex'))
    .finally(() => closeSync(descriptor));
}

async function run(): Promise<void> {
  const newStorePath = values['new-store'] ? resolve(values['new-store']) : null;
  if (newStorePath && existsSync(newStorePath)) fail(`已存在 / Already exists: ${newStorePath}`);
  const config = readConfig();
  // Loaded only to import into an existing store: the store module and what it loads (turf for label points)
  // cost a new park's import start-up time for nothing.
  const store: ParcelStore | null = newStorePath
    ? null
    : await (await import('../store/open-store.ts')).openOrCreateStore(
        config.storePath,
        config.sampleDirectory,
        (line) => console.error(line),
      );

  // Hashed on the thread pool (file read and digest) while the file is read and checked here.
  const sha256 = fileSha256(path);
  // Awaited by prepareImport; a failure before that is reported by it, not as an unhandled rejection.
  sha256.catch(() => undefined);
  let prepared: PreparedImport;
  try {
    prepared = await prepareImport(
      {
        path,
        fileName: basename(path),
        sha256,
      },
      store ? importTargetOf(store) : null,
      {
        ...(values.layer ? { layer: values.layer } : {}),
        ...(values.encoding ? { encoding: values.encoding } : {}),
        ...(crs !== undefined ? { crs } : {}),
        ...(values.mapping ? { mapping: readMappingFile(values.mapping) } : {}),
        ...(values.village ? { village: values.village } : {}),
        removeMissing: values['remove-missing'] === true,
        // Written at once, or not at all.
        encodeGeometryBlobs: true,
      },
      progress,
    );
  } catch (error) {
    if (error instanceof SourceError) fail(error.message);
    throw error;
  }

  const source = prepared.source;
  console.log(
    `${source.fileName} · ${source.format} · ${source.layerName} · ${source.records} 条记录 records · ` +
      `EPSG:${source.crs.epsg} ${source.crs.name} · ${source.encoding.name} (${source.encoding.source})`,
  );
  for (const note of source.notes) console.log(`  · ${note.zh} / ${note.en}`);
  console.log('字段映射 Field mapping:');
  for (const [target, sourceField] of Object.entries(prepared.mapping))
    console.log(`  ${target.padEnd(13)} ← ${sourceField ?? '—'}`);
  for (const error of prepared.mappingErrors) console.log(`  ✗ ${error.zh} / ${error.en}`);
  console.log(formatReportText(prepared.report, language));

  if (values['save-mapping']) writeFileSync(values['save-mapping'], formatMappingJson(prepared.mapping));
  if (values.report) writeFileSync(values.report, validationReportCsv(prepared.report));

  if (!prepared.plan) fail('有错误，未写入任何数据 / There are errors: nothing was written');
  if (values['dry-run']) {
    console.log('试运行：未写入任何数据 / Dry run: nothing was written');
    return;
  }
  if (newStorePath) {
    const parkName = values['park-name'] ?? basename(path).replace(/\.[^.]+$/, '');
    const result = writeParkFromImport(newStorePath, prepared.plan, parkName, actor);
    console.log(
      `新园区 New park ${newStorePath}: ${result.added.length} 户 parcels, ${prepared.plan.newVillages.length} 村 villages`,
    );
    console.log(
      `启动 Start: PARK_STORE=${values['new-store']} npm start  (then add users: npm run user -- add …)`,
    );
    return;
  }
  const result = (store as ParcelStore).importSurvey(prepared.plan, actor);
  (store as ParcelStore).close();
  console.log(
    `已导入 Imported: 新增 added ${result.added.length}, 变更 changed ${result.changed.length}, ` +
      `删除 removed ${result.removed.length}, 保留 kept ${result.kept.length}, 未变 unchanged ${result.unchanged}`,
  );
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
