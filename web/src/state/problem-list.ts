/**
 * 问题上报 in the web: the problem list as pure functions. A problem carries a `version` (+1 per action), so a
 * pushed change, our own answer and a re-read can arrive in any order and the newest still wins.
 */
import { PROBLEM_STATUSES, type Problem, type ProblemStatus } from '../../../server/domain/problems.ts';

/** Problems still waiting for the command centre: they get a marker on the map. */
export const ACTIVE_PROBLEM_STATUSES: readonly ProblemStatus[] = ['open', 'assigned'];

/** `current` with `incoming` applied where newer, newest report first; the same array when nothing changed. */
export function upsertProblems(
  current: readonly Problem[],
  incoming: readonly Problem[],
): readonly Problem[] {
  const byId = new Map(current.map((problem) => [problem.id, problem]));
  let changed = false;
  for (const problem of incoming) {
    const held = byId.get(problem.id);
    if (held && held.version >= problem.version) continue;
    byId.set(problem.id, problem);
    changed = true;
  }
  if (!changed) return current;
  return [...byId.values()].sort((first, second) => second.id - first.id);
}

export function problemsWithStatus(
  problems: readonly Problem[],
  statuses: readonly ProblemStatus[],
): readonly Problem[] {
  return statuses.length === 0 ? problems : problems.filter((problem) => statuses.includes(problem.status));
}

export function countProblemsByStatus(problems: readonly Problem[]): Record<ProblemStatus, number> {
  const counts = Object.fromEntries(PROBLEM_STATUSES.map((status) => [status.code, 0])) as Record<
    ProblemStatus,
    number
  >;
  for (const problem of problems) counts[problem.status]++;
  return counts;
}

/** The open and assigned problems of each parcel, newest first. */
export function activeProblemsByParcel(problems: readonly Problem[]): ReadonlyMap<number, Problem[]> {
  const byParcel = new Map<number, Problem[]>();
  for (const problem of problems) {
    if (!ACTIVE_PROBLEM_STATUSES.includes(problem.status)) continue;
    const list = byParcel.get(problem.parcelId) ?? [];
    list.push(problem);
    byParcel.set(problem.parcelId, list);
  }
  return byParcel;
}

/** Assignees named before, most recent first: offered as suggestions when assigning the next one. */
export function knownAssignees(problems: readonly Problem[]): string[] {
  const names: string[] = [];
  for (const problem of [...problems].sort((first, second) =>
    second.updatedAt.localeCompare(first.updatedAt),
  )) {
    if (problem.assignee && !names.includes(problem.assignee)) names.push(problem.assignee);
  }
  return names;
}
