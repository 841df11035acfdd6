import type { EventStore } from '@semaforo/event-store';
import { waitUntilCommittedReadable } from '@semaforo/event-store/testing';
import type { SqlClient } from '@semaforo/sql';
import type { InjectOptions } from 'fastify';
import type { Test } from 'tap';
import { accessHarness, givenPlanOf } from '../../testing/access-harness.js';
import { tokenFor, type TestToken } from '../../testing/auth.js';

/** What the tests read of a write's answer. */
interface Written {
  readonly write: { readonly appended: number; readonly position: string };
}

type Request = InjectOptions & { method: 'GET' | 'POST' | 'PUT'; url: string };

/**
 * The sign-off routes told as the planning office lives them, on the store
 * `open` gives (PGlite or PostgreSQL). Plan of `givenPlanOf`: DIV > DNGF >
 * CONT, and DSP; indicators IN-CONT (CONT) and OUT-DSP (DSP), monthly. The
 * reporter holds DNGF, so CONT is within its units and DSP is not.
 */
export async function signOffSuite(t: Test, open: () => Promise<{ store: EventStore; sql: SqlClient }>, name: string): Promise<void> {
  const opened = await open();
  const { app, clock } = await accessHarness(t, { opened });
  let institutions = 0;

  /** A new institution's plan and its people. */
  const given = async () => {
    const institutionId = `so${++institutions}${name}`.toLowerCase().replace(/[^a-z0-9]/g, '');
    const admin = await tokenFor(app, institutionId, 'admin');
    const planId = await givenPlanOf(app, institutionId, admin.headers);
    const planner = await tokenFor(app, institutionId, 'planner');
    const reporter = await tokenFor(app, institutionId, 'reporter', { units: ['DNGF'] });
    const auditor = await tokenFor(app, institutionId, 'auditor');
    const plan = `/v1/plans/${planId}`;
    const send = (by: TestToken, request: Request) =>
      app.inject({ ...request, headers: { ...by.headers, ...((request.headers as Record<string, string> | undefined) ?? {}) } });
    const transition = (by: TestToken, period: string, unit: string, segment: string, payload: object = {}, headers: Record<string, string> = {}) =>
      send(by, { method: 'POST', url: `${plan}/periods/${period}/units/${unit}/${segment}`, payload, headers });
    return { planId, plan, admin, planner, reporter, auditor, send, transition };
  };

  await t.test(`${name}: submit, return, approve up the tree, locks, unapprove, reopen, the board`, async (t) => {
    const { plan, planner, reporter, auditor, send, transition } = await given();

    // The department submits; the unit above it too.
    const submitted = await transition(reporter, '2021-Q1', 'CONT', 'submission', { comment: 'Resultados de enero a marzo cargados' });
    t.equal(submitted.statusCode, 200, submitted.body);
    t.match(submitted.json(), {
      unit: 'CONT',
      period: '2021-Q1',
      status: 'submitted',
      lastChange: 'UnitPeriodSubmitted',
      by: { role: 'reporter' },
      at: '2021-04-05T10:00:00.000Z',
      comment: 'Resultados de enero a marzo cargados',
      approved: null,
      write: { appended: 1 },
    });
    t.equal(submitted.headers.etag, '"1"', 'the ETag is the sign-off stream version');
    t.equal((await transition(reporter, '2021-Q1', 'DNGF', 'submission')).statusCode, 200);
    t.equal((await transition(reporter, '2021-Q1', 'CONT', 'submission')).json<Written>().write.appended, 0, 'submitting again changes nothing');

    // Who may do what.
    t.match((await transition(reporter, '2021-Q1', 'DSP', 'submission')).json(), { status: 403, code: 'OUTSIDE_ASSIGNED_UNITS', details: { unit: 'DSP' } });
    t.equal((await transition(reporter, '2021-Q1', 'CONT', 'approval')).statusCode, 403, 'a reporter does not approve');
    t.equal((await transition(auditor, '2021-Q1', 'CONT', 'return', { comment: 'x' })).statusCode, 403);

    // The unit above cannot be approved before the department.
    const early = await transition(planner, '2021-Q1', 'DNGF', 'approval');
    t.match(early.json(), { status: 409, code: 'CHILD_UNITS_NOT_APPROVED', details: { unit: 'DNGF', period: '2021-Q1', pending: ['CONT'] } });

    // The planner returns the department's submission, with a comment (required).
    t.match((await transition(planner, '2021-Q1', 'CONT', 'return')).json(), { status: 422, code: 'REASON_REQUIRED' });
    const returned = await transition(planner, '2021-Q1', 'CONT', 'return', { comment: 'Falta el numerador de febrero' });
    t.match(returned.json(), { status: 'returned', comment: 'Falta el numerador de febrero', by: { role: 'planner' } });
    t.match((await transition(planner, '2021-Q1', 'CONT', 'approval')).json(), { status: 409, code: 'UNIT_PERIOD_NOT_SUBMITTED' });

    // Before approval, results of the quarter are written freely.
    t.equal((await send(reporter, { method: 'PUT', url: `${plan}/indicators/IN-CONT/results/2021-M02`, payload: { value: '40' } })).statusCode, 200);

    // Resubmitted, approved: the lock.
    t.equal((await transition(reporter, '2021-Q1', 'CONT', 'submission', { comment: 'Corregido' })).statusCode, 200);
    // A stale ETag is refused (412) and changes nothing.
    t.equal((await transition(planner, '2021-Q1', 'CONT', 'approval', {}, { 'if-match': '"1"' })).statusCode, 412);
    const approved = await transition(planner, '2021-Q1', 'CONT', 'approval', { comment: 'Conforme' }, { 'idempotency-key': `approve-cont-${name}` });
    t.equal(approved.statusCode, 200, approved.body);
    t.match(approved.json(), { status: 'approved', approved: { by: { role: 'planner' }, at: '2021-04-05T10:00:00.000Z' } });
    const again = await transition(planner, '2021-Q1', 'CONT', 'approval', { comment: 'Conforme' }, { 'idempotency-key': `approve-cont-${name}` });
    t.equal(again.body, approved.body, 'the same Idempotency-Key answers the same, byte for byte');
    const approvedAt = approved.json<Written>().write.position;

    const locked = await send(reporter, { method: 'PUT', url: `${plan}/indicators/IN-CONT/results/2021-M02`, payload: { value: '41', reason: 'Recuento' } });
    t.equal(locked.statusCode, 409);
    t.match(locked.json(), {
      code: 'PERIOD_LOCKED',
      details: {
        code: 'IN-CONT',
        period: '2021-M02',
        unit: 'CONT',
        lock: { period: '2021-Q1', approvedBy: { role: 'planner' }, approvedAt: '2021-04-05T10:00:00.000Z' },
        liftedBy: { role: 'planner', by: 'ReopenUnitPeriod' },
      },
    });
    t.match((await send(planner, { method: 'PUT', url: `${plan}/indicators/IN-CONT/targets/2021-M03`, payload: { value: '50' } })).json(), {
      status: 409,
      code: 'PERIOD_LOCKED',
    });
    t.equal(
      (await send(reporter, { method: 'PUT', url: `${plan}/indicators/IN-CONT/results/2021-M04`, payload: { value: '7' } })).statusCode,
      200,
      'Q2 is open',
    );
    t.equal(
      (await send(reporter, { method: 'POST', url: `${plan}/indicators/IN-CONT/justifications/2021-M02`, payload: { text: 'Ausentismo' } })).statusCode,
      201,
      'a justification is not locked',
    );

    // Up the tree; then nothing below can be unapproved or reopened.
    t.equal((await transition(planner, '2021-Q1', 'DNGF', 'approval')).statusCode, 200);
    t.match((await transition(planner, '2021-Q1', 'CONT', 'unapproval', { reason: 'x' })).json(), {
      status: 409,
      code: 'PARENT_UNIT_APPROVED',
      details: { parent: 'DNGF' },
    });
    t.match((await transition(planner, '2021-Q1', 'CONT', 'reopening', { reason: 'x' })).json(), { status: 409, code: 'PARENT_UNIT_APPROVED' });
    t.match((await transition(planner, '2021-Q1', 'DNGF', 'unapproval')).json(), { status: 422, code: 'REASON_REQUIRED' });
    t.match((await transition(planner, '2021-Q1', 'DNGF', 'unapproval', { reason: 'Auditoría interna' })).json(), {
      status: 'submitted',
      comment: 'Auditoría interna',
    });
    t.match((await transition(planner, '2021-Q1', 'CONT', 'reopening')).json(), { status: 422, code: 'REASON_REQUIRED' });
    const reopened = await transition(planner, '2021-Q1', 'CONT', 'reopening', { reason: 'Corregir febrero' });
    t.match(reopened.json(), { status: 'open', approved: null, reopened: { reason: 'Corregir febrero', by: { role: 'planner' } } });
    t.equal(
      (await send(reporter, { method: 'PUT', url: `${plan}/indicators/IN-CONT/results/2021-M02`, payload: { value: '41', reason: 'Recuento' } })).statusCode,
      200,
    );

    // The board, now and as of the approval. It answers at the log's readable head, which an open
    // transaction anywhere on the server holds back (another test file's, in CI): wait until it holds our writes.
    await waitUntilCommittedReadable(opened.store);
    const board = await send(auditor, { method: 'GET', url: `${plan}/periods/2021-Q1/approvals` });
    t.equal(board.statusCode, 200, board.body);
    t.match(board.json(), {
      period: '2021-Q1',
      counts: { open: 3, submitted: 1, approved: 0, returned: 0 },
      units: [
        { unit: 'CONT', name: 'Contabilidad', parentCode: 'DNGF', status: 'open', lastChange: 'UnitPeriodReopened', comment: 'Corregir febrero' },
        { unit: 'DIV', status: 'open', lastChange: null, by: null },
        { unit: 'DNGF', status: 'submitted', lastChange: 'UnitPeriodUnapproved' },
        { unit: 'DSP', status: 'open' },
      ],
    });
    const past = await send(reporter, { method: 'GET', url: `${plan}/periods/2021-Q1/approvals?asOf=${approvedAt}` });
    t.match(past.json(), { position: approvedAt, asOf: approvedAt, counts: { approved: 1, submitted: 1 }, units: [{ unit: 'CONT', status: 'approved' }] });
    const now = board.json<{ position: string }>().position;
    t.equal(
      (await send(reporter, { method: 'GET', url: `${plan}/periods/2021-Q1/approvals?asOf=${now}` })).body,
      board.body.replace(`"position":"${now}"`, `"position":"${now}","asOf":"${now}"`),
      'the same position gives the same bytes',
    );
    t.match((await send(reporter, { method: 'GET', url: `${plan}/periods/2021-Q1/approvals?asOf=999999999:1` })).json(), {
      status: 409,
      code: 'AS_OF_NOT_YET_PROJECTED',
    });
    t.match((await send(reporter, { method: 'GET', url: `${plan}/periods/2021-Q1/approvals?asOf=yesterday` })).json(), { status: 400, code: 'INVALID_AS_OF' });
    t.equal((await send(reporter, { method: 'GET', url: `/v1/plans/${planIdOtherYear(plan)}/periods/2021-Q1/approvals` })).statusCode, 404);
  });

  await t.test(`${name}: the data-entry window closes late results unless the unit-period is reopened`, async (t) => {
    const { plan, admin, planner, reporter, send, transition } = await given();
    t.equal((await send(reporter, { method: 'PUT', url: `${plan}/data-entry-window`, payload: { periodicity: 'monthly', days: 10 } })).statusCode, 403);
    const set = await send(planner, { method: 'PUT', url: `${plan}/data-entry-window`, payload: { periodicity: 'monthly', days: 10 } });
    t.equal(set.statusCode, 200, set.body);
    t.match(set.json(), { dataEntryWindows: { monthly: 10 }, write: { appended: 1 } });
    t.match((await send(planner, { method: 'PUT', url: `${plan}/data-entry-window`, payload: { periodicity: 'monthly', days: -1 } })).json(), { status: 400 });

    // 2021-04-05: February closed on March 10th; March is open until April 10th.
    const late = await send(reporter, { method: 'PUT', url: `${plan}/indicators/IN-CONT/results/2021-M02`, payload: { value: '40' } });
    t.equal(late.statusCode, 409);
    t.match(late.json(), { code: 'DATA_ENTRY_CLOSED', details: { period: '2021-M02', unit: 'CONT', deadline: '2021-03-11T00:00:00.000Z', days: 10 } });
    t.equal((await send(reporter, { method: 'PUT', url: `${plan}/indicators/IN-CONT/results/2021-M03`, payload: { value: '40' } })).statusCode, 200);
    clock.now = new Date('2021-04-11T00:00:00.000Z');
    try {
      t.match((await send(reporter, { method: 'PUT', url: `${plan}/indicators/IN-CONT/results/2021-M03`, payload: { value: '41', reason: 'x' } })).json(), {
        code: 'DATA_ENTRY_CLOSED',
        details: { deadline: '2021-04-11T00:00:00.000Z' },
      });
      t.equal(
        (await send(planner, { method: 'PUT', url: `${plan}/indicators/IN-CONT/targets/2021-M02`, payload: { value: '45' } })).statusCode,
        200,
        'targets have no window',
      );
      // The planner reopens CONT for the quarter: late results go in, for CONT only.
      t.equal((await transition(planner, '2021-Q1', 'CONT', 'reopening', { reason: 'Datos tardíos del sistema contable' })).statusCode, 200);
      t.equal((await send(reporter, { method: 'PUT', url: `${plan}/indicators/IN-CONT/results/2021-M02`, payload: { value: '40' } })).statusCode, 200);
      t.match((await send(admin, { method: 'PUT', url: `${plan}/indicators/OUT-DSP/results/2021-M02`, payload: { value: '40' } })).json(), {
        code: 'DATA_ENTRY_CLOSED',
      });
      // Clearing the window opens every period again.
      t.match((await send(planner, { method: 'PUT', url: `${plan}/data-entry-window`, payload: { periodicity: 'monthly', days: null } })).json(), {
        dataEntryWindows: {},
      });
      t.equal((await send(admin, { method: 'PUT', url: `${plan}/indicators/OUT-DSP/results/2021-M02`, payload: { value: '40' } })).statusCode, 200);
    } finally {
      clock.now = new Date('2021-04-05T10:00:00.000Z');
    }
  });
}

const planIdOtherYear = (plan: string): string => `${plan.split('/')[3]!.replace(/-2021$/, '')}-2022`;
