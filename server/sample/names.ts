/**
 * Fictional names: park, town, villages, household heads, village leaders. Everything here is synthetic; any
 * likeness to a real person is chance. Surnames are weighted towards those common in central Guizhou (王, 杨, 罗,
 * 吴, 龙, 石 …), given names are built from characters typical of rural household heads born 1940–1995.
 */
import type { Random } from './prng.ts';

export const PARK_NAME = '黔中科技新城起步区';
export const PARK_NAME_ENGLISH = 'Qianzhong Science and Technology New Town, Start-up Area';
export const TOWN_NAME = '云岭镇';
/** 520115 is the region prefix every synthetic ID number in the sample carries. */
export const REGION_CODE = '520115';

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 62],
  ['杨', 58],
  ['李', 52],
  ['张', 44],
  ['刘', 38],
  ['陈', 40],
  ['罗', 36],
  ['吴', 34],
  ['黄', 30],
  ['龙', 26],
  ['周', 24],
  ['赵', 22],
  ['石', 20],
  ['徐', 16],
  ['何', 18],
  ['胡', 14],
  ['潘', 14],
  ['谢', 12],
  ['宋', 10],
  ['韦', 12],
  ['蒋', 10],
  ['邓', 10],
  ['田', 12],
  ['朱', 10],
  ['高', 9],
  ['郭', 8],
  ['马', 9],
  ['袁', 8],
  ['熊', 8],
  ['冯', 6],
  ['卢', 6],
  ['余', 7],
  ['曾', 6],
  ['彭', 6],
  ['肖', 6],
  ['唐', 7],
  ['雷', 5],
  ['蔡', 4],
  ['姚', 4],
  ['班', 3],
  ['岑', 3],
  ['顾', 3],
  ['付', 4],
  ['孙', 6],
  ['汪', 4],
];

const MALE_CHARACTERS: readonly string[] = [
  ...'国建明华强军平志德文永学贵富成忠林海勇福兴荣宏祥光金昌发庆云树正权斌涛刚俊江山安顺开世朝洪远新伟东红春生才友章炳坤泽胜',
];

const FEMALE_CHARACTERS: readonly string[] = [
  ...'秀英兰芳梅珍凤玉琴霞丽艳红萍燕娟敏花桂菊莲群慧云琼春翠仙美会',
];

export function synthesizePersonName(random: Random, male: boolean): string {
  const surname = random.weighted(SURNAMES);
  const pool = male ? MALE_CHARACTERS : FEMALE_CHARACTERS;
  // Two-character given names dominate this generation; single-character ones are a sizeable minority.
  if (random.chance(0.22)) return surname + random.pick(pool);
  let first = random.pick(pool);
  let second = random.pick(pool);
  while (second === first) second = random.pick(pool);
  if (random.chance(0.05)) [first, second] = [second, first];
  return surname + first + second;
}

export interface VillageName {
  name: string;
  nameEnglish: string;
}

/** The seven villages of the default sample, in code order V01…V07. */
const VILLAGE_NAMES: readonly VillageName[] = [
  { name: '龙井村', nameEnglish: 'Longjing' },
  { name: '石门村', nameEnglish: 'Shimen' },
  { name: '杉木村', nameEnglish: 'Shanmu' },
  { name: '水口村', nameEnglish: 'Shuikou' },
  { name: '竹林村', nameEnglish: 'Zhulin' },
  { name: '新寨村', nameEnglish: 'Xinzhai' },
  { name: '高坡村', nameEnglish: 'Gaopo' },
];

/** Syllables for the extra villages of an enlarged (benchmark) park: place-name elements common in Guizhou. */
const FIRST_SYLLABLES: readonly (readonly [string, string])[] = [
  ['白', 'Bai'],
  ['黄', 'Huang'],
  ['马', 'Ma'],
  ['牛', 'Niu'],
  ['羊', 'Yang'],
  ['大', 'Da'],
  ['小', 'Xiao'],
  ['上', 'Shang'],
  ['下', 'Xia'],
  ['中', 'Zhong'],
  ['云', 'Yun'],
  ['金', 'Jin'],
  ['青', 'Qing'],
  ['红', 'Hong'],
  ['松', 'Song'],
  ['桃', 'Tao'],
  ['柳', 'Liu'],
  ['茶', 'Cha'],
  ['花', 'Hua'],
  ['凤', 'Feng'],
];

const SECOND_SYLLABLES: readonly (readonly [string, string])[] = [
  ['冲', 'chong'],
  ['坝', 'ba'],
  ['寨', 'zhai'],
  ['堡', 'bao'],
  ['坡', 'po'],
  ['塘', 'tang'],
  ['湾', 'wan'],
  ['田', 'tian'],
  ['岩', 'yan'],
  ['关', 'guan'],
  ['屯', 'tun'],
  ['哨', 'shao'],
];

/** Village names for `count` villages: the seven defaults first, then distinct syllable pairs. */
export function villageNames(random: Random, count: number): VillageName[] {
  const names = VILLAGE_NAMES.slice(0, count);
  const pairs: VillageName[] = [];
  for (const [first, firstEnglish] of FIRST_SYLLABLES) {
    for (const [second, secondEnglish] of SECOND_SYLLABLES) {
      pairs.push({ name: `${first}${second}村`, nameEnglish: `${firstEnglish}${secondEnglish}` });
    }
  }
  random.shuffle(pairs);
  const taken = new Set(names.map((village) => village.name));
  for (const pair of pairs) {
    if (names.length >= count) break;
    if (!taken.has(pair.name)) names.push(pair);
  }
  if (names.length < count) throw new Error(`cannot name ${count} villages`);
  return names;
}

/** Mobile prefixes of the three carriers' common 13x/15x/18x number blocks. */
const MOBILE_PREFIXES: readonly string[] = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'],
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'],
];

export function synthesizeMobileNumber(random: Random): string {
  let digits = random.pick(MOBILE_PREFIXES);
  for (let index = 0; index < 8; index++) digits += String(random.int(0, 9));
  return digits;
}
