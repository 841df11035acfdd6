import type { DomainErrorCode } from '@semaforo/domain';
import type { FieldMessageTranslations, LocalizedText, ProblemMessage } from '@semaforo/http';
import type { ProjectorErrorCode } from '@semaforo/projector';

/**
 * What every code the API answers says to a person, in Spanish and English:
 * the title, and the detail as templates whose `{name}` placeholders take
 * the problem's `details` and the params its raiser passed (the first
 * template all of whose placeholders are there wins; `{message}` is the
 * raised English text). `@semaforo/http` holds the messages of its own codes
 * (`HTTP_PROBLEM_MESSAGES`); `problem-messages.test.ts` fails when a code
 * the product can raise has no entry here or there.
 *
 * A new code: add its line here (title and detail, both languages), pass
 * the facts its text needs as `details` (sent to the client) or `params`
 * (`new HttpProblem(…, { params })`, `new DomainError(code, message, details, params)`).
 */
const DOMAIN_MESSAGES: { readonly [C in DomainErrorCode]: ProblemMessage } = {
  MALFORMED_DECIMAL: {
    title: t('Malformed number', 'Número mal escrito'),
    detail: (p) => ({
      en: `${shown(p['value'])} must be a decimal number, as a string or an exact JSON number, e.g. "12.5" or "-375123611"`,
      es: `${shown(p['value'])} debe ser un número decimal, como texto o como número JSON exacto, p. ej. "12.5" o "-375123611"`,
    }),
  },
  DIVISION_BY_ZERO: {
    title: t('Division by zero', 'División entre cero'),
    detail: t('A fraction cannot have a zero denominator.', 'Una fracción no puede tener denominador cero.'),
  },
  INVALID_PERIOD: {
    title: t('Invalid period', 'Período no válido'),
    detail: [
      (p) =>
        p['value'] === undefined
          ? undefined
          : {
              en: `${shown(p['value'])} is not a period: expected YYYY (annual), YYYY-S1..S2 (semiannual), YYYY-T1..T3 (four-monthly), YYYY-Q1..Q4 (quarterly), YYYY-B1..B6 (bimonthly) or YYYY-M01..M12 (monthly), e.g. "2023-Q2"`,
              es: `${shown(p['value'])} no es un período: se espera AAAA (anual), AAAA-S1..S2 (semestral), AAAA-T1..T3 (cuatrimestral), AAAA-Q1..Q4 (trimestral), AAAA-B1..B6 (bimestral) o AAAA-M01..M12 (mensual), p. ej. "2023-Q2"`,
            },
      t('{message}', 'No es un período válido.'),
    ],
  },
  INVALID_EVALUATION_SCALE: {
    title: t('Invalid evaluation scale', 'Escala de evaluación no válida'),
    detail: t('{message}', 'No es una escala de evaluación válida: vea `details.issues`.'),
  },
  PLAN_ALREADY_OPENED: {
    title: t('The plan is already open', 'El plan ya está abierto'),
    detail: t('The plan {planId} is already open.', 'El plan {planId} ya está abierto.'),
  },
  PLAN_NOT_FOUND: {
    title: t('Plan not found', 'Plan no encontrado'),
    detail: [
      t('There is no plan {planId} at position {position}.', 'No hay un plan {planId} en la posición {position}.'),
      (p) =>
        p['atPosition'] === true
          ? {
              en: 'There is no plan {planId} at this position of the log.',
              es: 'No hay un plan {planId} en esta posición del registro (¿el asOf es anterior a su apertura?).',
            }
          : undefined,
      t('There is no plan {planId}. Open it with POST /v1/plans.', 'No hay un plan {planId}. Ábralo con POST /v1/plans.'),
      t('There is no such plan.', 'No existe ese plan.'),
    ],
  },
  DUPLICATE_PERSPECTIVE: {
    title: t('Duplicate perspective', 'Perspectiva repetida'),
    detail: t('The perspective {code} appears more than once.', 'La perspectiva {code} aparece más de una vez.'),
  },
  UNKNOWN_PERSPECTIVE: {
    title: t('Unknown perspective', 'Perspectiva desconocida'),
    detail: t('The plan has no perspective {perspective}.', 'El plan no tiene la perspectiva {perspective}. Tiene: {known}.'),
  },
  UNIT_ALREADY_DEFINED: {
    title: t('The unit is already defined', 'La unidad ya está definida'),
    detail: t('The unit {code} is already defined in this plan.', 'La unidad {code} ya está definida en este plan.'),
  },
  UNKNOWN_UNIT: {
    title: t('Unknown unit', 'Unidad desconocida'),
    detail: t('The plan has no unit {unit}; define it first.', 'El plan no tiene la unidad {unit}; defínala primero.'),
  },
  UNKNOWN_PARENT_UNIT: {
    title: t('Unknown parent unit', 'Unidad superior desconocida'),
    detail: t(
      'The parent unit {parentCode} is not defined in this plan; define it first.',
      'La unidad superior {parentCode} no está definida en este plan; defínala primero.',
    ),
  },
  UNIT_NOT_FOUND: {
    title: t('Unit not found', 'Unidad no encontrada'),
    detail: [
      t('The plan {planId} has no unit {unit} at position {position}.', 'El plan {planId} no tiene la unidad {unit} en la posición {position}.'),
      t('The plan {planId} has no unit {code}.', 'El plan {planId} no tiene la unidad {code}.'),
      t('{message}', 'El plan no tiene esa unidad.'),
    ],
  },
  PERSPECTIVE_NOT_FOUND: {
    title: t('Perspective not found', 'Perspectiva no encontrada'),
    detail: t('The plan {planId} has no perspective {code}.', 'El plan {planId} no tiene la perspectiva {code}.'),
  },
  UNIT_RETIRED: {
    title: t('The unit is retired', 'La unidad está retirada'),
    detail: [
      t('The unit {code} is retired: no indicator can be assigned to it.', 'La unidad {code} está retirada: no se le puede asignar ningún indicador.'),
      t('The unit {code} is retired and takes no more changes.', 'La unidad {code} está retirada y no admite más cambios.'),
    ],
  },
  PERSPECTIVE_RETIRED: {
    title: t('The perspective is retired', 'La perspectiva está retirada'),
    detail: [
      t(
        'The perspective {code} is retired: no indicator can be assigned to it.',
        'La perspectiva {code} está retirada: no se le puede asignar ningún indicador.',
      ),
      t('The perspective {code} is retired and takes no more changes.', 'La perspectiva {code} está retirada y no admite más cambios.'),
    ],
  },
  PARENT_UNIT_RETIRED: {
    title: t('The parent unit is retired', 'La unidad superior está retirada'),
    detail: t('The unit {parentCode} is retired: no unit can go under it.', 'La unidad {parentCode} está retirada: ninguna unidad puede quedar bajo ella.'),
  },
  UNIT_MOVE_CYCLE: {
    title: t('The move would make a loop', 'El traslado formaría un ciclo'),
    detail: t(
      'The unit {code} cannot move under {parentCode}: that unit is {code} itself or below it.',
      'La unidad {code} no puede quedar bajo {parentCode}: esa unidad es {code} misma o está debajo de ella.',
    ),
  },
  UNIT_HAS_ACTIVE_UNITS: {
    title: t('The unit still has active units below it', 'La unidad aún tiene unidades activas debajo'),
    detail: t(
      'The unit {code} still has active units below it: {units}. Move or retire them first.',
      'La unidad {code} aún tiene unidades activas debajo: {units}. Trasládelas o retírelas primero.',
    ),
  },
  DUPLICATE_INDICATOR_CODE: {
    title: t('Duplicate indicator code', 'Código de indicador repetido'),
    detail: t('The plan already has an indicator with code {code}.', 'El plan ya tiene un indicador con el código {code}.'),
  },
  INDICATOR_NOT_FOUND: {
    title: t('Indicator not found', 'Indicador no encontrado'),
    detail: [
      t('The plan {planId} has no indicator {code} at position {position}.', 'El plan {planId} no tiene el indicador {code} en la posición {position}.'),
      t('The plan {planId} has no indicator {code}.', 'El plan {planId} no tiene el indicador {code}.'),
      t('The plan has no indicator with code {code}.', 'El plan no tiene un indicador con el código {code}.'),
    ],
  },
  INDICATOR_RETIRED: {
    title: t('The indicator is retired', 'El indicador está retirado'),
    detail: t('The indicator {code} is retired and takes no more changes.', 'El indicador {code} está retirado y no admite más cambios.'),
  },
  PERIOD_OUTSIDE_PLAN_YEAR: {
    title: t('Period outside the plan year', 'Período fuera del año del plan'),
    detail: t("The period {period} is outside the plan's fiscal year {fiscalYear}.", 'El período {period} está fuera del año fiscal {fiscalYear} del plan.'),
  },
  PERIOD_NOT_OF_PERIODICITY: {
    title: t('Period of another periodicity', 'Período de otra periodicidad'),
    detail: t('{message}', 'El período {period} no corresponde a la periodicidad del indicador ({periodicity}).'),
  },
  PERIODICITY_LOCKED: {
    title: t('The periodicity cannot change', 'La periodicidad no puede cambiar'),
    detail: t(
      'The periodicity of {code} cannot change once it has targets or results: their periods would no longer fit.',
      'La periodicidad de {code} no puede cambiar una vez que tiene metas o resultados: sus períodos ya no encajarían.',
    ),
  },
  REASON_REQUIRED: {
    title: t('A reason is required', 'Se requiere un motivo'),
    detail: [
      (p) =>
        p['change'] === 'target'
          ? { en: 'Revising the target of {period} needs a reason.', es: 'Revisar la meta de {period} requiere un motivo (`reason`).' }
          : p['change'] === 'result'
            ? { en: 'Correcting the result of {period} needs a reason.', es: 'Corregir el resultado de {period} requiere un motivo (`reason`).' }
            : undefined,
      t('{message}', 'Este cambio requiere un motivo (`reason`).'),
    ],
  },
  INCOMPLETE_RATIO: {
    title: t('Incomplete ratio', 'Razón incompleta'),
    detail: t('Give both the numerator and the denominator, or neither.', 'Indique el numerador y el denominador, o ninguno de los dos.'),
  },
  IMPLAUSIBLE_RESULT: {
    title: t('Implausible result', 'Resultado no plausible'),
    detail: [
      (p) =>
        p['rule'] === 'minimum'
          ? {
              en: 'The result {value} of {code} for {period} is below its minimum {bound}.',
              es: 'El resultado {value} de {code} para {period} está por debajo de su mínimo {bound}.',
            }
          : p['rule'] === 'maximum'
            ? {
                en: 'The result {value} of {code} for {period} is above its maximum {bound}.',
                es: 'El resultado {value} de {code} para {period} está por encima de su máximo {bound}.',
              }
            : p['rule'] === 'ratioCheck' && p['expected'] === undefined
              ? {
                  en: 'The result {value} of {code} for {period} has a zero denominator: it cannot be {numerator} / {denominator} × {scale}.',
                  es: 'El resultado {value} de {code} para {period} tiene denominador cero: no puede ser {numerator} / {denominator} × {scale}.',
                }
              : p['rule'] === 'ratioCheck'
                ? {
                    en: 'The result {value} of {code} for {period} is not {numerator} / {denominator} × {scale} = {expected}.',
                    es: 'El resultado {value} de {code} para {period} no es {numerator} / {denominator} × {scale} = {expected}.',
                  }
                : undefined,
      t('{message}', 'El resultado no cumple una regla de plausibilidad del indicador.'),
    ],
  },
  INVALID_PLAUSIBILITY_RULES: {
    title: t('Invalid plausibility rules', 'Reglas de plausibilidad no válidas'),
    detail: t(
      'The minimum {minimum} of {code} is above its maximum {maximum}: no result could pass.',
      'El mínimo {minimum} de {code} está por encima de su máximo {maximum}: ningún resultado podría cumplirlas.',
    ),
  },
  NOTHING_TO_CHANGE: {
    title: t('Nothing to change', 'Nada que cambiar'),
    detail: t('An amendment must name at least one field to change.', 'Una enmienda debe nombrar al menos un campo que cambiar.'),
  },
  NOT_A_PLAN_PERIOD: {
    title: t('Not a period of the plan', 'No es un período del plan'),
    detail: t('{message}', 'El período no pertenece al plan.'),
  },
  // Sign-off and publication: English as raised (their texts name the unit, period and edition), Spanish in general terms.
  PERIOD_LOCKED: {
    title: t('The period is locked', 'El período está bloqueado'),
    detail: [
      (p) => {
        const lock = p['lock'] as { period?: unknown } | undefined;
        if (typeof p['code'] !== 'string' || typeof p['period'] !== 'string' || typeof p['unit'] !== 'string' || typeof lock?.period !== 'string')
          return undefined;
        return {
          en: `The value of ${p['code']} for ${p['period']} is locked: unit ${p['unit']} is approved for ${lock.period}. A planner can lift the lock by reopening ${p['unit']} for ${lock.period}.`,
          es: `El valor de ${p['code']} para ${p['period']} está bloqueado: la unidad ${p['unit']} está aprobada para ${lock.period}. Un planificador puede levantar el bloqueo reabriendo ${p['unit']} para ${lock.period}.`,
        };
      },
      t('{message}', 'El período de esta unidad está aprobado y bloqueado: un cambio necesita que la oficina de planificación lo reabra.'),
    ],
  },
  DATA_ENTRY_CLOSED: {
    title: t('Data entry is closed', 'La captura de datos está cerrada'),
    detail: [
      t(
        '{message}',
        'Los resultados de {period} se aceptaron hasta {deadline}. Un planificador puede aceptar este reabriendo {unit} para un período que contenga {period}.',
      ),
      t('{message}', 'El plazo para registrar datos de este período terminó: solo una reapertura lo permite.'),
    ],
  },
  UNIT_PERIOD_NOT_SUBMITTED: {
    title: t('The period is not submitted', 'El período no está enviado'),
    detail: t('{message}', 'La unidad aún no ha enviado este período para su aprobación.'),
  },
  UNIT_PERIOD_APPROVED: {
    title: t('The period is approved', 'El período está aprobado'),
    detail: t('{message}', 'El período de esta unidad ya está aprobado.'),
  },
  UNIT_PERIOD_NOT_APPROVED: {
    title: t('The period is not approved', 'El período no está aprobado'),
    detail: t('{message}', 'El período de esta unidad no está aprobado.'),
  },
  CHILD_UNITS_NOT_APPROVED: {
    title: t('Units below are not approved', 'Hay unidades inferiores sin aprobar'),
    detail: t('{message}', 'Una unidad se aprueba solo después de todas las unidades que tiene debajo.'),
  },
  PARENT_UNIT_APPROVED: {
    title: t('The unit above is approved', 'La unidad superior está aprobada'),
    detail: t('{message}', 'La unidad superior ya está aprobada: deshaga primero esa aprobación.'),
  },
  EDITION_UNCHANGED: {
    title: t('That evaluation is already published', 'Esa evaluación ya está publicada'),
    detail: t('{message}', 'La última edición ya publica exactamente esta evaluación: no hay nada nuevo que publicar.'),
  },
  UNAPPROVED_UNITS: {
    title: t('Some units are not approved for the period', 'Hay unidades sin aprobar en el período'),
    detail: t('{message}', 'Hay unidades sin aprobar en el período: apruébelas o publique indicando que quedan sin aprobar.'),
  },
  EDITION_NOT_FOUND: {
    title: t('The edition does not exist', 'La edición no existe'),
    detail: t('{message}', 'No existe esa edición publicada.'),
  },
  EDITION_CONTENT_MISMATCH: {
    title: t('The edition could not be regenerated exactly', 'La edición no se pudo regenerar con exactitud'),
    detail: t('{message}', 'La edición no se pudo regenerar byte a byte tal como se publicó.'),
  },
  TOKEN_ALREADY_ISSUED: {
    title: t('The token already exists', 'El token ya existe'),
    detail: t(
      'A token with id {tokenId} already exists; issue it again with a new id.',
      'Ya existe un token con el id {tokenId}; emítalo de nuevo con otro id.',
    ),
  },
  TOKEN_NOT_FOUND: {
    title: t('Token not found', 'Token no encontrado'),
    detail: t('There is no token {tokenId} in this institution.', 'No hay un token {tokenId} en esta institución.'),
  },
  REPORTER_UNITS_REQUIRED: {
    title: t('A reporter token needs units', 'Un token de reporte necesita unidades'),
    detail: t('A reporter token needs at least one unit it reports for.', 'Un token con el rol reporter necesita al menos una unidad de la que reporte.'),
  },
  UNITS_ONLY_FOR_REPORTER: {
    title: t('Units are only for reporter tokens', 'Las unidades son solo para tokens de reporte'),
    detail: t(
      'Only reporter tokens are limited to units; a token with the role {role} acts on the whole institution.',
      'Solo los tokens con el rol reporter se limitan a unidades; un token con el rol {role} actúa sobre toda la institución.',
    ),
  },
  EXPIRY_NOT_IN_FUTURE: {
    title: t('The expiry is not in the future', 'El vencimiento no es futuro'),
    detail: t('The expiry {expiresAt} is not after the issue time {issuedAt}.', 'El vencimiento {expiresAt} no es posterior a la emisión {issuedAt}.'),
  },
  LAST_ADMIN_TOKEN: {
    title: t('The last admin token', 'El último token de administración'),
    detail: t(
      'This is the last working admin token of the institution: issue another admin token first, then revoke this one.',
      'Este es el último token de administración vigente de la institución: emita primero otro token admin y luego revoque este.',
    ),
  },
};

