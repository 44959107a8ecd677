import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { PROBLEM_KINDS, type Problem } from '../../../server/domain/problems.ts';
import { AXES, type Axis, STATUSES_BY_AXIS } from '../../../server/domain/statuses.ts';
import type { User } from '../../../server/domain/users.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { describeEvent } from '../state/event-list.ts';
import type { FieldActions } from '../state/use-field-actions.ts';
import { BulkTransitionDialog } from './bulk-transition-dialog.tsx';
import { ProblemActionDialog } from './problem-action-dialog.tsx';
import { ProblemReportDialog } from './problem-report-dialog.tsx';
import { TransitionDialog } from './transition-dialog.tsx';

/** Which form is open; at most one at a time. */
export type FieldDialog =
  | { kind: 'transition'; parcelId: number }
  | { kind: 'bulk' }
  | { kind: 'report'; parcelId: number }
  | { kind: 'problem'; problemId: number; action: 'assign' | 'resolve' }
  | null;

/** Opens the chosen form, sends it through `actions`, and on success closes it with a confirmation. */
export function FieldDialogs({
  dialog,
  user,
  actions,
  colourBy,
  visibleParcels,
  problems,
  assignees,
  findParcel,
  placeOf,
  onClose,
  onDone,
}: {
  dialog: FieldDialog;
  user: User;
  actions: FieldActions;
  colourBy: Axis;
  visibleParcels: readonly ParcelSummary[];
  problems: readonly Problem[];
  assignees: readonly string[];
  findParcel(parcelId: number): ParcelSummary | undefined;
  /** "杉木村 · 3组" in the interface language. */
  placeOf(parcel: ParcelSummary): string;
  onClose(): void;
  onDone(message: string): void;
}) {
  const { t, label } = useLanguage();
  if (dialog === null) return null;
  const axisLabel = (axis: Axis) =>
    label(AXES.find((entry) => entry.code === axis) ?? { zh: axis, en: axis });

  if (dialog.kind === 'transition' || dialog.kind === 'report') {
    const parcel = findParcel(dialog.parcelId);
    if (!parcel) return null;
    if (dialog.kind === 'report') {
      return (
        <ProblemReportDialog
          parcel={parcel}
          place={placeOf(parcel)}
          onClose={onClose}
          onSubmit={async (report) => {
            await actions.reportProblem(parcel.id, report);
            const kind = PROBLEM_KINDS.find((entry) => entry.code === report.kind);
            onDone(t('problemReported', { holder: parcel.holder, kind: kind ? label(kind) : report.kind }));
          }}
        />
      );
    }
    return (
      <TransitionDialog
        parcel={parcel}
        role={user.role}
        place={placeOf(parcel)}
        preferredAxis={colourBy}
        onClose={onClose}
        onSubmit={async (seen, change) => {
          const result = await actions.changeStatus(seen, change);
          const event = result.events[0];
          const description = event ? describeEvent(event) : null;
          onDone(
            t(event?.kind === 'correction' ? 'correctionSaved' : 'changeSaved', {
              holder: parcel.holder,
              axis: axisLabel(change.axis),
              from: description?.from ? label(description.from) : '',
              to: description?.to ? label(description.to) : change.to,
            }),
          );
        }}
      />
    );
  }

  if (dialog.kind === 'bulk') {
    return (
      <BulkTransitionDialog
        parcels={visibleParcels}
        role={user.role}
        preferredAxis={colourBy}
        onClose={onClose}
        onSubmit={async (parcelIds, change) => {
          const result = await actions.changeStatusInBulk(parcelIds, change);
          const status = STATUSES_BY_AXIS[change.axis].find((entry) => entry.code === change.to);
          onDone(
            t('bulkSaved', {
              count: result.parcels.length,
              axis: axisLabel(change.axis),
              status: status ? label(status) : change.to,
            }),
          );
          return result;
        }}
      />
    );
  }

  const problem = problems.find((entry) => entry.id === dialog.problemId);
  if (!problem) return null;
  return (
    <ProblemActionDialog
      problem={problem}
      action={dialog.action}
      holder={findParcel(problem.parcelId)?.holder ?? problem.parcelCode}
      assignees={assignees}
      onClose={onClose}
      onSubmit={async (details) => {
        const result = await actions.updateProblem(problem, dialog.action, details);
        onDone(
          dialog.action === 'assign'
            ? t('problemAssigned', { assignee: result.problem.assignee ?? '' })
            : t('problemResolved'),
        );
      }}
    />
  );
}
