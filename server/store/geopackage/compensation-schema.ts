/**
 * The compensation tables of the GeoPackage (attribute tables, so QGIS lists them beside the parcels):
 *
 * - `rate_tables` + `rates`: the versioned 补偿标准, one row per version and one row per rate of it.
 * - `compensation_agreements`: the amount recorded when a household signed or was ruled.
 * - `building_exclusions`: floor area never compensated (违建 illegal, 抢建 rush-built after the announcement).
 * - `settings`: the command centre's settings (the 公示 holder-name policy).
 *
 * Rate tables and agreements are append-only, enforced by triggers: no tool — not this server, not QGIS — can
 * rewrite a published rate or an agreed amount in place. A new version or a new signing is a new row.
 */

export const COMPENSATION_TABLES: { name: string; description: string; columns: string }[] = [
  {
    name: 'rate_tables',
    description: '补偿标准版本（只追加） compensation rate table versions, append-only',
    columns: [
      'version INTEGER PRIMARY KEY AUTOINCREMENT',
      'title TEXT NOT NULL',
      'effective_date TEXT NOT NULL',
      'relocation_per_household REAL NOT NULL CHECK (relocation_per_household >= 0)',
      'early_signing_bonus REAL NOT NULL CHECK (early_signing_bonus >= 0)',
      'early_signing_deadline TEXT NOT NULL',
      "note TEXT NOT NULL DEFAULT ''",
      'created_by TEXT NOT NULL',
      'created_at TEXT NOT NULL',
    ].join(', '),
  },
  {
    name: 'rates',
    description:
      '补偿标准明细：元/亩（地类）、元/㎡（结构） rates of each version: yuan/mu by land class, yuan/m² by structure',
    columns: [
      // GeoPackage attribute tables need an integer primary key (OGC 12-128, 2.4.3); the natural key stays unique.
      'id INTEGER PRIMARY KEY AUTOINCREMENT',
      'version INTEGER NOT NULL REFERENCES rate_tables(version)',
      "category TEXT NOT NULL CHECK (category IN ('land', 'building'))",
      'code TEXT NOT NULL',
      'rate REAL NOT NULL CHECK (rate >= 0)',
      'unit TEXT NOT NULL',
      'UNIQUE (version, category, code)',
    ].join(', '),
  },
  {
    name: 'compensation_agreements',
    description: '签约（裁决）时记录的补偿金额（只追加） amounts recorded at signing or ruling, append-only',
    columns: [
      'id INTEGER PRIMARY KEY AUTOINCREMENT',
      'parcel_id INTEGER NOT NULL',
      'event_id INTEGER NOT NULL',
      "status TEXT NOT NULL CHECK (status IN ('signed', 'ruled'))",
      'signed_at TEXT NOT NULL',
      'rate_version INTEGER',
      'agreed_fen INTEGER',
      'facts TEXT NOT NULL',
      "source TEXT NOT NULL CHECK (source IN ('signing', 'sample'))",
      'recorded_at TEXT NOT NULL',
    ].join(', '),
  },
  {
    name: 'building_exclusions',
    description:
      '不予补偿的建筑面积：违建、抢建（㎡） floor area never compensated: illegal, rush-built (m²)',
    columns: [
      'parcel_id INTEGER PRIMARY KEY',
      'illegal_area_m2 REAL NOT NULL DEFAULT 0 CHECK (illegal_area_m2 >= 0)',
      'rush_built_area_m2 REAL NOT NULL DEFAULT 0 CHECK (rush_built_area_m2 >= 0)',
      "note TEXT NOT NULL DEFAULT ''",
      'updated_by TEXT NOT NULL',
      'updated_at TEXT NOT NULL',
    ].join(', '),
  },
  {
    name: 'settings',
    description: '指挥部设置（如公示姓名显示方式） command centre settings (e.g. 公示 holder names)',
    columns: [
      'id INTEGER PRIMARY KEY AUTOINCREMENT',
      'key TEXT NOT NULL UNIQUE',
      'value TEXT NOT NULL',
      'updated_by TEXT NOT NULL',
      'updated_at TEXT NOT NULL',
    ].join(', '),
  },
];

const APPEND_ONLY = ['rate_tables', 'rates', 'compensation_agreements'];

export const COMPENSATION_INDEXES_AND_TRIGGERS = [
  'CREATE INDEX IF NOT EXISTS compensation_agreements_parcel ON compensation_agreements(parcel_id, id)',
  ...APPEND_ONLY.flatMap((table) => [
    `CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table}
       BEGIN SELECT RAISE(ABORT, '${table} is append-only: publish a new version instead'); END`,
    `CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table}
       BEGIN SELECT RAISE(ABORT, '${table} is append-only: publish a new version instead'); END`,
  ]),
].join(';\n');
