import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import type { Problem, ProblemKind } from '../../../server/domain/problems.ts';
import {
  ApiError,
  api,
  type BulkChangeResult,
  type ProblemChangeResult,
  type StatusChangeRequest,
  type StatusChangeResult,
} from '../api/client.ts';
import type { FieldUpdates } from './use-field-updates.ts';

export interface FieldActions {
  /** Based on the version of `parcel` the user saw; a 409 carries the current record, applied before rethrowing. */
  changeStatus(parcel: ParcelSummary, change: StatusChangeRequest): Promise<StatusChangeResult>;
  changeStatusInBulk(parcelIds: readonly number[], change: StatusChangeRequest): Promise<BulkChangeResult>;
  reportProblem(
    parcelId: number,
    report: { kind: ProblemKind; description: string; at?: string },
  ): Promise<ProblemChangeResult>;
  updateProblem(
    problem: Problem,
    action: 'assign' | 'resolve',
    details: { assignee?: string; note: string },
  ): Promise<ProblemChangeResult>;
}

function isParcelSummary(value: unknown): value is ParcelSummary {
  return typeof value === 'object' && value !== null && 'signing' in value && 'version' in value;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'kind' in value && 'status' in value;
}

/**
 * The writes of the field-updates issue. Each answer is applied at once (the user's own map does not wait for the
 * stream); the same change then arrives over the stream and is recognised by its version and event id.
 */
export function fieldActions(
  csrfToken: string,
  updates: FieldUpdates['apply'],
  onUnauthorised: () => void,
): FieldActions {
  const applyCurrent = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) onUnauthorised();
    if (!(error instanceof ApiError) || error.status !== 409) return;
    const current = error.body?.current;
    if (isParcelSummary(current)) updates({ parcels: [current] });
    if (isProblem(current)) updates({ problems: [current] });
  };
  return {
    async changeStatus(parcel, change) {
      try {
        const result = await api.changeStatus(parcel.id, parcel.version, change, csrfToken);
        updates({ parcels: [result.parcel], events: result.events });
        return result;
      } catch (error) {
        applyCurrent(error);
        throw error;
      }
    },
    async changeStatusInBulk(parcelIds, change) {
      try {
        const result = await api.changeStatusInBulk(parcelIds, change, csrfToken);
        updates({ parcels: result.parcels, events: result.events });
        return result;
      } catch (error) {
        applyCurrent(error);
        throw error;
      }
    },
    async reportProblem(parcelId, report) {
      try {
        const result = await api.reportProblem(parcelId, report, csrfToken);
        updates({ problems: [result.problem], events: [result.event] });
        return result;
      } catch (error) {
        applyCurrent(error);
        throw error;
      }
    },
    async updateProblem(problem, action, details) {
      try {
        const result = await api.updateProblem(problem, action, details, csrfToken);
        updates({ problems: [result.problem], events: [result.event] });
        return result;
      } catch (error) {
        applyCurrent(error);
        throw error;
      }
    },
  };
}
