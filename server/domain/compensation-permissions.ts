/**
 * Who may see and change money. The rate table itself is published to everyone on the 公示 board; household amounts
 * beside personal data (exports, fairness, budget) are for the command centre and leaders; only the command centre
 * changes rates, settings and exclusions. A work team sees the breakdown of its own villages' households, which it
 * explains at the kitchen table.
 */
import type { ParcelSummary } from './parcel.ts';
import type { BilingualMessage } from './transitions.ts';
import type { Permission, User } from './users.ts';

const HQ_ONLY: BilingualMessage = {
  zh: '只有指挥部可以修改补偿标准和公示设置',
  en: 'Only the command centre changes the rate table and the 公示 settings',
};

export function canSeeCompensationLedger(user: User): Permission {
  return user.role === 'hq' || user.role === 'viewer'
    ? { allowed: true }
    : {
        allowed: false,
        message: {
          zh: '补偿台账、预算和公平性核查仅限指挥部和领导查看',
          en: 'The compensation ledger, budget and fairness check are for the command centre and leaders',
        },
      };
}

export function canSeeParcelCompensation(user: User, parcel: Pick<ParcelSummary, 'village'>): Permission {
  if (user.role !== 'team' || user.villages.includes(parcel.village)) return { allowed: true };
  return {
    allowed: false,
    message: {
      zh: `该户属于 ${parcel.village}，不在本工作队负责的村`,
      en: `This household is in ${parcel.village}, outside the team's villages`,
    },
  };
}

export function canManageCompensation(user: User): Permission {
  return user.role === 'hq' ? { allowed: true } : { allowed: false, message: HQ_ONLY };
}
