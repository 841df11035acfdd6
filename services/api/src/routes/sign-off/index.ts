import type { FastifyPluginAsync } from 'fastify';
import { approveUnitPeriod } from './approve-unit-period.js';
import { getApprovalBoard } from './get-approval-board.js';
import { reopenUnitPeriod } from './reopen-unit-period.js';
import { returnUnitPeriod } from './return-unit-period.js';
import { setDataEntryWindow } from './set-data-entry-window.js';
import { submitUnitPeriod } from './submit-unit-period.js';
import { unapproveUnitPeriod } from './unapprove-unit-period.js';

/** Sign-off: submit, approve, return, unapprove and reopen a unit's period; the data-entry window; the approval board. */
export const signOffRoutes: FastifyPluginAsync = async (app) => {
  await app.register(submitUnitPeriod);
  await app.register(approveUnitPeriod);
  await app.register(returnUnitPeriod);
  await app.register(unapproveUnitPeriod);
  await app.register(reopenUnitPeriod);
  await app.register(setDataEntryWindow);
  await app.register(getApprovalBoard);
};
