/**
 * Rows inserted many to a statement: `INSERT … VALUES (…), (…), …`. better-sqlite3 pays a call into the native
 * module, a statement step and a reset per `run`; a 100k-parcel import spent a third of its write on that. Rows go
 * in the order they are added, so row ids and the file are the same as with one statement per row; a failing row
 * fails its whole statement, inside the caller's transaction, which then rolls back as before.
 */
import type Database from 'better-sqlite3';

/** SQLite allows 32,766 parameters to a statement (3.32 and later); 64 rows of 20 columns are far below it. */
const ROWS_PER_STATEMENT = 64;

export interface BatchedInsert {
  /** Adds a row's values, in the order of the row's placeholders; written at the latest by `flush`. */
  add(...values: unknown[]): void;
  /** Writes the rows still pending. Call before anything reads the table, and at the end. */
  flush(): void;
}

/**
 * `head`: `INSERT INTO table (columns) VALUES`; `row`: one row's `(?, ?, …)`, which may hold constants besides its
 * `parametersPerRow` placeholders.
 */
export function batchedInsert(
  database: Database.Database,
  head: string,
  row: string,
  parametersPerRow: number,
): BatchedInsert {
  const many = database.prepare(`${head} ${Array(ROWS_PER_STATEMENT).fill(row).join(', ')}`);
  const one = database.prepare(`${head} ${row}`);
  const pending: unknown[] = [];
  const add = (...values: unknown[]): void => {
    if (values.length !== parametersPerRow) {
      throw new Error(`batchedInsert: ${values.length} values for a row of ${parametersPerRow}`);
    }
    for (const value of values) pending.push(value);
    if (pending.length === ROWS_PER_STATEMENT * parametersPerRow) {
      many.run(pending);
      pending.length = 0;
    }
  };
  const flush = (): void => {
    for (let start = 0; start < pending.length; start += parametersPerRow) {
      one.run(pending.slice(start, start + parametersPerRow));
    }
    pending.length = 0;
  };
  return { add, flush };
}
