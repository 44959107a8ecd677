import { describe, expect, it } from 'vitest';
import {
  applyMapping,
  formatMappingJson,
  normalizeLandClass,
  parseMappingJson,
  proposeMapping,
  validateMapping,
} from '../../server/import/mapping.ts';
import type { SourceField, SourceLayer, SourceValue } from '../../server/import/source.ts';

const fields = (...names: string[]): SourceField[] => names.map((name) => ({ name, type: 'string' }));

function layerOf(fieldNames: string[], records: Record<string, SourceValue>[]): SourceLayer {
  return {
    format: 'geojson',
    layerName: 'test',
    fields: fields(...fieldNames),
    crs: { epsg: 4490, name: 'CGCS2000', source: 'geojson-default', zonePrefixedX: false },
    encoding: { name: 'utf-8', source: 'format' },
    features: records.map((properties, index) => ({ index, properties, geometry: null })),
    notes: [],
  };
}

describe('proposeMapping', () => {
  it('maps a Chinese survey table, preferring exact names and using each field once', () => {
    const mapping = proposeMapping(
      fields(
        '宗地编码',
        '户主姓名',
        '村名',
        '村民小组',
        '地类名称',
        '建筑面积',
        '房屋结构',
        '宗地面积',
        '身份证号',
        '联系电话',
        '是否干部',
        '签约状态',
        '拆除状态',
        '备注',
      ),
    );
    expect(mapping).toEqual({
      code: '宗地编码',
      holder: '户主姓名',
      village: '村名',
      group: '村民小组',
      landClass: '地类名称',
      buildingArea: '建筑面积',
      structure: '房屋结构',
      surveyArea: '宗地面积',
      idNumber: '身份证号',
      phone: '联系电话',
      cadre: '是否干部',
      signing: '签约状态',
      clearance: '拆除状态',
    });
  });

  it('maps pinyin initials of cadastral software, whatever the case, and prefers ZDMJ over SHAPE_Area', () => {
    const mapping = proposeMapping(
      fields(
        'OBJECTID',
        'zddm',
        'QLR',
        'CM',
        'ZU',
        'DLBM',
        'JZMJ',
        'FWJG',
        'SHAPE_Area',
        'ZDMJ',
        'SFZH',
        'LXDH',
        'CADRE',
        'QYZT',
        'CCZT',
      ),
    );
    expect(mapping).toEqual({
      code: 'zddm',
      holder: 'QLR',
      village: 'CM',
      group: 'ZU',
      landClass: 'DLBM',
      buildingArea: 'JZMJ',
      structure: 'FWJG',
      surveyArea: 'ZDMJ',
      idNumber: 'SFZH',
      phone: 'LXDH',
      cadre: 'CADRE',
      signing: 'QYZT',
      clearance: 'CCZT',
    });
  });

  it('matches English names with spaces and underscores, the longest contained alias winning', () => {
    const mapping = proposeMapping(fields('Parcel Id', 'VILLAGE_NAME', 'Name', 'Building Area', 'Area'));
    expect(mapping).toEqual({
      code: 'Parcel Id',
      holder: 'Name',
      village: 'VILLAGE_NAME',
      buildingArea: 'Building Area',
      surveyArea: 'Area',
    });
  });

  it('maps a name cut at the DBF limit to the alias it starts, but only a name that may be cut', () => {
    const cut = (name: string): SourceField => ({ name, type: 'string', nameMayBeCut: true });
    expect(proposeMapping([cut('宗地编'), ...fields('户主'), cut('建筑面'), cut('户主姓')])).toEqual({
      code: '宗地编',
      holder: '户主',
      buildingArea: '建筑面',
    });
    // Not at the limit: 宗地编 is a name of its own, not the start of 宗地编码.
    expect(proposeMapping(fields('宗地编', '户主'))).toEqual({ holder: '户主' });
  });

  it('maps the names other cadastral software uses, and the real-estate unit number only without a parcel code', () => {
    expect(
      proposeMapping(
        fields(
          '宗地编号',
          '土地使用者',
          '村委会',
          '村小组',
          '土地用途',
          '房屋建筑面积',
          '建筑结构',
          '身份证号码',
          '联系方式',
          '是否干部户',
        ),
      ),
    ).toMatchObject({
      code: '宗地编号',
      holder: '土地使用者',
      village: '村委会',
      group: '村小组',
      landClass: '土地用途',
      buildingArea: '房屋建筑面积',
      structure: '建筑结构',
      idNumber: '身份证号码',
      phone: '联系方式',
      cadre: '是否干部户',
    });
    expect(proposeMapping(fields('BDCDYH', 'ZDDM'))).toEqual({ code: 'ZDDM' });
    expect(proposeMapping(fields('BDCDYH', 'QLR'))).toEqual({ code: 'BDCDYH', holder: 'QLR' });
  });

  it('prefers the surveyor’s area to a bare 面积 and never proposes an area a GIS computed', () => {
    // MapGIS writes its own 面积 and 周长 beside the surveyor's 宗地面积.
    expect(proposeMapping(fields('ID', '面积', '周长', '宗地面积')).surveyArea).toBe('宗地面积');
    expect(proposeMapping(fields('面积')).surveyArea).toBe('面积');
    expect(proposeMapping(fields('ZDDM', 'SHAPE_Area', 'SHAPE_Leng')).surveyArea).toBeUndefined();
    expect(proposeMapping(fields('ZDDM', 'SmArea', 'SmPerimeter')).surveyArea).toBeUndefined();
  });

  it('never maps one source field to two targets', () => {
    // `状态` is an alias of signing only; `拆除状态` would contain it, but here there is just one status column.
    expect(proposeMapping(fields('编号', '状态'))).toEqual({ code: '编号', signing: '状态' });
  });
});

