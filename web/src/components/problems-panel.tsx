import { useState } from 'react';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import {
  PROBLEM_KINDS,
  PROBLEM_STATUSES,
  type Problem,
  type ProblemStatus,
} from '../../../server/domain/problems.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { toggleInOrder } from '../state/filter-edits.ts';
import { ACTIVE_PROBLEM_STATUSES, countProblemsByStatus, problemsWithStatus } from '../state/problem-list.ts';
import { ChipFilter } from './chip-filter.tsx';
import { ColouredChip } from './coloured-chip.tsx';

const STATUS_OPTIONS = PROBLEM_STATUSES.map((status) => ({ ...status, status }));
const STATUS_ORDER = PROBLEM_STATUSES.map((status) => status.code);

/**
 * 问题上报 list: everyone reads it; the command centre assigns and resolves (`canManageProblems`). Open and assigned
 * problems are shown by default; resolved ones are one tap away.
 */
export function ProblemsPanel({
  problems,
  canManage,
  findParcel,
  villageNames,
  onSelectParcel,
  onAction,
  showTitle = true,
}: {
  problems: readonly Problem[];
  canManage: boolean;
  findParcel(parcelId: number): ParcelSummary | undefined;
  villageNames: ReadonlyMap<string, { zh: string; en: string }>;
  onSelectParcel(parcelId: number): void;
  onAction(problem: Problem, action: 'assign' | 'resolve'): void;
  showTitle?: boolean;
}) {
  const { t, label, formats } = useLanguage();
  const [statuses, setStatuses] = useState<ProblemStatus[]>([...ACTIVE_PROBLEM_STATUSES]);
  const counts = countProblemsByStatus(problems);
  const shown = problemsWithStatus(problems, statuses);
  return (
    <section className="problems-panel" data-testid="problems-panel" aria-label={t('problems')}>
      {showTitle && <h2 className="section-title">{t('problems')}</h2>}
      <ChipFilter
        title={t('problemStatuses')}
        options={STATUS_OPTIONS.map((option) => ({
          ...option,
          zh: `${option.zh} ${formats.integer(counts[option.code])}`,
          en: `${option.en} ${formats.integer(counts[option.code])}`,
        }))}
        selected={statuses}
        testIdPrefix="problem-filter"
        onToggle={(code) =>
          setStatuses((current) => toggleInOrder(current, code as ProblemStatus, STATUS_ORDER))
        }
      />
      {shown.length === 0 ? (
        <p className="hint">{t('problemsEmpty')}</p>
      ) : (
        <ul className="problem-list">
          {shown.map((problem) => {
            const status = PROBLEM_STATUSES.find((entry) => entry.code === problem.status);
            const kind = PROBLEM_KINDS.find((entry) => entry.code === problem.kind);
            const parcel = findParcel(problem.parcelId);
            const village = villageNames.get(problem.village);
            return (
              <li key={problem.id} className="problem-item" data-testid={`problem-item-${problem.id}`}>
                <div className="problem-item__head">
                  {status && (
                    <ColouredChip
                      status={status}
                      label={label(status)}
                      small
                      testId={`problem-status-${problem.id}`}
                    />
                  )}
                  <strong className="problem-item__kind">{kind ? label(kind) : problem.kind}</strong>
                  <time className="problem-item__time" dateTime={problem.reportedAt}>
                    {formats.shortDateTime(problem.reportedAt)}
                  </time>
                </div>
                <button
                  type="button"
                  className="problem-item__parcel"
                  onClick={() => onSelectParcel(problem.parcelId)}
                  data-testid={`problem-parcel-${problem.id}`}
                >
                  <strong>{parcel?.holder ?? problem.parcelCode}</strong>
                  <span>{village ? label(village) : problem.village}</span>
                  <span className="mono">{problem.parcelCode}</span>
                </button>
                <p className="problem-item__description">{problem.description}</p>
                <p className="problem-item__people">
                  <span>
                    {t('reportedBy')} {problem.reportedBy}
                  </span>
                  {problem.assignee && (
                    <span>
                      {t('assignedTo')} {problem.assignee}
                    </span>
                  )}
                </p>
                {canManage && problem.status !== 'resolved' && (
                  <div className="problem-item__actions">
                    <button
                      type="button"
                      className="button"
                      onClick={() => onAction(problem, 'assign')}
                      data-testid={`problem-assign-${problem.id}`}
                    >
                      {t('problemAssign')}
                    </button>
                    <button
                      type="button"
                      className="button button--primary"
                      onClick={() => onAction(problem, 'resolve')}
                      data-testid={`problem-resolve-${problem.id}`}
                    >
                      {t('problemResolve')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
