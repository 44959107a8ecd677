/**
 * Import sessions of the web import: upload → read → validate → (the operator reads the report, adjusts the
 * mapping) → commit or cancel. A session owns a folder with the uploaded file; it is removed when the session ends
 * (committed, cancelled, failed or abandoned for an hour). Nothing reaches the store before "commit".
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { User } from '../domain/users.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import type { SurveyImportResult } from '../store/survey-import.ts';
import { describeError, type ImportError, PreparedImportError } from './import-errors.ts';
import { type ImportOptions, importTargetOf, type PreparedImport } from './prepare-import.ts';
import { prepareInWorker, type RunningPreparation } from './prepare-in-worker.ts';

export type ImportPhase =
  | 'uploaded'
  | 'reading'
  | 'validating'
  | 'ready'
  | 'committing'
  | 'committed'
  | 'failed';

export interface ImportProgress {
  phase: ImportPhase;
  /** Records done / total in the current phase, when known. */
  done: number;
  total: number;
}

export interface ImportSession {
  id: string;
  owner: string;
  fileName: string;
  /** The uploaded file on disk. */
  path: string;
  folder: string;
  bytes: number;
  sha256: string;
  createdAt: number;
  touchedAt: number;
  progress: ImportProgress;
  options: ImportOptions;
  prepared: PreparedImport | null;
  error: ImportError | null;
  result: SurveyImportResult | null;
  /** Counts preparations: a newer one (changed options) supersedes the one in flight. */
  generation: number;
  running: RunningPreparation | null;
  /** `ImportSessions.committed` when the report was made: the park it was checked against. */
  checkedAgainst: number;
}

const ABANDONED_AFTER_MS = 60 * 60 * 1000;

export class ImportSessions {
  private readonly sessions = new Map<string, ImportSession>();
  private readonly root: string;
  /** Imports committed so far: a report made before the latest one was checked against another park. */
  private committed = 0;

  constructor(
    private readonly store: ParcelStore,
    root = join(tmpdir(), 'parcel-command-map-imports'),
  ) {
    this.root = root;
    mkdirSync(this.root, { recursive: true });
  }

  /** A folder for a new upload; the caller streams the file into `path` and then calls `start`. */
  reserve(owner: User, fileName: string): ImportSession {
    this.sweep();
    const id = randomUUID();
    const folder = join(this.root, id);
    mkdirSync(folder, { recursive: true });
    // The original name keeps its extension (the reader chooses by it) but never a path.
    const safeName = fileName.replace(/[/\\]/g, '_').replace(/^\.+/, '') || 'upload';
    const session: ImportSession = {
      id,
      owner: owner.username,
      fileName: safeName,
      path: join(folder, safeName),
      folder,
      bytes: 0,
      sha256: '',
      createdAt: Date.now(),
      touchedAt: Date.now(),
      progress: { phase: 'uploaded', done: 0, total: 0 },
      options: {},
      prepared: null,
      error: null,
      result: null,
      generation: 0,
      checkedAgainst: 0,
      running: null,
    };
    this.sessions.set(id, session);
    return session;
  }

  get(id: string, user: User): ImportSession | undefined {
    const session = this.sessions.get(id);
    if (!session || session.owner !== user.username) return undefined;
    session.touchedAt = Date.now();
    return session;
  }

  /** Reads and validates in the background; the session's progress tells the web how far it is. */
  start(session: ImportSession, options: ImportOptions): void {
    session.options = options;
    session.prepared = null;
    session.error = null;
    session.generation++;
    const generation = session.generation;
    session.progress = { phase: 'reading', done: 0, total: 0 };
    session.checkedAgainst = this.committed;
    session.running?.cancel();
    const running = prepareInWorker(
      { path: session.path, fileName: session.fileName, sha256: session.sha256 },
      importTargetOf(this.store),
      options,
      (phase, done, total) => {
        if (session.generation === generation) session.progress = { phase, done, total };
      },
    );
    session.running = running;
    running.result
      .then((prepared) => {
        if (session.generation !== generation) return;
        session.prepared = prepared;
        session.progress = { phase: 'ready', done: prepared.source.records, total: prepared.source.records };
      })
      .catch((error: unknown) => {
        if (session.generation !== generation) return;
        session.progress = { phase: 'failed', done: 0, total: 0 };
        session.error = error instanceof PreparedImportError ? error.detail : describeError(error);
      })
      .finally(() => {
        if (session.running === running) session.running = null;
      });
  }

  /** Commits a prepared, error-free import; the session ends. */
  /**
   * Whether the session's report still describes what a commit would do: no other import has been committed since
   * it was made (another operator's delivery may have added, changed or removed the parcels it compared with).
   */
  isCurrent(session: ImportSession): boolean {
    return session.checkedAgainst === this.committed;
  }

  commit(session: ImportSession, user: User): SurveyImportResult {
    const plan = session.prepared?.plan;
    if (!plan) throw new Error('import is not ready to commit');
    if (!this.isCurrent(session)) throw new Error('import was checked against a park that has changed since');
    session.progress = { ...session.progress, phase: 'committing' };
    try {
      session.result = this.store.importSurvey(plan, user);
    } catch (error) {
      session.progress = { ...session.progress, phase: 'ready' };
      throw error;
    }
    session.progress = { ...session.progress, phase: 'committed' };
    this.committed++;
    rmSync(session.folder, { recursive: true, force: true });
    return session.result;
  }

  cancel(session: ImportSession): void {
    session.generation++;
    session.running?.cancel();
    this.sessions.delete(session.id);
    rmSync(session.folder, { recursive: true, force: true });
  }

  /** Ends sessions nobody has looked at for an hour, and removes their files. */
  private sweep(now = Date.now()): void {
    for (const session of this.sessions.values()) {
      if (now - session.touchedAt > ABANDONED_AFTER_MS) this.cancel(session);
    }
  }

  close(): void {
    for (const session of [...this.sessions.values()]) this.cancel(session);
  }
}