describe('validateMapping', () => {
  it('accepts a mapping whose names all exist', () => {
    expect(validateMapping({ code: 'ZDDM', holder: 'QLR' }, fields('ZDDM', 'QLR'))).toEqual([]);
  });

  it('requires the code, names a missing source field and a field used twice', () => {
    const problems = validateMapping({ holder: 'QLR', village: 'CUN', group: 'QLR' }, fields('QLR'));
    const english = problems.map((problem) => problem.en);
    expect(english).toContain('Source field "CUN" mapped to village is not in the data');
    expect(english).toContain('Source field "QLR" is mapped to more than one field: holder, village group');
    expect(english).toContain('The parcel code must be mapped to a source field');
    expect(problems.find((problem) => problem.source === 'CUN')?.zh).toBe(
      '村对应的源字段「CUN」在数据中不存在',
    );
  });
});

describe('mapping file', () => {
  it('round-trips through JSON', () => {
    const mapping = { code: '宗地编码', holder: '权利人', surveyArea: 'ZDMJ' };
    const text = formatMappingJson(mapping);
    expect(JSON.parse(text)).toMatchObject({ version: 1, fields: { code: '宗地编码', village: null } });
    expect(parseMappingJson(text)).toEqual({ ok: true, mapping });
  });

  it('names unknown target keys', () => {
    const result = parseMappingJson(
      '{ "version": 1, "fields": { "code": "ZDDM", "owner": "QLR", "mj": "MJ" } }',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.en).toMatch(/unknown target fields: owner, mj/);
    expect(result.errors[0]?.zh).toMatch(/未知的目标字段：owner、mj/);
  });

  it('rejects text that is not JSON and a wrong version', () => {
    expect(parseMappingJson('{ code: ZDDM }').ok).toBe(false);
    const result = parseMappingJson('{ "version": 2, "fields": {} }');
    expect(result.ok ? [] : result.errors.map((error) => error.en)).toEqual([
      "The mapping file's version must be 1, found 2",
    ]);
  });
});

