/**
 * Short Chinese notes for the events, by transition (`axis:from>to`); `:redo` marks the team's step forward again
 * after a command-centre correction. One note deliberately holds an ASCII comma and one ASCII quotes, so the CSV
 * writer's and readers' quoting is exercised by the sample itself.
 */
import type { Random } from './prng.ts';

export const EVENT_NOTES: Record<string, readonly string[]> = {
  'signing:unsurveyed>surveyed': ['入户调查完成', '现场丈量完成', '入户调查登记完成', '权属调查完成'],
  'signing:surveyed>appraised': ['评估报告已送达', '完成评估', '评估结果已公示', '评估报告已签收'],
  'signing:appraised>signed': [
    '签订补偿协议',
    '已签订征收补偿协议',
    '协议签订完成',
    '户主签字确认，协议生效',
  ],
  'signing:appraised>ruled': ['依法作出补偿决定', '补偿决定书已送达', '经依法裁决'],
  'clearance:occupied>vacated': ['已腾空', '搬迁完毕，已腾空', '人员物品已搬离'],
  'clearance:vacated>demolished': ['机械拆除完成', '拆除完成，已清运', '已拆除'],
  'clearance:demolished>handedOver': ['移交园区', '场地平整后移交', '已交地'],
  'clearance:occupied>handedOver': ['土地移交园区', '已交地', '青苗清点后交地'],
  'signing:signed>appraised': ['协议信息有误, 退回重签', '户主对面积有异议，退回核对'],
  'signing:appraised>surveyed': ['评估报告有误，退回重新评估', '漏评附属物，重新评估'],
  'clearance:vacated>occupied': ['核查发现仍有人居住，退回"未腾空"', '误报腾空，已更正'],
  'signing:appraised>signed:redo': ['重新签订补偿协议', '核对后重新签约'],
  'signing:surveyed>appraised:redo': ['重新评估完成', '补充评估完成'],
  'clearance:occupied>vacated:redo': ['复核后确认已腾空', '已腾空（复核）'],
};

export function pickNote(random: Random, key: string, fallback = ''): string {
  return random.pick(EVENT_NOTES[key] ?? [fallback]);
}
