/** 问题上报: problems a team reports on a household, and their small state machine (open → assigned → resolved). */
import type { Coded } from './statuses.ts';

export const PROBLEM_KINDS = [
  { code: 'areaDispute', zh: '面积争议', en: 'Area dispute' },
  { code: 'ownershipDispute', zh: '权属争议', en: 'Ownership dispute' },
  { code: 'missingMember', zh: '家庭成员缺失', en: 'Missing family member' },
  { code: 'compensationDispute', zh: '补偿争议', en: 'Compensation dispute' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly Coded<string>[];

export type ProblemKind = (typeof PROBLEM_KINDS)[number]['code'];

export const PROBLEM_STATUSES = [
  { code: 'open', zh: '待处理', en: 'Open', color: '#e4572e', order: 0 },
  { code: 'assigned', zh: '已分派', en: 'Assigned', color: '#f3a712', order: 1 },
  { code: 'resolved', zh: '已办结', en: 'Resolved', color: '#4c956c', order: 2 },
] as const;

export type ProblemStatus = (typeof PROBLEM_STATUSES)[number]['code'];

export interface Problem {
  id: number;
  parcelId: number;
  parcelCode: string;
  village: string;
  kind: ProblemKind;
  description: string;
  status: ProblemStatus;
  assignee: string | null;
  reportedBy: string;
  reportedAt: string;
  updatedAt: string;
  version: number;
}

export function isProblemKind(value: string): value is ProblemKind {
  return PROBLEM_KINDS.some((kind) => kind.code === value);
}

/** assign: open/assigned → assigned (re-assigning is allowed); resolve: open/assigned → resolved. */
export function nextProblemStatus(
  current: ProblemStatus,
  action: 'assign' | 'resolve',
): ProblemStatus | null {
  if (current === 'resolved') return null;
  return action === 'assign' ? 'assigned' : 'resolved';
}
