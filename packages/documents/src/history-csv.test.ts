import t from 'tap';
import type { AuditEntry, ResultHistoryEntry, TargetHistoryEntry } from '@semaforo/projection-audit-trail';
import { auditEntriesToCsv } from './audit-csv.js';
import { resultHistoryToCsv, targetHistoryToCsv } from './history-csv.js';

const provenance = {
  position: '812:3',
  eventId: 'e1',
  actor: { id: 'director@upisss', role: 'director' },
  recordedAt: '2021-05-03T10:00:00.000Z',
  reason: 'Reprogramación aprobada por el comité, acta 4',
  source: 'api',
  requestId: 'r1',
  correlationId: 'c1',
};

const target: TargetHistoryEntry = { ...provenance, event: 'TargetRevised', period: '2021-Q2', before: '130', after: '135' };
const noData: ResultHistoryEntry = {
  ...provenance,
  position: '815:1',
  actor: { id: 'analyst@upisss', role: null },
  event: 'NoDataReported',
  period: '2021-Q1',
  before: '110',
  after: 'no-data',
  numerator: null,
  denominator: null,
  reason: null,
};
const amended: AuditEntry = {
  ...provenance,
  position: '820:2',
  event: 'IndicatorAmended',
  stream: 'indicator-upisss-2021/IE-DSP-01',
  streamVersion: 4,
  causationId: 'x',
  indicator: 'IE-DSP-01',
  unit: 'DSP',
  previousUnit: null,
  period: null,
  reason: '=cmd|"/c calc"!A1',
  changes: [
    { field: 'name', before: 'Atenciones', after: '@Atenciones' },
    { field: 'baseline', before: '-375', after: '-400' },
  ],
};

t.test('version 1: the histories and the audit trail, byte for byte as they always were', async (t) => {
  t.equal(
    targetHistoryToCsv([target], 'es', 1),
    'Posición,Período,Evento,Antes,Después,Motivo,Actor,Rol,Registrado,Origen,Solicitud,Correlación\r\n' +
      '812:3,2021-Q2,Meta reprogramada,130,135,"Reprogramación aprobada por el comité, acta 4",director@upisss,director,2021-05-03T10:00:00.000Z,api,r1,c1\r\n',
  );
  t.equal(
    resultHistoryToCsv([noData], 'en', 1),
    'Position,Period,Event,Before,After,Numerator,Denominator,Reason,Actor,Role,Recorded at,Source,Request,Correlation\r\n' +
      '815:1,2021-Q1,No data reported,110,No data,,,,analyst@upisss,,2021-05-03T10:00:00.000Z,api,r1,c1\r\n',
  );
  t.equal(
    auditEntriesToCsv([amended], 'es', 1),
    'Posición,Registrado,Actor,Rol,Origen,Evento,Indicador,Unidad,Campo,Período,Antes,Después,Motivo,Solicitud,Correlación\r\n' +
      '820:2,2021-05-03T10:00:00.000Z,director@upisss,director,api,Indicador modificado,IE-DSP-01,DSP,name,,Atenciones,@Atenciones,"=cmd|""/c calc""!A1",r1,c1\r\n' +
      '820:2,2021-05-03T10:00:00.000Z,director@upisss,director,api,Indicador modificado,IE-DSP-01,DSP,baseline,,-375,-400,"=cmd|""/c calc""!A1",r1,c1\r\n',
  );
});

t.test('version 2: a BOM first, and what a spreadsheet would run is neutralised, negative numbers included', async (t) => {
  const csv = auditEntriesToCsv([amended], 'en', 2);
  t.ok(csv.startsWith('\uFEFFPosition,Recorded at,'));
  t.match(csv, /,IE-DSP-01,DSP,name,,Atenciones,'@Atenciones,"'=cmd\|""\/c calc""!A1",r1,c1\r\n/);
  t.match(csv, /,IE-DSP-01,DSP,baseline,,'-375,'-400,/);
  t.equal(targetHistoryToCsv([target], 'es', 2), `\uFEFF${targetHistoryToCsv([target], 'es', 1)}`, 'nothing to neutralise: v1 behind a BOM');
});
