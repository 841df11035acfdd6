import type { Test } from 'tap';
import { CompiledQuery, sql } from 'kysely';
import { copyRows } from '../copy-rows.js';
import { createKysely, type AnyKysely } from '../kysely-dialect.js';
import { packedColumn } from '../packed-column.js';
import type { SqlClient } from '../sql-client.js';
import { SqlError, SqlUnavailableError } from '../sql-errors.js';

export interface SqlClientUnderTest {
  readonly client: SqlClient;
  cleanup(): Promise<void>;
}

interface NoteTable {
  id: number;
  body: string;
  amount: string;
}

/**
 * What every SqlClient must do the same way on PostgreSQL and on PGlite.
 * `open` gives a client on an empty database of its own.
 */
export function sqlClientContract(parent: Test, name: string, open: () => Promise<SqlClientUnderTest>): Promise<unknown> {
  // A subtest of its own: the root test of a file only ends when the process
  // goes idle, which an open pool never lets happen, so a root `after` hook
  // would wait for the pool's idle timeout.
  return parent.test(name, async (t) => {
    const underTest = await open();
    const client = underTest.client;
    t.teardown(() => underTest.cleanup());
    await client.query('CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL, amount numeric NOT NULL DEFAULT 0)');

    t.test('a query with parameters returns rows in the agreed shapes', async (t) => {
      const { rows, rowCount } = await client.query<{ big: string; exact: string; doc: unknown; n: number; text: string }>(
        `SELECT $1::bigint AS big, $2::numeric AS exact, $3::jsonb AS doc, $4::int AS n, $5::text AS text`,
        ['9007199254740993', '0.10', JSON.stringify({ a: [1, 'ñ'] }), 7, 'Semáforo 🚦'],
      );
      t.equal(rowCount, 1);
      t.same(rows, [{ big: '9007199254740993', exact: '0.10', doc: { a: [1, 'ñ'] }, n: 7, text: 'Semáforo 🚦' }]);
    });

    t.test('array parameters feed unnest', async (t) => {
      const { rows } = await client.query<{ id: number; body: string }>('SELECT * FROM unnest($1::int[], $2::text[]) AS x(id, body) ORDER BY id', [
        [1, 2],
        ['a "quoted", {braced} \\ text', 'ü'],
      ]);
      t.same(rows, [
        { id: 1, body: 'a "quoted", {braced} \\ text' },
        { id: 2, body: 'ü' },
      ]);
    });

    t.test('packed columns feed unnest with every value as it was, nulls and awkward ones included', async (t) => {
      const db: AnyKysely = createKysely(client);
      const roundTrip = async (texts: readonly (string | null)[], numbers: readonly (string | null)[], documents: readonly unknown[]) => {
        const { rows } = await sql<{ body: string | null; amount: string | null; doc: unknown }>`SELECT * FROM unnest(
          ${packedColumn(texts, 'text')}, ${packedColumn(numbers, 'numeric')}, ${packedColumn(
            documents.map((d) => JSON.stringify(d)),
            'jsonb',
          )}
        ) AS x(body, amount, doc)`.execute(db);
        return rows;
      };
      t.same(
        await roundTrip(['a "quoted", {braced} \\ text', '', null, 'ñ 🚦'], ['0.10', null, '12', '-3.5'], [{ a: '\u001e' }, null, [1], 'x\u001fy']),
        [
          { body: 'a "quoted", {braced} \\ text', amount: '0.10', doc: { a: '\u001e' } },
          { body: '', amount: null, doc: null },
          { body: null, amount: '12', doc: [1] },
          { body: 'ñ 🚦', amount: '-3.5', doc: 'x\u001fy' },
        ],
        'JSON escapes control characters, so documents that hold them still pack',
      );
      t.same(
        await roundTrip(['holds the separator \u001e', 'holds the null mark \u001f'], ['1', '2'], [1, 2]),
        [
          { body: 'holds the separator \u001e', amount: '1', doc: 1 },
          { body: 'holds the null mark \u001f', amount: '2', doc: 2 },
        ],
        'a column with a value that cannot be packed travels as an array',
      );
      t.same(await roundTrip([''], ['0'], [{}]), [{ body: '', amount: '0', doc: {} }], 'one empty string is one row, not none');
      t.same(await roundTrip([], [], []), [], 'no rows');
    });

    t.test('copyRows loads rows inside a kysely transaction, every value as it was', async (t) => {
      await client.query('CREATE SCHEMA loads');
      await client.query('CREATE TABLE loads.copied (id int PRIMARY KEY, body text, amount numeric, doc jsonb, at timestamptz)');
      const db: AnyKysely = createKysely(client);
      t.teardown(() => db.destroy());
      const target = { schema: 'loads', table: 'copied', columns: ['id', 'body', 'amount', 'doc', 'at'] };
      const awkward = 'tab\there, line\nbreak, return\r, back\\slash, \\N, separators \u001e\u001f, ñ 🚦';
      const written = await db.transaction().execute((trx) =>
        copyRows(trx, target, [
          [1, awkward, '0.10', JSON.stringify({ quote: '"', newline: '\n', back: '\\' }), '2024-03-01T12:00:00.000Z'],
          [2, '', null, 'null', null],
          [3, null, '-3.5', '[1,"\\\\N"]', '2024-03-01T12:00:00-05:00'],
        ]),
      );
      t.equal(written, 3, 'the rows written');
      const { rows } = await client.query<{ id: number; body: string | null; amount: string | null; doc: unknown; at: Date | null }>(
        'SELECT id, body, amount, doc, at FROM loads.copied ORDER BY id',
      );
      t.same(rows, [
        { id: 1, body: awkward, amount: '0.10', doc: { quote: '"', newline: '\n', back: '\\' }, at: new Date('2024-03-01T12:00:00.000Z') },
        { id: 2, body: '', amount: null, doc: null, at: null },
        { id: 3, body: null, amount: '-3.5', doc: [1, '\\N'], at: new Date('2024-03-01T17:00:00.000Z') },
      ]);
      t.equal(await copyRows(db, target, []), 0, 'no rows, no statement');
    });

    t.test('a COPY that breaks a constraint fails with SqlError and rolls its transaction back', async (t) => {
      await client.query('CREATE TABLE copied_once (id int PRIMARY KEY)');
      await client.query('INSERT INTO copied_once VALUES (2)');
      const db: AnyKysely = createKysely(client);
      t.teardown(() => db.destroy());
      const target = { table: 'copied_once', columns: ['id'] };
      await t.rejects(
        db.transaction().execute(async (trx) => {
          await trx.executeQuery(CompiledQuery.raw('INSERT INTO copied_once VALUES (1)'));
          await copyRows(trx, target, [[3], [2]]);
        }),
        { name: 'SqlError', code: '23505' },
      );
      const { rows } = await client.query<{ id: number }>('SELECT id FROM copied_once ORDER BY id');
      t.same(rows, [{ id: 2 }], 'neither the insert before the COPY nor any copied row is kept');
      t.equal(await db.transaction().execute((trx) => copyRows(trx, target, [[4]])), 1, 'the connection is usable again');
      await t.rejects(copyRows(db, target, [[5, 6]]), { name: 'TypeError' }, 'a row must have a cell per column');
    });

    t.test('a transaction commits when its function resolves', async (t) => {
      const result = await client.transaction(async (conn) => {
        await conn.query('INSERT INTO note (id, body) VALUES ($1, $2)', [10, 'kept']);
        return 'done';
      });
      t.equal(result, 'done');
      const { rows } = await client.query('SELECT body FROM note WHERE id = 10');
      t.same(rows, [{ body: 'kept' }]);
    });

    t.test('a transaction rolls back and rethrows when its function throws', async (t) => {
      const failure = new Error('changed my mind');
      await t.rejects(
        client.transaction(async (conn) => {
          await conn.query('INSERT INTO note (id, body) VALUES ($1, $2)', [11, 'dropped']);
          throw failure;
        }),
        failure,
      );
      const { rowCount } = await client.query('SELECT 1 FROM note WHERE id = 11');
      t.equal(rowCount, 0);
    });

    t.test('a statement issued outside a held connection is not part of its transaction', async (t) => {
      const conn = await client.connect();
      await conn.query('BEGIN');
      await conn.query('INSERT INTO note (id, body) VALUES (20, $1)', ['inside']);
      // On PGlite this waits for the release; on PostgreSQL it runs on another connection.
      const outside = client.query('INSERT INTO note (id, body) VALUES (21, $1)', ['outside']);
      await conn.query('ROLLBACK');
      conn.release();
      await outside;
      const { rows } = await client.query('SELECT id FROM note WHERE id IN (20, 21) ORDER BY id');
      t.same(rows, [{ id: 21 }]);
    });

    t.test('a unique violation maps to SqlError with its SQLSTATE and constraint', async (t) => {
      await client.query('INSERT INTO note (id, body) VALUES (30, $1)', ['first']);
      const error = await client.query('INSERT INTO note (id, body) VALUES (30, $1)', ['second']).then(
        () => undefined,
        (e: unknown) => e,
      );
      t.ok(error instanceof SqlError, 'a SqlError, not a driver error');
      t.match(error, { code: '23505', constraint: 'note_pkey', table: 'note' });
    });

    t.test('a syntax error maps to SqlError', async (t) => {
      await t.rejects(client.query('SELEKT 1'), { name: 'SqlError', code: '42601' });
    });

    t.test('kysely selects and inserts through the dialect', async (t) => {
      const db = createKysely<{ note: NoteTable }>(client);
      const inserted = await db.insertInto('note').values({ id: 40, body: 'via kysely', amount: '12.50' }).executeTakeFirst();
      t.equal(inserted.numInsertedOrUpdatedRows, 1n);
      const row = await db.selectFrom('note').select(['id', 'body', 'amount']).where('id', '=', 40).executeTakeFirstOrThrow();
      t.same(row, { id: 40, body: 'via kysely', amount: '12.50' });

      await t.rejects(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('note').values({ id: 41, body: 'rolled back', amount: '1' }).execute();
          throw new Error('abort');
        }),
        { message: 'abort' },
      );
      const count = await db
        .selectFrom('note')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('id', '=', 41)
        .executeTakeFirstOrThrow();
      t.equal(count.n, '0', 'count(*) is int8: a string');
      await db.destroy();
      const stillOpen = await client.query('SELECT 1 AS one');
      t.same(stillOpen.rows, [{ one: 1 }], 'destroying kysely leaves the client open');
    });

    t.test('after close, queries fail with SqlUnavailableError', async (t) => {
      const other = await open();
      await other.client.close();
      await other.client.close();
      await t.rejects(other.client.query('SELECT 1'), SqlUnavailableError);
      await t.rejects(other.client.connect(), SqlUnavailableError);
      await other.cleanup();
    });
  });
}