const PROJECTOR_MESSAGES: { readonly [C in ProjectorErrorCode]: ProblemMessage } = {
  INVALID_AS_OF: {
    title: t('Invalid asOf', 'asOf no válido'),
    detail: [
      t(
        'asOf must be a log position "<commit>:<prepare>" or an ISO-8601 instant with a time zone (e.g. 2024-03-31T23:59:59Z), not {shownAsOf}',
        'asOf debe ser una posición del registro "<commit>:<prepare>" o un instante ISO-8601 con zona horaria (p. ej. 2024-03-31T23:59:59Z), no {shownAsOf}',
      ),
      t('{message}', 'asOf debe ser una posición del registro "<commit>:<prepare>" o un instante ISO-8601 con zona horaria (p. ej. 2024-03-31T23:59:59Z).'),
    ],
  },
  AS_OF_NOT_YET_PROJECTED: {
    title: t('Not projected yet', 'Aún no proyectado'),
    detail: t(
      '{message}',
      'El momento pedido en asOf aún no ha pasado o las lecturas todavía no lo alcanzan: lo que se responda entonces aún puede cambiar. Reintente en unos segundos.',
    ),
  },
  PROJECTION_NOT_LIVE: {
    title: t('Read models not ready', 'Lecturas no disponibles'),
    detail: t('{message}', 'Ninguna versión de las lecturas está lista todavía (¿está corriendo el proyector? ¿se está reconstruyendo?). Reintente más tarde.'),
  },
  PROJECTION_BUSY: {
    title: t('Projection busy', 'Proyección ocupada'),
    detail: t('{message}', 'Otro proceso está aplicando esta proyección: deténgalo primero.'),
  },
  PROJECTION_FAILED: {
    title: t('Projection failed', 'La proyección falló'),
    detail: t('{message}', 'Una proyección falló al aplicar un evento.'),
  },
};

