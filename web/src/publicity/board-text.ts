/**
 * The board's own strings, in Chinese (the default) and English. Status, land-class and structure labels come from
 * the domain table (`server/domain/statuses.ts`), as everywhere else.
 */
export const BOARD_LANGUAGES = ['zh', 'en'] as const;
export type BoardLanguage = (typeof BOARD_LANGUAGES)[number];

const zh = {
  documentTitle: '{village} 征收补偿分户公示',
  title: '{village}征收补偿分户公示',
  indexTitle: '征收补偿公示',
  indexLead: '请选择村查看本村各户的补偿公示。',
  asOf: '数据截至 {time}（北京时间）',
  measure: '土地面积口径',
  households: '户数',
  signed: '已签约（含裁决）',
  landArea: '土地面积（亩）',
  buildingArea: '建筑面积（㎡）',
  compensationTotal: '补偿总额（万元）',
  cadreLead: '干部户签约',
  number: '序号',
  holder: '户主',
  parcelCode: '宗地编码',
  landAreaColumn: '土地面积（亩）',
  buildingAreaColumn: '建筑面积（㎡）',
  compensationColumn: '补偿金额（元）',
  signingColumn: '签约状态',
  cadreColumn: '干部户',
  cadreMark: '干部户',
  total: '合计',
  totalHouseholds: '{count} 户',
  search: '查找户主或宗地编码',
  searchCount: '显示 {shown} / {total} 户',
  noMatch: '没有符合条件的户',
  print: '打印公示',
  paper: '纸张',
  downloadXlsx: '下载 Excel',
  village: '村',
  rates: '补偿标准',
  rateVersion: '第 {version} 版，{date} 起施行',
  rateCurrent: '现行',
  landRates: '土地补偿（元/亩）',
  buildingRates: '房屋补偿（元/㎡）',
  relocation: '搬迁补助（元/户）',
  earlySigning: '签约奖励（元/户，{date} 前签约）',
  notes:
    '已签约户公示签约时记录的协议金额，按签约当日施行的补偿标准计算；未签约户为按现行标准测算的金额。违建和公告后抢建部分不予补偿。干部户带头签约，列于最前并公示全名。',
  namesMasked: '姓名已部分隐去',
  namesFull: '公示全名',
  page: '第 {page} 页 / 共 {pages} 页',
  scan: '扫码查看最新公示',
  loading: '正在加载公示…',
  error: '无法加载公示，请稍后再试。',
  notFound: '没有这个村的公示。',
  noRates: '补偿标准尚未发布',
  languageSwitch: '语言',
};

export type BoardTextKey = keyof typeof zh;

const en: Record<BoardTextKey, string> = {
  documentTitle: '{village}: compensation per household',
  title: '{village}: compensation per household',
  indexTitle: 'Compensation notices',
  indexLead: 'Choose a village to see the compensation of each of its households.',
  asOf: 'Data as of {time} (China time)',
  measure: 'Land area measure',
  households: 'Households',
  signed: 'Signed (incl. ruled)',
  landArea: 'Land (mu)',
  buildingArea: 'Floor area (m²)',
  compensationTotal: 'Compensation (10k yuan)',
  cadreLead: 'Cadre households signed',
  number: 'No.',
  holder: 'Household',
  parcelCode: 'Parcel code',
  landAreaColumn: 'Land (mu)',
  buildingAreaColumn: 'Floor area (m²)',
  compensationColumn: 'Compensation (yuan)',
  signingColumn: 'Signing',
  cadreColumn: 'Cadre',
  cadreMark: 'Cadre',
  total: 'Total',
  totalHouseholds: '{count} households',
  search: 'Find a household or parcel code',
  searchCount: 'Showing {shown} of {total} households',
  noMatch: 'No household matches',
  print: 'Print notice',
  paper: 'Paper',
  downloadXlsx: 'Download Excel',
  village: 'Village',
  rates: 'Compensation rates',
  rateVersion: 'Version {version}, in force from {date}',
  rateCurrent: 'current',
  landRates: 'Land (yuan/mu)',
  buildingRates: 'Buildings (yuan/m²)',
  relocation: 'Relocation (yuan/household)',
  earlySigning: 'Early-signing bonus (yuan/household, signed by {date})',
  notes:
    'Signed households show the amount recorded in their agreement, computed with the rates in force on the signing day; the others show the amount under the current rates. Illegal structures and structures built after the announcement are not compensated. Cadre households lead and are named in full.',
  namesMasked: 'names partly hidden',
  namesFull: 'full names',
  page: 'Page {page} of {pages}',
  scan: 'Scan for the live notice',
  loading: 'Loading the notice…',
  error: 'Could not load the notice; please try again later.',
  notFound: 'There is no notice for this village.',
  noRates: 'No rate table published yet',
  languageSwitch: 'Language',
};

const TEXTS: Record<BoardLanguage, Record<BoardTextKey, string>> = { zh, en };

export type BoardText = (key: BoardTextKey, values?: Record<string, string | number>) => string;

export function boardText(language: BoardLanguage): BoardText {
  return (key, values = {}) =>
    TEXTS[language][key].replace(/\{(\w+)\}/g, (match, name: string) =>
      name in values ? String(values[name]) : match,
    );
}

export function boardLanguageFrom(search: string): BoardLanguage {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh';
}