describe('applyMapping', () => {
  const mapping = {
    code: 'ZDDM',
    holder: 'QLR',
    landClass: 'DL',
    structure: 'JG',
    buildingArea: 'JZMJ',
    surveyArea: 'MJ',
    cadre: 'GB',
    signing: 'QY',
    clearance: 'CC',
  };
  const names = ['ZDDM', 'QLR', 'DL', 'JG', 'JZMJ', 'MJ', 'GB', 'QY', 'CC'];

  it('reads a parcel code typed in full-width letters and digits as the ASCII code, keeping its case', () => {
    const candidates = applyMapping(
      layerOf(names, [{ ZDDM: 'ＪＣ００１' }, { ZDDM: ' jc-002 ' }, { ZDDM: '４４０１１１JC3' }]),
      mapping,
    );
    expect(candidates.map((candidate) => candidate.code)).toEqual(['JC001', 'jc-002', '440111JC3']);
  });

  it('reads repeated values as the first time, each record with its own value objects, 101 apart from "101"', () => {
    const records = [
      { DL: 101, JG: '砖混', QY: '已签约', CC: '已交地' },
      { DL: '0101', JG: '砖混', QY: '已签约', CC: '已交地' },
      { DL: 101, JG: '砖混', QY: '已签约', CC: '已交地' },
      { DL: '101', JG: '砖混', QY: '已签约', CC: '已交地' },
    ];
    const candidates = applyMapping(layerOf(names, records), mapping);
    const alone = records.map((record) => applyMapping(layerOf(names, [record]), mapping)[0]);
    expect(candidates.map(({ index: _, ...candidate }) => candidate)).toEqual(
      alone.map((candidate) => {
        const { index: _, ...rest } = candidate as NonNullable<typeof candidate>;
        return rest;
      }),
    );
    expect(candidates[0]?.landClass).toEqual({ code: 'farmland', raw: '101' });
    expect(candidates[0]?.landClass).not.toBe(candidates[2]?.landClass);
    expect(candidates[0]?.signing).not.toBe(candidates[1]?.signing);
  });

  it('normalizes labels, GB/T 21010 codes, numbers with separators and units, and yes/no words', () => {
    const [first, second, third] = applyMapping(
      layerOf(names, [
        {
          ZDDM: ' ZD-001 ',
          QLR: '张三',
          DL: '水田',
          JG: '砖混结构',
          JZMJ: '1,234.50 ㎡',
          MJ: '２００平方米',
          GB: '是',
          QY: '已签约',
          CC: '已交地',
        },
        {
          ZDDM: 12345,
          QLR: '李四',
          DL: 101,
          JG: 'Frame',
          JZMJ: 88,
          MJ: '1.5亩',
          GB: 'N',
          QY: 'appraised',
          CC: 'Occupied',
        },
        {
          ZDDM: 'ZD-003',
          QLR: '',
          DL: '荒地',
          JG: '钢结构',
          JZMJ: '约120',
          MJ: null,
          GB: '待定',
          QY: '签了',
          CC: '',
        },
      ]),
      mapping,
    );
    expect(first).toMatchObject({
      index: 0,
      code: 'ZD-001',
      holder: '张三',
      landClass: { code: 'farmland', raw: '水田' },
      structure: { code: 'brickConcrete', raw: '砖混结构' },
      buildingArea: 1234.5,
      surveyArea: 200,
      cadre: true,
      signing: { code: 'signed', raw: '已签约' },
      clearance: { code: 'handedOver', raw: '已交地' },
    });
    expect(first?.invalidValues).toBeUndefined();
    expect(second).toMatchObject({
      code: '12345',
      landClass: { code: 'farmland', raw: '101' },
      structure: { code: 'frame', raw: 'Frame' },
      buildingArea: 88,
      // 1.5 亩 × 10000/15 ㎡ per 亩 = 1000 ㎡.
      surveyArea: 1000,
      cadre: false,
      signing: { code: 'appraised', raw: 'appraised' },
      clearance: { code: 'occupied', raw: 'Occupied' },
    });
    expect(third).toMatchObject({
      holder: null,
      landClass: { code: null, raw: '荒地' },
      structure: { code: null, raw: '钢结构' },
      buildingArea: null,
      surveyArea: null,
      cadre: false,
      signing: { code: null, raw: '签了' },
      clearance: { code: null, raw: null },
    });
    expect(third?.invalidValues).toEqual([
      { field: 'buildingArea', raw: '约120' },
      { field: 'cadre', raw: '待定' },
    ]);
  });

  it('reads GB/T 21010 land class codes where the class is obvious', () => {
    expect(normalizeLandClass('0103')).toEqual({ code: 'farmland', raw: '0103', basis: 'gb21010' });
    expect(normalizeLandClass('0201')).toMatchObject({ code: 'orchard' });
    expect(normalizeLandClass('0305')).toMatchObject({ code: 'forest' });
    expect(normalizeLandClass('0702')).toMatchObject({ code: 'homestead' });
    expect(normalizeLandClass('1001')).toEqual({ code: 'other', raw: '1001', basis: 'gb21010-other' });
    expect(normalizeLandClass('宅基地')).toEqual({ code: 'homestead', raw: '宅基地', basis: 'label' });
    expect(normalizeLandClass('collective')).toMatchObject({ code: 'collective', basis: 'label' });
  });
});

describe('a constant in the mapping', () => {
  it('gives every record the same value and needs no such field in the file', () => {
    const mapping = { code: 'ZDDM', holder: 'QLR', village: '=新寨村' };
    expect(validateMapping(mapping, fields('ZDDM', 'QLR'))).toEqual([]);
    const candidates = applyMapping(
      layerOf(
        ['ZDDM', 'QLR'],
        [
          { ZDDM: 'A1', QLR: '张三' },
          { ZDDM: 'A2', QLR: '李四' },
        ],
      ),
      mapping,
    );
    expect(candidates.map((candidate) => candidate.village)).toEqual(['新寨村', '新寨村']);
    // A lone "=" is a field name like any other (and this file has none).
    expect(validateMapping({ code: 'ZDDM', village: '=' }, fields('ZDDM'))).toHaveLength(1);
  });
});