/** The codes the API's own code raises (`HttpProblem`, mapped classes). */
const API_MESSAGES = {
  STORE_UNAVAILABLE: {
    title: t('The event store is unavailable', 'El almacén de eventos no está disponible'),
    detail: [
      (p) =>
        p['database'] === true
          ? { en: 'The database is not answering. Retry in a few seconds.', es: 'La base de datos no responde. Reintente en unos segundos.' }
          : undefined,
      t('The event store is not answering. Retry in a few seconds.', 'El almacén de eventos no responde. Reintente en unos segundos.'),
    ],
  },
  READ_MODELS_UNAVAILABLE: {
    title: t('Read models unavailable', 'Lecturas no disponibles'),
    detail: t('This server has no read models configured. Retry later.', 'Este servidor no tiene lecturas configuradas. Reintente más tarde.'),
  },
  READ_MODELS_BEHIND: {
    title: t('Read models behind', 'Lecturas atrasadas'),
    detail: t(
      'The read models have not reached position {minPosition} yet. Retry shortly.',
      'Las lecturas aún no llegan a la posición {minPosition}. Reintente en un momento.',
    ),
  },
  INVALID_IDEMPOTENCY_KEY: {
    title: t('Invalid Idempotency-Key', 'Idempotency-Key no válida'),
    detail: t(
      'Idempotency-Key must be 1 to 255 printable ASCII characters without spaces, e.g. a UUID.',
      'Idempotency-Key debe tener de 1 a 255 caracteres ASCII imprimibles sin espacios, p. ej. un UUID.',
    ),
  },
  IDEMPOTENCY_KEY_REUSED: {
    title: t('Idempotency-Key reused', 'Idempotency-Key reutilizada'),
    detail: t(
      'This Idempotency-Key was already used for a different request (method, path or body). Use a new key for a new request.',
      'Esta Idempotency-Key ya se usó para otra solicitud (método, ruta o cuerpo). Use una clave nueva para una solicitud nueva.',
    ),
  },
  IDEMPOTENCY_KEY_IN_USE: {
    title: t('Idempotency-Key in use', 'Idempotency-Key en uso'),
    detail: t(
      'A request with this Idempotency-Key is still being processed. Retry in a moment.',
      'Una solicitud con esta Idempotency-Key todavía se está procesando. Reintente en un momento.',
    ),
  },
  IDEMPOTENT_RESPONSE_WITHHELD: {
    title: t('Response withheld', 'Respuesta retenida'),
    detail: t(
      'The request with this Idempotency-Key succeeded, but its answer carried a secret, which is shown only once. If it was lost, revoke what was created and ask again with a new key.',
      'La solicitud con esta Idempotency-Key tuvo éxito, pero su respuesta contenía un secreto, que se muestra una sola vez. Si se perdió, revoque lo creado y pida de nuevo con una clave nueva.',
    ),
  },
  ROUTE_NOT_AUTHORIZED: {
    title: t('Route without an access rule', 'Ruta sin regla de acceso'),
    detail: t(
      'This route has no access rule yet, so nobody may call it. Report it to the operators.',
      'Esta ruta aún no tiene regla de acceso, así que nadie puede llamarla. Infórmelo a los operadores.',
    ),
  },
  INSTITUTION_NOT_FOUND: {
    title: t('Institution not found', 'Institución no encontrada'),
    detail: t('There is no such institution.', 'No existe esa institución.'),
  },
  ROLE_NOT_ALLOWED: {
    title: t('Role not allowed', 'Rol no permitido'),
    detail: (p) => {
      const onlyTheirUnits = p['reporterUnits'] === true;
      return {
        en: `A token with the role {role} cannot do this. Allowed: {allowed}${onlyTheirUnits ? ' (a reporter only for indicators of its units)' : ''}.`,
        es: `Un token con el rol {role} no puede hacer esto. Pueden: {allowed}${onlyTheirUnits ? ' (reporter solo para indicadores de sus unidades)' : ''}.`,
      };
    },
  },
  IMPORT_TOO_LARGE: {
    title: t('The file is too large to import', 'El archivo es demasiado grande para importarlo'),
    detail: [
      t(
        'The file is {sizeBytes} bytes; an import takes at most {limitBytes}. Split it into several files (by sheet, or by unit).',
        'El archivo tiene {sizeBytes} bytes; una importación admite como máximo {limitBytes}. Divídalo en varios archivos (por hoja o por unidad).',
      ),
      t('{message}', 'Una importación admite como máximo {limitBytes} bytes. Divida el archivo en varios (por hoja o por unidad).'),
    ],
  },
  // The import's own `lang` (its summary's language) wins over Accept-Language, so the problem and the summary it carries agree.
  IMPORT_HAS_CONFLICTS: {
    title: t('The file has conflicts: nothing was imported', 'El archivo tiene conflictos: no se importó nada'),
    detail: [
      (p) => {
        if (typeof p['conflicts'] !== 'number') return undefined;
        const one = p['conflicts'] === 1;
        const en = `The file has ${p['conflicts']} ${one ? 'conflict' : 'conflicts'}: nothing was imported. Fix them, or import with atomic=false to apply the rows without conflicts.`;
        const es = `El archivo tiene ${p['conflicts']} ${one ? 'conflicto' : 'conflictos'}: no se importó nada. Corríjalos, o importe con atomic=false para aplicar las filas sin conflictos.`;
        return p['language'] === 'en' ? { en, es: en } : p['language'] === 'es' ? { en: es, es } : { en, es };
      },
      t('{message}', 'El archivo tiene conflictos: no se importó nada. Corríjalos, o importe con atomic=false.'),
    ],
  },
  IMPORT_JOB_NOT_FOUND: {
    title: t('The import job does not exist', 'La importación no existe'),
    detail: t('{message}', 'El plan no tiene esa importación.'),
  },
  INVALID_MIN_POSITION: {
    title: t('Malformed minimum position', 'Posición mínima mal escrita'),
    detail: t(
      'The {header} header must be a log position "<commit>:<prepare>", as a write\'s answer gives it.',
      'La cabecera {header} debe ser una posición del registro «<commit>:<prepare>», como la da la respuesta de una escritura.',
    ),
  },
  METRICS_DISABLED: {
    title: t('Metrics are off', 'Las métricas están desactivadas'),
    detail: t('Metrics are off: set METRICS_TOKEN to turn them on.', 'Las métricas están desactivadas: defina METRICS_TOKEN para activarlas.'),
  },
  METRICS_TOKEN_REQUIRED: {
    title: t('The metrics token is required', 'Se necesita el token de métricas'),
    detail: t('Send the metrics token: `Authorization: Bearer <METRICS_TOKEN>`.', 'Envíe el token de métricas: `Authorization: Bearer <METRICS_TOKEN>`.'),
  },
  IMPORT_FILE_CHANGED: {
    title: t('The file changed since the dry run', 'El archivo cambió desde la prueba'),
    detail: t('The file is not the one the dry run showed. Try it again.', 'El archivo no es el que mostró la prueba. Vuelva a probarlo.'),
  },
  OUTSIDE_ASSIGNED_UNITS: {
    title: t('Outside the assigned units', 'Fuera de las unidades asignadas'),
    detail: [
      t(
        "The indicator {code} belongs to the unit {unit}, which is not one of this token's units ({units}) nor below one of them.",
        'El indicador {code} pertenece a la unidad {unit}, que no es una de las unidades de este token ({units}) ni está debajo de una de ellas.',
      ),
      t(
        "The unit {unit} is not one of this token's units ({units}) nor below one of them.",
        'La unidad {unit} no es una de las unidades de este token ({units}) ni está debajo de una de ellas.',
      ),
    ],
  },
  AUTHENTICATION_REQUIRED: {
    title: t('Authentication required', 'Se requiere autenticación'),
    detail: t(
      'Send a token: `Authorization: Bearer smf_...`. An admin of your institution issues tokens.',
      'Envíe un token: `Authorization: Bearer smf_...`. Un administrador de su institución emite los tokens.',
    ),
  },
  INVALID_TOKEN: {
    title: t('Invalid token', 'Token no válido'),
    detail: [
      (p) =>
        p['reason'] === 'malformed'
          ? {
              en: 'The Authorization header must read `Bearer smf_<institution>.<id>.<secret>`, the token exactly as it was issued.',
              es: 'La cabecera Authorization debe decir `Bearer smf_<institución>.<id>.<secreto>`, el token tal como se emitió.',
            }
          : undefined,
      t(
        'This token is not valid. Check it was copied whole; an admin of your institution can issue a new one.',
        'Este token no es válido. Compruebe que se copió completo; un administrador de su institución puede emitir otro.',
      ),
    ],
  },
  TOKEN_REVOKED: {
    title: t('Token revoked', 'Token revocado'),
    detail: t(
      'This token was revoked. Ask an admin of your institution for a new one.',
      'Este token fue revocado. Pida otro a un administrador de su institución.',
    ),
  },
  TOKEN_EXPIRED: {
    title: t('Token expired', 'Token vencido'),
    detail: t('This token has expired. Ask an admin of your institution for a new one.', 'Este token venció. Pida otro a un administrador de su institución.'),
  },
  RATE_LIMITED: {
    title: t('Too many requests', 'Demasiadas solicitudes'),
    detail: t(
      'More than {max} requests in a minute with this token. Wait {after} and retry.',
      'Más de {max} solicitudes en un minuto con este token. Espere {seconds} s y reintente.',
    ),
  },
  UNKNOWN_TOKEN_UNITS: {
    title: t('Unknown units', 'Unidades desconocidas'),
    detail: t(
      'No plan of this institution defines the units {units}; define them first, or check their codes.',
      'Ningún plan de esta institución define las unidades {units}; defínalas primero, o revise sus códigos.',
    ),
  },
  PERIOD_REQUIRED: {
    title: t('A period is required', 'Se requiere un período'),
    detail: t(
      'A traffic-light filter (`status`) needs the `period` it is for, e.g. `period=2021-Q2`.',
      'Un filtro por semáforo (`status`) necesita el período al que se refiere, p. ej. `period=2021-Q2`.',
    ),
  },
  // Reports, and the web app's pages: English as raised, Spanish in general terms.
  UNKNOWN_REPORT_LAYOUT: {
    title: t('Unknown report layout', 'Diseño de informe desconocido'),
    detail: [t('{message}', 'No hay un diseño de informe {layout} para el formato {format}.'), t('{message}', 'No hay ese diseño de informe.')],
  },
  REPORT_OF_ANOTHER_PLAN: {
    title: t('A report of another plan', 'Un informe de otro plan'),
    detail: [t('{message}', 'El documento es un informe del plan {documentPlanId}, no de este.'), t('{message}', 'El documento es un informe de otro plan.')],
  },
  NOT_A_REPORT: {
    title: t('Not a report', 'No es un informe'),
    detail: t(
      'The file carries no evaluation report stamp: it is not a report this service wrote, or its stamp was damaged.',
      'El archivo no lleva el sello de un informe de evaluación: no es un informe que haya escrito este servicio, o su sello está dañado.',
    ),
  },
  READ_ONLY_PAST: {
    title: t('A past moment is read-only', 'Un momento pasado es de solo lectura'),
    detail: t(
      'A page shown as of a past moment takes no changes. Go back to the present.',
      'Una página mostrada en un momento pasado no admite cambios. Vuelva al presente.',
    ),
  },
  PERIOD_NOT_FOUND: {
    title: t('Period not found', 'Período no encontrado'),
    detail: t('{message}', 'El formulario es por mes del año del plan (AAAA-M01 a AAAA-M12).'),
  },
  CSRF_TOKEN_INVALID: {
    title: t('The form’s CSRF token is missing or wrong', 'Falta el token CSRF del formulario o no es válido'),
    detail: t('{message}', 'El formulario llegó sin su token CSRF, o con el de otra sesión. Recargue la página y envíelo de nuevo.'),
  },
  INVALID_CURSOR: {
    title: t('Invalid cursor', 'Cursor no válido'),
    detail: t(
      'The cursor is not one this API gave out. Pass `nextCursor` from the previous page unchanged, or omit it for the first page.',
      'El cursor no es uno que haya dado esta API. Pase sin cambios el `nextCursor` de la página anterior, u omítalo para la primera página.',
    ),
  },
  INVALID_TIME_RANGE: {
    title: t('Invalid time range', 'Intervalo de tiempo no válido'),
    detail: t('`from` must not be after `to`.', '`from` no debe ser posterior a `to`.'),
  },
  CURSOR_AS_OF_MISMATCH: {
    title: t('Cursor and asOf disagree', 'El cursor y asOf no coinciden'),
    detail: t(
      'The cursor continues a walk at position {cursorPosition}; asOf resolves to {asOfPosition}. Drop one.',
      'El cursor continúa un recorrido en la posición {cursorPosition}; asOf corresponde a {asOfPosition}. Quite uno de los dos.',
    ),
  },
} satisfies Readonly<Record<string, ProblemMessage>>;

