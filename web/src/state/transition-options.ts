/**
 * What the transition dialogs offer, derived only from the domain's rules (`allowedTargets`, `checkTransition`,
 * `forwardStatuses` in server/domain/transitions.ts): the web never restates a rule, it asks the same functions the
 * server will apply.
 */
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { type Axis, type StatusDefinition, statusDefinition } from '../../../server/domain/statuses.ts';
import {
  allowedTargets,
  type BilingualMessage,
  checkTransition,
  forwardStatuses,
  type Role,
} from '../../../server/domain/transitions.ts';

export interface TransitionOption {
  status: StatusDefinition<string>;
  /** A move back (更正): hq only, and the note is its reason. */
  kind: 'forward' | 'correction';
}

type StatusFacts = Pick<ParcelSummary, 'signing' | 'clearance' | 'buildingArea'>;

export function currentStatus(parcel: StatusFacts, axis: Axis): string {
  return axis === 'signing' ? parcel.signing : parcel.clearance;
}

/** The targets `role` may choose on this axis, forward moves first, each marked forward or correction. */
export function transitionOptions(parcel: StatusFacts, axis: Axis, role: Role): TransitionOption[] {
  const options = allowedTargets(parcel, axis, role).flatMap((code): TransitionOption[] => {
    const status = statusDefinition(axis, code);
    const check = checkTransition(parcel, { axis, to: code, role, note: 'reason' });
    return status && check.allowed ? [{ status, kind: check.kind }] : [];
  });
  return [
    ...options.filter((option) => option.kind === 'forward'),
    ...options.filter((option) => option.kind === 'correction'),
  ];
}

/**
 * Why no forward move is offered: `final` at the end of the axis, or the rule that blocks the next step (e.g.
 * clearance before signing), in both languages from the domain.
 */
export function forwardBlock(
  parcel: StatusFacts,
  axis: Axis,
  role: Role,
): { kind: 'final' } | { kind: 'rule'; message: BilingualMessage } | null {
  const next = forwardStatuses(parcel, axis);
  if (next.length === 0) return { kind: 'final' };
  for (const code of next) {
    const check = checkTransition(parcel, { axis, to: code, role, note: 'reason' });
    if (check.allowed) return null;
    if (check.reason !== 'correction-needs-hq') return { kind: 'rule', message: check.message };
  }
  return null;
}

export interface BulkPreview {
  /** Parcels the change moves forward under the rules. */
  forward: ParcelSummary[];
  /** Parcels it would move back (更正): allowed for hq, but never sent unless asked for. */
  corrections: ParcelSummary[];
  /** Parcels it would be refused for, with the rule (the server refuses the whole batch if any is sent). */
  refused: { parcel: ParcelSummary; message: BilingualMessage }[];
}

/** The same check the server makes for each parcel of a bulk change (role `hq`: bulk is the command centre's). */
export function previewBulkChange(
  parcels: readonly ParcelSummary[],
  axis: Axis,
  to: string,
  role: Role,
): BulkPreview {
  const preview: BulkPreview = { forward: [], corrections: [], refused: [] };
  for (const parcel of parcels) {
    const check = checkTransition(parcel, { axis, to, role, note: 'reason' });
    if (!check.allowed) preview.refused.push({ parcel, message: check.message });
    else if (check.kind === 'correction') preview.corrections.push(parcel);
    else preview.forward.push(parcel);
  }
  return preview;
}

/**
 * What a bulk change sends: by default only the forward moves; corrections when asked for; everything the filter
 * shows (refusals included, so the server refuses the batch and names each parcel) when not skipping refusals.
 */
export function bulkSelection(
  preview: BulkPreview,
  options: { includeCorrections: boolean; skipRefused: boolean },
): ParcelSummary[] {
  const selected = options.includeCorrections
    ? [...preview.forward, ...preview.corrections]
    : [...preview.forward];
  if (!options.skipRefused) selected.push(...preview.refused.map((entry) => entry.parcel));
  return selected;
}
