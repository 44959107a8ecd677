/**
 * Who may do what (DESIGN.md, "Who uses it"): the command centre (`hq`) corrects any record; a village work team
 * (`team`) updates only the households of its own villages; a leader (`viewer`) reads and exports; the public reads
 * only the 公示 board. Pure rules, shared by the routes and the web's role-aware controls.
 */
import type { ParcelSummary } from './parcel.ts';
import type { BilingualMessage, Role } from './transitions.ts';

export const ROLES = [
  { code: 'hq', zh: '指挥部', en: 'Command centre' },
  { code: 'team', zh: '村工作队', en: 'Village work team' },
  { code: 'viewer', zh: '领导（只读）', en: 'Leader (read-only)' },
] as const;

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Villages a team is bound to; empty for hq and viewer. */
  villages: string[];
}

export function isRole(value: string): value is Role {
  return ROLES.some((role) => role.code === value);
}

export type Permission = { allowed: true } | { allowed: false; message: BilingualMessage };

/** Whether the user may change this parcel's statuses or report a problem on it. */
export function canEditParcel(user: User, parcel: Pick<ParcelSummary, 'village'>): Permission {
  if (user.role === 'hq') return { allowed: true };
  if (user.role === 'team' && user.villages.includes(parcel.village)) return { allowed: true };
  if (user.role === 'team') {
    return {
      allowed: false,
      message: {
        zh: `该户属于 ${parcel.village}，不在本工作队负责的村（${user.villages.join('、') || '无'}）`,
        en: `This household is in ${parcel.village}, outside the team's villages (${user.villages.join(', ') || 'none'})`,
      },
    };
  }
  return {
    allowed: false,
    message: { zh: '只读账号不能修改数据', en: 'A read-only account cannot change records' },
  };
}

export function canManageProblems(user: User): Permission {
  return user.role === 'hq'
    ? { allowed: true }
    : {
        allowed: false,
        message: {
          zh: '只有指挥部可以分派和办结问题',
          en: 'Only the command centre assigns and resolves problems',
        },
      };
}

export function canBulkChange(user: User): Permission {
  return user.role === 'hq'
    ? { allowed: true }
    : {
        allowed: false,
        message: {
          zh: '只有指挥部可以批量修改',
          en: 'Only the command centre may change a selection at once',
        },
      };
}

export function canImportSurvey(user: User): Permission {
  return user.role === 'hq'
    ? { allowed: true }
    : {
        allowed: false,
        message: {
          zh: '只有指挥部可以导入测绘成果',
          en: 'Only the command centre imports survey data',
        },
      };
}
