/** Strings of the dashboard's compensation panels, zh and en (domain labels come from the domain tables). */
export type PanelLanguage = 'zh' | 'en';

const zh = {
  breakdown: '补偿明细',
  line: '项目',
  basis: '依据',
  quantity: '数量',
  unitRate: '单价（元）',
  amount: '金额（元）',
  total: '合计',
  totalTenThousand: '{amount} 万元',
  rateVersion: '补偿标准第 {version} 版（{date} 起施行），按 {rateDate} 适用',
  agreed: '签约记录金额：{amount} 元（第 {version} 版）',
  agreedDiffers: '与补偿标准测算不一致，差额 {difference} 元',
  noRates: '补偿标准尚未发布',
  roundingNote: '各项按精确值计算，合计一次四舍五入到分。',
  editor: '补偿标准',
  newVersion: '发布新版本',
  title: '标准名称',
  effectiveDate: '生效日期',
  landRates: '土地补偿（元/亩）',
  buildingRates: '房屋补偿（元/㎡）',
  relocation: '搬迁补助（元/户）',
  bonus: '签约奖励（元/户）',
  deadline: '签约奖励截止日期（含）',
  note: '说明',
  preview: '测算（不保存）',
  publish: '发布',
  village: '村',
  households: '户数',
  current: '现行（万元）',
  proposed: '方案（万元）',
  proposedForAll: '方案全部适用（万元）',
  difference: '差额（万元）',
  effectiveHint: '最早 {date} 生效：已签约户按签约当日施行的标准，新版本不追溯。',
  published: '已发布第 {version} 版',
  fairness: '公平性核查',
  fairnessSummary: '已核查 {checked} 户：金额不一致 {differences} 户，干部户未签约 {cadre} 户',
  fairnessDifferences: '签约金额与补偿标准不一致',
  fairnessCadre: '干部户未签约',
  fairnessNone: '无',
  recorded: '签约记录（元）',
  computed: '按标准（元）',
  notRecorded: '未记录金额',
};

export type PanelTextKey = keyof typeof zh;

const en: Record<PanelTextKey, string> = {
  breakdown: 'Compensation',
  line: 'Item',
  basis: 'Basis',
  quantity: 'Quantity',
  unitRate: 'Rate (yuan)',
  amount: 'Amount (yuan)',
  total: 'Total',
  totalTenThousand: '{amount} × 10k yuan',
  rateVersion: 'Rate table version {version} (from {date}), applied as of {rateDate}',
  agreed: 'Recorded at signing: {amount} yuan (version {version})',
  agreedDiffers: 'differs from the rate table by {difference} yuan',
  noRates: 'No rate table published yet',
  roundingNote: 'Lines are exact; the total is rounded to the fen once.',
  editor: 'Rate table',
  newVersion: 'Publish a new version',
  title: 'Title',
  effectiveDate: 'Effective date',
  landRates: 'Land (yuan/mu)',
  buildingRates: 'Buildings (yuan/m²)',
  relocation: 'Relocation (yuan/household)',
  bonus: 'Early-signing bonus (yuan/household)',
  deadline: 'Bonus deadline (inclusive)',
  note: 'Note',
  preview: 'What-if (not saved)',
  publish: 'Publish',
  village: 'Village',
  households: 'Households',
  current: 'Current (10k yuan)',
  proposed: 'Proposal (10k yuan)',
  proposedForAll: 'Proposal for all (10k yuan)',
  difference: 'Difference (10k yuan)',
  effectiveHint:
    'Effective from {date} at the earliest: signed households keep the table of their signing day.',
  published: 'Published version {version}',
  fairness: 'Fairness check',
  fairnessSummary:
    '{checked} households checked: {differences} amounts differ, {cadre} cadre households not signed',
  fairnessDifferences: 'Recorded amount differs from the rate table',
  fairnessCadre: 'Cadre households not signed',
  fairnessNone: 'None',
  recorded: 'Recorded (yuan)',
  computed: 'Rate table (yuan)',
  notRecorded: 'not recorded',
};

export function panelText(language: PanelLanguage) {
  const table = language === 'zh' ? zh : en;
  return (key: PanelTextKey, values: Record<string, string | number> = {}) =>
    table[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      name in values ? String(values[name]) : match,
    );
}

export function money(language: PanelLanguage, decimals = 2) {
  const format = new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return (value: number) => format.format(value);
}
