/** The audit log's record: every status change and every problem action is one event, in one sequence. */
import type { Axis } from './statuses.ts';

export type EventAxis = Axis | 'problem';

export interface ParcelEvent {
  /** Monotonic: also the Server-Sent Events id, so a client resumes with Last-Event-ID. */
  id: number;
  parcelId: number;
  parcelCode: string;
  village: string;
  axis: EventAxis;
  from: string;
  to: string;
  /** When it happened in the field (ISO 8601), as the user reported it. */
  at: string;
  /** When the server committed it (ISO 8601, UTC). */
  recordedAt: string;
  user: string;
  note: string;
  kind: 'forward' | 'correction' | 'problem';
  problemId: number | null;
}
