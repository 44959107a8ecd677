import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { batchedInsert } from '../../server/store/geopackage/batched-insert.ts';

function table(): Database.Database {
  const database = new Database(':memory:');
  database.exec(
    'CREATE TABLE rows (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, size REAL, kind TEXT)',
  );
  return database;
}

const insertRows = (database: Database.Database) =>
  batchedInsert(database, 'INSERT INTO rows (code, size, kind) VALUES', "(?, ?, 'parcel')", 2);

describe('batched insert', () => {
  it('writes every row, in the order added, across full statements and the rest', () => {
    const database = table();
    const insert = insertRows(database);
    // Two full statements of 64 rows and a remainder of 5.
    const count = 64 * 2 + 5;
    for (let index = 0; index < count; index++) insert.add(`C${index}`, index / 4);
    // The rest is pending until flushed.
    expect(database.prepare('SELECT count(*) FROM rows').pluck().get()).toBe(128);
    insert.flush();
    const rows = database.prepare('SELECT id, code, size, kind FROM rows ORDER BY id').all() as {
      id: number;
      code: string;
      size: number;
      kind: string;
    }[];
    expect(rows).toHaveLength(count);
    rows.forEach((row, index) => {
      expect(row).toEqual({ id: index + 1, code: `C${index}`, size: index / 4, kind: 'parcel' });
    });
  });

  it('fails inside the transaction on a bad row and leaves the table as it was', () => {
    const database = table();
    database.prepare("INSERT INTO rows (code, size, kind) VALUES ('C0', 0, 'parcel')").run();
    const write = database.transaction(() => {
      const insert = insertRows(database);
      for (let index = 1; index <= 70; index++) insert.add(`C${index}`, index);
      insert.add('C0', 1); // a code already taken
      insert.flush();
    });
    expect(write).toThrow(/UNIQUE/);
    expect(database.prepare('SELECT count(*) FROM rows').pluck().get()).toBe(1);
  });

  it('refuses a row with the wrong number of values', () => {
    const insert = insertRows(table());
    expect(() => insert.add('C1')).toThrow(/1 values for a row of 2/);
  });
});