export const problemMessages: Readonly<Record<string, ProblemMessage>> = { ...DOMAIN_MESSAGES, ...PROJECTOR_MESSAGES, ...API_MESSAGES };

/**
 * The Spanish of the English messages the request schemas set themselves
 * (zod's own defaults are translated by `@semaforo/http`). A message not
 * listed is sent in English.
 */
export const fieldMessages: FieldMessageTranslations = [
  [/^must be at most (\d+) characters$/, 'debe tener como máximo $1 caracteres'],
  ['must not be empty or only spaces', 'no debe estar vacío ni tener solo espacios'],
  ['must not contain the NUL character', 'no debe contener el carácter NUL'],
  ['must be well-formed Unicode (no lone surrogates)', 'debe ser Unicode bien formado (sin sustitutos sueltos)'],
  [
    'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
    'debe tener de 1 a 64 letras, dígitos, ".", "_" o "-", y empezar con una letra o un dígito',
  ],
  [
    'must be 1 to 48 lower-case letters, digits or "-", not starting or ending with "-"',
    'debe tener de 1 a 48 letras minúsculas, dígitos o "-", sin empezar ni terminar con "-"',
  ],
  ['must be a date written YYYY-MM-DD', 'debe ser una fecha escrita AAAA-MM-DD'],
  ['must be "<institution>-<fiscal year>", e.g. "upisss-2021"', 'debe ser "<institución>-<año fiscal>", p. ej. "upisss-2021"'],
  ['a plan needs at least one perspective', 'un plan necesita al menos una perspectiva'],
  ['must be 16 lower-case hexadecimal digits', 'debe tener 16 dígitos hexadecimales en minúscula'],
  ['must be "sha256:" and 64 hexadecimal digits', 'debe ser "sha256:" y 64 dígitos hexadecimales'],
  ['must be an ISO-8601 instant in UTC, e.g. 2024-04-02T15:04:05.000Z', 'debe ser un instante ISO-8601 en UTC, p. ej. 2024-04-02T15:04:05.000Z'],
  ['must be an ISO-8601 instant, e.g. 2025-12-31T23:59:59Z', 'debe ser un instante ISO-8601, p. ej. 2025-12-31T23:59:59Z'],
  ['must be an ISO-8601 instant with a zone, e.g. 2021-04-01T00:00:00Z', 'debe ser un instante ISO-8601 con zona horaria, p. ej. 2021-04-01T00:00:00Z'],
  [
    'must be an instant from year 0001 to 9999 with a zone offset of at most ±15:59',
    'debe ser un instante del año 0001 al 9999 con un desfase horario de ±15:59 como máximo',
  ],
  [/^must be a period: .*$/, 'debe ser un período: AAAA (anual), AAAA-S1..S2, AAAA-T1..T3, AAAA-Q1..Q4, AAAA-B1..B6 o AAAA-M01..M12, p. ej. "2023-Q2"'],
  ['must be a non-negative decimal written as a string, e.g. "12.5"', 'debe ser un decimal no negativo escrito como texto, p. ej. "12.5"'],
  ['must be left out when noData is true', 'debe omitirse cuando noData es true'],
  ['must be greater than zero, e.g. "100" for a percent or "1"', 'debe ser mayor que cero, p. ej. "100" para un porcentaje o "1"'],
  ['must be a symbol, with no digits, spaces, "." or ","', 'debe ser un símbolo, sin dígitos, espacios, "." ni ","'],
  ['the decimal and thousands separators must differ', 'los separadores decimal y de miles deben ser distintos'],
  ['is required with noData: say why there is no data', 'es obligatorio con noData: diga por qué no hay datos'],
  ['is required: the result of the period, or noData: true with a reason', 'es obligatorio: el resultado del período, o noData: true con un motivo'],
];

function t(en: string, es: string): LocalizedText {
  return { en, es };
}

function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
