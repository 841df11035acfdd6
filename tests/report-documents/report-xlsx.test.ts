import t from 'tap';
import ExcelJS from 'exceljs';
import { LABELS } from '@semaforo/documents';
import { INDICATOR_KINDS } from '@semaforo/domain';
import { benchPlan, smallPlan } from './report-samples.js';

/*
 * The XLSX read back with exceljs, for the small hand-made plan and the bench's 1,000-indicator
 * plan, Spanish and English: every indicator in its kind's sheet exactly once, each row's numbers
 * the evaluation's (as numbers, not text), the status word, the closing table and the summary's
 * counts. Expected values come from the evaluation, not from the report model.
 */

/** A cell holds a double: twelve significant digits are what a spreadsheet shows of it. */
const twelve = (value: unknown): number | null => (typeof value === 'number' ? Number(value.toPrecision(12)) : null);
const exact = (value: string | null, percent: boolean): number | null =>
  value === null || value.includes('/') ? null : Number((Number(value) / (percent ? 100 : 1)).toPrecision(12));

for (const make of [smallPlan, benchPlan]) {
  const sample = make();
  for (const language of ['es', 'en'] as const) {
    t.test(`${sample.name}, ${language}: the workbook's rows are the evaluation's`, async (t) => {
      const { bytes } = await sample.render('xlsx', language);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const labels = LABELS[language];
      const { evaluation } = sample;

      for (const kind of INDICATOR_KINDS) {
        const sheet = workbook.getWorksheet(labels.report.kindSection[kind])!;
        const expected = evaluation.indicators.filter((row) => row.kind === kind);
        const rows = sheet.getRows(2, sheet.rowCount - 1) ?? [];
        t.equal(rows.length, expected.length, `${kind}: one row per indicator`);
        t.same(rows.map((row) => row.getCell(1).value).sort(), expected.map((row) => row.code).sort(), `${kind}: every code once`);
        const byCode = new Map(expected.map((row) => [row.code, row]));
        let wrong = 0;
        for (const row of rows) {
          const e = byCode.get(row.getCell(1).value as string)!;
          const percent = e.measure === 'percent';
          const same =
            row.getCell(2).value === e.name &&
            (e.target === null || e.target.includes('/') || twelve(row.getCell(9).value) === exact(e.target, percent)) &&
            (e.result === null || e.result.includes('/') || twelve(row.getCell(10).value) === exact(e.result, percent)) &&
            (e.target !== null || row.getCell(9).value === null) &&
            (e.compliance === null ? row.getCell(11).value === null : twelve(row.getCell(11).value) === exact(e.compliance.display, true)) &&
            row.getCell(12).value === labels.status[e.status];
          if (!same) wrong += 1;
        }
        t.equal(wrong, 0, `${kind}: every row's name, target, result, compliance and status`);
        t.match(sheet.views[0], { state: 'frozen', ySplit: 1 });
        t.ok(sheet.autoFilter);
      }

      const closing = workbook.getWorksheet(labels.report.workbook.closingSheet)!;
      t.same(
        (closing.getRows(2, closing.rowCount - 1) ?? []).map((row) => [
          row.getCell(1).value,
          row.getCell(2).value,
          row.getCell(3).value,
          twelve(row.getCell(4).value),
        ]),
        evaluation.closingTable.map((row) => [
          labels.kind[row.kind],
          row.measured,
          row.reachedTarget,
          row.goodShare === null ? null : exact(row.goodShare.display, true),
        ]),
        'the closing table',
      );
      const summary = workbook.getWorksheet(labels.report.workbook.summarySheet)!;
      const planned: unknown[] = [];
      summary.eachRow((row) => {
        if (row.getCell(1).value === labels.kind.total) planned.push(row.getCell(2).value);
      });
      t.same(planned, [evaluation.summary.plan.planned], 'the summary counts the plan’s indicators, as a number');
    });
  }
}
