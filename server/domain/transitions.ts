/**
 * The status state machines of DESIGN.md ("Status model"), as data plus one pure check.
 *
 * Signing:   unsurveyed → surveyed → appraised → signed, or appraised → ruled (依法裁决).
 * Clearance: occupied → vacated → demolished → handedOver; occupied → handedOver when there is no building.
 *            Clearance cannot move past `occupied` unless signing is `signed` or `ruled`.
 * A move to a lower order is a correction: role `hq` only, with a reason.
 */
import { hasBuilding, type ParcelSummary } from './parcel.ts';
import {
  type Axis,
  type ClearanceStatus,
  SIGNING_DONE,
  type SigningStatus,
  STATUSES_BY_AXIS,
  statusDefinition,
} from './statuses.ts';

export type Role = 'hq' | 'team' | 'viewer';

export interface BilingualMessage {
  zh: string;
  en: string;
}

const SIGNING_FORWARD: Record<SigningStatus, readonly SigningStatus[]> = {
  unsurveyed: ['surveyed'],
  surveyed: ['appraised'],
  appraised: ['signed', 'ruled'],
  signed: [],
  ruled: [],
};

const CLEARANCE_FORWARD_WITH_BUILDING: Record<ClearanceStatus, readonly ClearanceStatus[]> = {
  occupied: ['vacated'],
  vacated: ['demolished'],
  demolished: ['handedOver'],
  handedOver: [],
};

const CLEARANCE_FORWARD_WITHOUT_BUILDING: Record<ClearanceStatus, readonly ClearanceStatus[]> = {
  occupied: ['handedOver'],
  vacated: [],
  demolished: [],
  handedOver: [],
};

type ParcelStatusFacts = Pick<ParcelSummary, 'signing' | 'clearance' | 'buildingArea'>;

export function forwardStatuses(parcel: ParcelStatusFacts, axis: Axis): readonly string[] {
  if (axis === 'signing') return SIGNING_FORWARD[parcel.signing];
  const table = hasBuilding(parcel) ? CLEARANCE_FORWARD_WITH_BUILDING : CLEARANCE_FORWARD_WITHOUT_BUILDING;
  return table[parcel.clearance];
}

function orderOf(axis: Axis, code: string): number {
  return statusDefinition(axis, code)?.order ?? -1;
}

export type TransitionCheck =
  | { allowed: true; kind: 'forward' | 'correction' }
  | {
      allowed: false;
      reason:
        | 'unknown-status'
        | 'same-status'
        | 'not-allowed'
        | 'needs-signing'
        | 'correction-needs-hq'
        | 'correction-needs-reason'
        | 'correction-breaks-clearance';
      message: BilingualMessage;
    };

export interface TransitionRequest {
  axis: Axis;
  to: string;
  role: Role;
  /** The note or, for a correction, the reason. */
  note: string;
}

function label(axis: Axis, code: string): BilingualMessage {
  const status = statusDefinition(axis, code);
  return { zh: status?.zh ?? code, en: status?.en ?? code };
}

/** Whether `request` may move `parcel` along its axis; a refusal carries the rule in Chinese and English. */
export function checkTransition(parcel: ParcelStatusFacts, request: TransitionRequest): TransitionCheck {
  const { axis, to } = request;
  const target = statusDefinition(axis, to);
  if (!target) {
    return {
      allowed: false,
      reason: 'unknown-status',
      message: {
        zh: `未知的${axis === 'signing' ? '签约' : '拆除'}状态“${to}”`,
        en: `Unknown ${axis} status "${to}"`,
      },
    };
  }
  const from = axis === 'signing' ? parcel.signing : parcel.clearance;
  const fromLabel = label(axis, from);
  const toLabel = label(axis, to);
  if (from === to) {
    return {
      allowed: false,
      reason: 'same-status',
      message: { zh: `状态已是“${toLabel.zh}”`, en: `Status is already "${toLabel.en}"` },
    };
  }
  if (orderOf(axis, to) < orderOf(axis, from) || orderOf(axis, to) === orderOf(axis, from)) {
    return checkCorrection(parcel, request, fromLabel, toLabel);
  }
  if (!forwardStatuses(parcel, axis).includes(to)) {
    const noBuilding = axis === 'clearance' && !hasBuilding(parcel);
    return {
      allowed: false,
      reason: 'not-allowed',
      message: noBuilding
        ? {
            zh: `无建筑物的地块只能由“未腾空”直接变为“已交地”，不能由“${fromLabel.zh}”变为“${toLabel.zh}”`,
            en: `A parcel without a building goes straight from "Occupied" to "Handed over", not from "${fromLabel.en}" to "${toLabel.en}"`,
          }
        : {
            zh: `不能由“${fromLabel.zh}”直接变为“${toLabel.zh}”，须按顺序推进`,
            en: `Cannot move from "${fromLabel.en}" to "${toLabel.en}": statuses advance one step at a time`,
          },
    };
  }
  if (axis === 'clearance' && !SIGNING_DONE.includes(parcel.signing)) {
    return {
      allowed: false,
      reason: 'needs-signing',
      message: {
        zh: '该户尚未签约或依法裁决，不能推进腾空、拆除或交地',
        en: 'Clearance cannot advance before the household has signed or been ruled on',
      },
    };
  }
  return { allowed: true, kind: 'forward' };
}

function checkCorrection(
  parcel: ParcelStatusFacts,
  request: TransitionRequest,
  fromLabel: BilingualMessage,
  toLabel: BilingualMessage,
): TransitionCheck {
  if (request.role !== 'hq') {
    return {
      allowed: false,
      reason: 'correction-needs-hq',
      message: {
        zh: `由“${fromLabel.zh}”退回“${toLabel.zh}”属于更正，只有指挥部可以操作`,
        en: `Moving back from "${fromLabel.en}" to "${toLabel.en}" is a correction that only the command centre (hq) may make`,
      },
    };
  }
  if (request.note.trim().length === 0) {
    return {
      allowed: false,
      reason: 'correction-needs-reason',
      message: { zh: '更正必须填写原因', en: 'A correction needs a reason' },
    };
  }
  if (
    request.axis === 'signing' &&
    !SIGNING_DONE.includes(request.to as SigningStatus) &&
    parcel.clearance !== 'occupied'
  ) {
    return {
      allowed: false,
      reason: 'correction-breaks-clearance',
      message: {
        zh: '该户拆除进度已推进，须先更正拆除状态为“未腾空”，才能退回签约状态',
        en: 'Clearance has already advanced: correct clearance back to "Occupied" before moving signing back',
      },
    };
  }
  if (
    request.axis === 'clearance' &&
    request.to !== 'occupied' &&
    request.to !== 'handedOver' &&
    !hasBuilding(parcel)
  ) {
    return {
      allowed: false,
      reason: 'not-allowed',
      message: {
        zh: '无建筑物的地块只有“未腾空”和“已交地”两个状态',
        en: 'A parcel without a building is either "Occupied" or "Handed over"',
      },
    };
  }
  return { allowed: true, kind: 'correction' };
}

/** Every status the role may choose next on this axis (forward moves first, then corrections for hq). */
export function allowedTargets(parcel: ParcelStatusFacts, axis: Axis, role: Role): string[] {
  if (role === 'viewer') return [];
  return STATUSES_BY_AXIS[axis]
    .map((status) => status.code as string)
    .filter((code) => checkTransition(parcel, { axis, to: code, role, note: 'reason' }).allowed);
}
