import { LABELS, type DocumentLanguage } from '@semaforo/documents';
import type { EvaluationStatus, IndicatorKind, Role } from '@semaforo/domain';

/** The words of the web pages; statuses and kinds come from the documents' own table, so a page and a CSV never disagree. */
export interface WebLabels {
  readonly appName: string;
  readonly skip: string;
  readonly nav: {
    readonly home: string;
    readonly overview: string;
    readonly entry: string;
    readonly audit: string;
    readonly signOff: string;
    readonly editions: string;
    readonly import: string;
  };
  readonly signedInAs: string;
  readonly role: Readonly<Record<Role, string>>;
  readonly institution: string;
  readonly signOut: string;
  readonly otherLanguage: string;
  readonly travel: {
    readonly now: string;
    readonly past: (instant: string) => string;
    readonly position: string;
    readonly pick: string;
    readonly go: string;
    readonly back: string;
    readonly utc: string;
  };
  readonly signIn: {
    readonly title: string;
    readonly intro: string;
    readonly token: string;
    readonly submit: string;
    readonly howTitle: string;
    readonly how: string;
    readonly rejected: string;
    readonly signedOut: string;
    readonly needSignIn: string;
  };
  readonly home: { readonly title: string; readonly plans: string; readonly none: string; readonly period: string };
  readonly overview: {
    readonly title: (plan: string, period: string) => string;
    readonly period: string;
    readonly perspective: string;
    readonly unit: string;
    readonly kind: string;
    readonly status: string;
    readonly all: string;
    readonly apply: string;
    readonly byPerspective: string;
    readonly byUnit: string;
    readonly planned: string;
    readonly evaluated: string;
    readonly share: string;
    readonly chart: string;
    readonly indicators: string;
    readonly code: string;
    readonly name: string;
    readonly target: string;
    readonly result: string;
    readonly compliance: string;
    readonly unjustified: string;
    readonly unjustifiedCount: (n: number) => string;
    readonly tree: string;
    readonly none: string;
    readonly digest: string;
  };
  readonly indicator: {
    readonly definition: string;
    readonly fields: Readonly<Record<'unit' | 'perspective' | 'kind' | 'measure' | 'periodicity' | 'polarity' | 'accumulation' | 'formula' | 'status', string>>;
    readonly chart: string;
    readonly chartNote: string;
    readonly revision: string;
    /** A result stored with plausibility warnings: the mark's text, then each rule it broke. */
    readonly plausibilityWarning: string;
    readonly warningRules: Readonly<Record<'minimum' | 'maximum' | 'ratioCheck' | 'zeroDenominator', string>>;
    readonly targets: string;
    readonly results: string;
    readonly justifications: string;
    readonly actions: string;
    readonly events: string;
    readonly period: string;
    readonly event: string;
    readonly before: string;
    readonly after: string;
    readonly who: string;
    readonly when: string;
    readonly why: string;
    readonly none: string;
    readonly version: string;
    readonly hash: string;
    readonly previousHash: string;
    readonly position: string;
    readonly data: string;
    readonly enterResults: string;
    readonly indicatorStatus: Readonly<Record<'active' | 'retired', string>>;
  };
  readonly entry: {
    readonly title: (unit: string, period: string) => string;
    readonly choose: string;
    readonly unit: string;
    readonly month: string;
    readonly open: string;
    readonly current: string;
    readonly value: string;
    readonly numerator: string;
    readonly denominator: string;
    readonly noData: string;
    readonly reason: string;
    readonly reasonHint: string;
    readonly justification: string;
    readonly action: string;
    readonly owner: string;
    readonly dueDate: string;
    readonly save: string;
    readonly saved: (n: number) => string;
    readonly nothing: string;
    readonly notDue: string;
    readonly critical: string;
    readonly conflict: string;
    readonly conflictChanges: string;
    readonly pastReadOnly: string;
    readonly errors: string;
    readonly signOff: string;
    readonly signOffStatus: string;
    readonly signOffStatuses: Readonly<Record<'open' | 'submitted' | 'approved' | 'returned', string>>;
    readonly comment: string;
    readonly submit: string;
    readonly submitted: string;
  };
  readonly audit: {
    readonly title: string;
    readonly unit: string;
    readonly indicator: string;
    readonly person: string;
    readonly from: string;
    readonly to: string;
    readonly filter: string;
    readonly csv: string;
    readonly next: string;
    readonly first: string;
    readonly when: string;
    readonly who: string;
    readonly what: string;
    readonly subject: string;
    readonly changes: string;
    readonly why: string;
    readonly none: string;
  };
  readonly board: {
    readonly title: (period: string) => string;
    readonly period: string;
    readonly show: string;
    readonly unit: string;
    readonly status: string;
    readonly who: string;
    readonly when: string;
    readonly comment: string;
    readonly approvedBy: string;
    readonly reopenedBy: string;
    readonly actions: string;
    readonly approve: string;
    readonly return: string;
    readonly unapprove: string;
    readonly reopen: string;
    readonly commentOptional: string;
    readonly commentRequired: string;
    readonly reasonRequired: string;
    readonly submitOnEntry: string;
    readonly done: Readonly<Record<'approval' | 'return' | 'unapproval' | 'reopening', string>>;
    readonly errors: Readonly<Record<string, string>>;
    readonly pastReadOnly: string;
  };
  readonly editions: {
    readonly title: (period: string) => string;
    readonly none: string;
    readonly number: string;
    readonly position: string;
    readonly digest: string;
    readonly publisher: string;
    readonly when: string;
    readonly reason: string;
    readonly unapproved: string;
    readonly asOfEdition: string;
    readonly publishTitle: string;
    readonly restateTitle: string;
    readonly reasonHint: string;
    readonly allowUnapproved: string;
    readonly publish: string;
    readonly published: (n: number) => string;
    readonly edition: (n: number) => string;
    readonly differenceTitle: string;
    readonly compareWith: string;
    readonly now: string;
    readonly indicator: string;
    readonly before: string;
    readonly after: string;
    readonly causes: string;
    readonly noDifference: string;
    readonly downloads: string;
    readonly report: string;
    readonly internal: string;
    readonly public: string;
    readonly workbooks: string;
    readonly template: string;
    readonly export: string;
    readonly errors: Readonly<Record<string, string>>;
  };
  readonly imports: {
    readonly title: string;
    readonly file: string;
    readonly hint: string;
    readonly dryRun: string;
    readonly chooseFile: string;
    readonly confirm: (file: string) => string;
    readonly job: (jobId: string) => string;
    readonly status: Readonly<Record<'dry-run' | 'applied' | 'partial' | 'refused', string>>;
    readonly rows: string;
    readonly created: string;
    readonly updated: string;
    readonly ignored: string;
    readonly refused: string;
    readonly conflicts: (n: number) => string;
    readonly sheet: string;
    readonly row: string;
    readonly column: string;
    readonly cell: string;
    readonly message: string;
    readonly rowsList: string;
    readonly effect: (period: string) => string;
    readonly noEffect: string;
  };
  readonly error: { readonly title: string; readonly code: string; readonly back: string };
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly status: Readonly<Record<EvaluationStatus, string>>;
  readonly kind: Readonly<Record<IndicatorKind, string>>;
}

const es: WebLabels = {
  appName: 'Semáforo',
  skip: 'Saltar al contenido',
  nav: {
    home: 'Planes',
    overview: 'Resumen',
    entry: 'Registro de resultados',
    audit: 'Auditoría',
    signOff: 'Aprobación',
    editions: 'Ediciones',
    import: 'Importar',
  },
  signedInAs: 'Sesión de',
  role: { admin: 'administración', planner: 'planificación', reporter: 'registro de resultados', auditor: 'auditoría', 'reporting-job': 'proceso de reportes' },
  institution: 'Institución',
  signOut: 'Cerrar sesión',
  otherLanguage: 'English',
  travel: {
    now: 'Mostrando el estado actual.',
    past: (instant) => `Mostrando el plan tal como se conocía el ${instant}.`,
    position: 'Posición del registro',
    pick: 'Ver como estaba el (UTC)',
    go: 'Viajar',
    back: 'Volver al presente',
    utc: 'Fechas y horas en UTC.',
  },
  signIn: {
    title: 'Iniciar sesión',
    intro:
      'Pegue el token que le entregó la administración de su institución. Se usa una sola vez: el navegador guarda una sesión cifrada que ningún script puede leer.',
    token: 'Token de acceso',
    submit: 'Entrar',
    howTitle: '¿No tiene token?',
    how: 'Un token lo emite quien administra su institución: en la API, POST /v1/access/tokens con su rol y sus unidades; el primer token de administración se obtiene con «pnpm -s admin -- bootstrap --institution <institución>».',
    rejected: 'El token no es válido, fue revocado o venció. Pida uno nuevo a la administración.',
    signedOut: 'Sesión cerrada.',
    needSignIn: 'Inicie sesión para ver esta página.',
  },
  home: { title: 'Planes de la institución', plans: 'Planes anuales de trabajo', none: 'No hay planes abiertos en estos años.', period: 'Período' },
  overview: {
    title: (plan, period) => `${plan}: evaluación ${period}`,
    period: 'Período',
    perspective: 'Perspectiva',
    unit: 'Unidad (con las de abajo)',
    kind: 'Tipo',
    status: 'Estado',
    all: 'Todos',
    apply: 'Filtrar',
    byPerspective: 'Semáforo por perspectiva',
    byUnit: 'Semáforo por unidad',
    planned: 'Planificados',
    evaluated: 'Evaluados',
    share: '%',
    chart: 'Gráfico',
    indicators: 'Indicadores por estado',
    code: 'Código',
    name: 'Indicador',
    target: 'Meta',
    result: 'Resultado',
    compliance: '% Cumplimiento',
    unjustified: 'Crítico sin justificación',
    unjustifiedCount: (n) => (n === 1 ? '1 indicador crítico sin justificación.' : `${n} indicadores críticos sin justificación.`),
    tree: 'Unidades',
    none: 'Ninguno',
    digest: 'Huella de la evaluación',
  },
  indicator: {
    definition: 'Definición',
    fields: {
      unit: 'Unidad',
      perspective: 'Perspectiva',
      kind: 'Tipo',
      measure: 'Medida',
      periodicity: 'Periodicidad',
      polarity: 'Polaridad',
      accumulation: 'Acumulación',
      formula: 'Fórmula',
      status: 'Estado',
    },
    chart: 'Meta y resultado por período',
    chartNote: 'Línea continua: meta; línea discontinua: resultado; rombo: una revisión o corrección.',
    revision: 'revisión',
    plausibilityWarning: 'Advertencia de plausibilidad',
    warningRules: {
      minimum: 'por debajo del mínimo',
      maximum: 'por encima del máximo',
      ratioCheck: 'numerador / denominador daría',
      zeroDenominator: 'denominador cero',
    },
    targets: 'Historial de metas',
    results: 'Historial de resultados',
    justifications: 'Justificaciones y acciones correctivas',
    actions: 'Acciones correctivas',
    events: 'Eventos del registro (para auditoría)',
    period: 'Período',
    event: 'Evento',
    before: 'Antes',
    after: 'Después',
    who: 'Quién',
    when: 'Cuándo',
    why: 'Motivo',
    none: 'Nada todavía.',
    version: 'Versión',
    hash: 'Hash',
    previousHash: 'Hash anterior',
    position: 'Posición',
    data: 'Datos',
    enterResults: 'Registrar resultados de esta unidad',
    indicatorStatus: { active: 'Vigente', retired: 'Retirado' },
  },
  entry: {
    title: (unit, period) => `Resultados de ${unit}, ${period}`,
    choose: 'Elija la unidad y el mes',
    unit: 'Unidad',
    month: 'Mes',
    open: 'Abrir formulario',
    current: 'Registrado',
    value: 'Resultado',
    numerator: 'Numerador',
    denominator: 'Denominador',
    noData: 'Sin dato',
    reason: 'Motivo',
    reasonHint: 'Obligatorio para corregir un resultado o para «sin dato».',
    justification: 'Justificación',
    action: 'Acción correctiva',
    owner: 'Responsable',
    dueDate: 'Fecha límite',
    save: 'Guardar',
    saved: (n) => (n === 1 ? 'Se guardó 1 cambio.' : `Se guardaron ${n} cambios.`),
    nothing: 'No había nada que guardar.',
    notDue: 'Ningún indicador de esta unidad tiene un período que termine este mes.',
    critical: 'Crítico: agregue una justificación con acciones correctivas.',
    conflict: 'Otra persona cambió este indicador mientras usted escribía; no se guardó nada de esta fila. Revise los cambios y vuelva a enviar.',
    conflictChanges: 'Lo que cambió',
    pastReadOnly: 'Está viendo el pasado: el formulario es de solo lectura. Vuelva al presente para registrar.',
    errors: 'Hay errores: revise los campos marcados.',
    signOff: 'Envío del período',
    signOffStatus: 'Estado del período de esta unidad',
    signOffStatuses: { open: 'Abierto', submitted: 'Enviado para aprobación', approved: 'Aprobado', returned: 'Devuelto' },
    comment: 'Comentario (opcional)',
    submit: 'Enviar el período para aprobación',
    submitted: 'El período se envió para aprobación.',
  },
  audit: {
    title: 'Auditoría',
    unit: 'Unidad (con las de abajo)',
    indicator: 'Indicador',
    person: 'Persona',
    from: 'Desde (UTC)',
    to: 'Hasta (UTC)',
    filter: 'Filtrar',
    csv: 'Descargar CSV',
    next: 'Página siguiente',
    first: 'Primera página',
    when: 'Cuándo',
    who: 'Quién',
    what: 'Qué',
    subject: 'Indicador / período',
    changes: 'Antes → después',
    why: 'Motivo',
    none: 'Ninguna entrada con estos filtros.',
  },
  board: {
    title: (period) => `Aprobación del período ${period}`,
    period: 'Período',
    show: 'Mostrar',
    unit: 'Unidad',
    status: 'Estado',
    who: 'Quién',
    when: 'Cuándo',
    comment: 'Comentario o motivo',
    approvedBy: 'Aprobado por',
    reopenedBy: 'Reabierto por',
    actions: 'Acciones',
    approve: 'Aprobar',
    return: 'Devolver',
    unapprove: 'Quitar la aprobación',
    reopen: 'Reabrir',
    commentOptional: 'Comentario (opcional)',
    commentRequired: 'Qué debe corregir (obligatorio)',
    reasonRequired: 'Motivo (obligatorio)',
    submitOnEntry: 'Enviar desde el registro de resultados',
    done: { approval: 'Período aprobado.', return: 'Período devuelto a la unidad.', unapproval: 'Aprobación quitada.', reopening: 'Período reabierto.' },
    errors: {
      CHILD_UNITS_NOT_APPROVED: 'No se puede aprobar: hay unidades dependientes sin aprobar en este período.',
      UNIT_PERIOD_NOT_SUBMITTED: 'No se puede aprobar ni devolver: la unidad aún no envió el período.',
      UNIT_PERIOD_APPROVED: 'El período está aprobado: quite primero la aprobación.',
      UNIT_PERIOD_NOT_APPROVED: 'El período no está aprobado.',
      PARENT_UNIT_APPROVED: 'No se puede: la unidad superior está aprobada para este período.',
      REASON_REQUIRED: 'Escriba el comentario o el motivo: es obligatorio para esta acción.',
      VALIDATION_FAILED: 'El texto no es válido (hasta 2000 caracteres).',
    },
    pastReadOnly: 'En el pasado no se aprueba ni se devuelve: vuelva al presente.',
  },
  editions: {
    title: (period) => `Ediciones del período ${period}`,
    none: 'Este período aún no se ha publicado.',
    number: 'Edición',
    position: 'Posición',
    digest: 'Huella (SHA-256)',
    publisher: 'Publicada por',
    when: 'Cuándo',
    reason: 'Motivo',
    unapproved: 'Unidades sin aprobar',
    asOfEdition: 'Ver como en esta edición',
    publishTitle: 'Publicar la evaluación',
    restateTitle: 'Publicar una nueva edición (reexpresión)',
    reasonHint: 'Motivo (obligatorio desde la segunda edición)',
    allowUnapproved: 'Publicar aunque haya unidades sin aprobar',
    publish: 'Publicar',
    published: (n) => `Edición ${n} publicada.`,
    edition: (n) => `Edición ${n}`,
    differenceTitle: 'Diferencia',
    compareWith: 'Comparar con',
    now: 'ahora',
    indicator: 'Indicador',
    before: 'Antes',
    after: 'Después',
    causes: 'Eventos que lo causaron',
    noDifference: 'Ningún indicador cambió.',
    downloads: 'Descargas',
    report: 'Informe',
    internal: 'interno',
    public: 'público',
    workbooks: 'Libros de cálculo',
    template: 'Plantilla de carga',
    export: 'Exportación del plan',
    errors: {
      UNAPPROVED_UNITS: 'Hay unidades sin aprobar en el período: marque «Publicar aunque haya unidades sin aprobar» para publicar igual.',
      EDITION_UNCHANGED: 'La última edición ya publica esta evaluación: no hay nada nuevo que publicar.',
      REASON_REQUIRED: 'Una nueva edición necesita el motivo.',
      VALIDATION_FAILED: 'El motivo no es válido (hasta 2000 caracteres).',
    },
  },
  imports: {
    title: 'Importar un archivo',
    file: 'Archivo CSV o XLSX (el de la plantilla del plan)',
    hint: 'Primero se prueba: nada se importa hasta que confirme.',
    dryRun: 'Probar sin importar',
    chooseFile: 'Elija un archivo .csv o .xlsx.',
    confirm: (file) => `Importar ${file}`,
    job: (jobId) => `El archivo es grande: se importa como un proceso (${jobId}).`,
    status: {
      'dry-run': 'Prueba: nada se importó todavía',
      applied: 'Importado',
      partial: 'Importado en parte',
      refused: 'No se importó nada: hay conflictos',
    },
    rows: 'Filas',
    created: 'Nuevas',
    updated: 'Cambiadas',
    ignored: 'Sin cambio',
    refused: 'Rechazadas',
    conflicts: (n) => `Conflictos: ${n}`,
    sheet: 'Hoja',
    row: 'Fila',
    column: 'Columna',
    cell: 'Celda',
    message: 'Problema',
    rowsList: 'filas',
    effect: (period) => `Efecto en la evaluación (hasta ${period})`,
    noEffect: 'Ningún indicador cambia de estado.',
  },
  error: { title: 'No se pudo mostrar la página', code: 'Código', back: 'Volver al inicio' },
  fieldErrors: {
    value: 'Escriba un número decimal no negativo, con punto: por ejemplo 12 o 12.5.',
    numerator: 'Escriba un número decimal no negativo, con punto.',
    denominator: 'Escriba un número decimal no negativo, con punto.',
    reason: 'Escriba el motivo (hasta 2000 caracteres).',
    text: 'Escriba la justificación.',
    action: 'Escriba la acción correctiva.',
    owner: 'Escriba quién es responsable.',
    dueDate: 'Escriba una fecha válida (AAAA-MM-DD).',
    noData: 'Con «sin dato» deje vacíos resultado, numerador y denominador.',
    REASON_REQUIRED: 'Cambiar un resultado ya registrado es una corrección: escriba el motivo.',
    INCOMPLETE_RATIO: 'Escriba numerador y denominador, o ninguno de los dos.',
    INDICATOR_RETIRED: 'El indicador fue retirado: ya no recibe resultados.',
    PERIOD_NOT_OF_PERIODICITY: 'El período no corresponde a la periodicidad del indicador.',
    PERIOD_OUTSIDE_PLAN_YEAR: 'El período está fuera del año del plan.',
    MALFORMED_DECIMAL: 'Escriba un número decimal no negativo, con punto.',
    OUTSIDE_ASSIGNED_UNITS: 'Este indicador no es de sus unidades.',
    PERIOD_LOCKED: 'El período de esta unidad fue enviado o aprobado: está cerrado a cambios hasta que se devuelva o reabra.',
    DATA_ENTRY_CLOSED: 'La ventana de registro de este período está cerrada.',
  },
  status: LABELS.es.status,
  kind: { result: LABELS.es.kind.result, production: LABELS.es.kind.production },
};

const en: WebLabels = {
  appName: 'Semáforo',
  skip: 'Skip to content',
  nav: { home: 'Plans', overview: 'Overview', entry: 'Data entry', audit: 'Audit', signOff: 'Sign-off', editions: 'Editions', import: 'Import' },
  signedInAs: 'Signed in as',
  role: { admin: 'admin', planner: 'planner', reporter: 'reporter', auditor: 'auditor', 'reporting-job': 'reporting job' },
  institution: 'Institution',
  signOut: 'Sign out',
  otherLanguage: 'Español',
  travel: {
    now: 'Showing the present state.',
    past: (instant) => `Showing the plan as it was known at ${instant}.`,
    position: 'Log position',
    pick: 'Show as of (UTC)',
    go: 'Travel',
    back: 'Back to the present',
    utc: 'Dates and times in UTC.',
  },
  signIn: {
    title: 'Sign in',
    intro: "Paste the token your institution's admin gave you. It is used once: the browser keeps an encrypted session that no script can read.",
    token: 'Access token',
    submit: 'Sign in',
    howTitle: 'No token?',
    how: 'An admin of your institution issues one: in the API, POST /v1/access/tokens with your role and units; the first admin token comes from "pnpm -s admin -- bootstrap --institution <institution>".',
    rejected: 'The token is not valid, was revoked or has expired. Ask an admin for a new one.',
    signedOut: 'Signed out.',
    needSignIn: 'Sign in to see this page.',
  },
  home: { title: "The institution's plans", plans: 'Annual work plans', none: 'No plan is open in these years.', period: 'Period' },
  overview: {
    title: (plan, period) => `${plan}: evaluation ${period}`,
    period: 'Period',
    perspective: 'Perspective',
    unit: 'Unit (and those below)',
    kind: 'Kind',
    status: 'Status',
    all: 'All',
    apply: 'Filter',
    byPerspective: 'Traffic light by perspective',
    byUnit: 'Traffic light by unit',
    planned: 'Planned',
    evaluated: 'Evaluated',
    share: '%',
    chart: 'Chart',
    indicators: 'Indicators by status',
    code: 'Code',
    name: 'Indicator',
    target: 'Target',
    result: 'Result',
    compliance: '% Compliance',
    unjustified: 'Critical without justification',
    unjustifiedCount: (n) => (n === 1 ? '1 critical indicator without justification.' : `${n} critical indicators without justification.`),
    tree: 'Units',
    none: 'None',
    digest: 'Evaluation digest',
  },
  indicator: {
    definition: 'Definition',
    fields: {
      unit: 'Unit',
      perspective: 'Perspective',
      kind: 'Kind',
      measure: 'Measure',
      periodicity: 'Periodicity',
      polarity: 'Polarity',
      accumulation: 'Accumulation',
      formula: 'Formula',
      status: 'Status',
    },
    chart: 'Target and result per period',
    chartNote: 'Solid line: target; dashed line: result; diamond: a revision or correction.',
    revision: 'revision',
    plausibilityWarning: 'Plausibility warning',
    warningRules: {
      minimum: 'below the minimum',
      maximum: 'above the maximum',
      ratioCheck: 'numerator / denominator makes',
      zeroDenominator: 'zero denominator',
    },
    targets: 'Target history',
    results: 'Result history',
    justifications: 'Justifications and corrective actions',
    actions: 'Corrective actions',
    events: 'Log events (for auditors)',
    period: 'Period',
    event: 'Event',
    before: 'Before',
    after: 'After',
    who: 'Who',
    when: 'When',
    why: 'Reason',
    none: 'Nothing yet.',
    version: 'Version',
    hash: 'Hash',
    previousHash: 'Previous hash',
    position: 'Position',
    data: 'Data',
    enterResults: "Enter this unit's results",
    indicatorStatus: { active: 'Active', retired: 'Retired' },
  },
  entry: {
    title: (unit, period) => `Results of ${unit}, ${period}`,
    choose: 'Choose the unit and the month',
    unit: 'Unit',
    month: 'Month',
    open: 'Open the form',
    current: 'Recorded',
    value: 'Result',
    numerator: 'Numerator',
    denominator: 'Denominator',
    noData: 'No data',
    reason: 'Reason',
    reasonHint: 'Required to correct a result, and with "no data".',
    justification: 'Justification',
    action: 'Corrective action',
    owner: 'Owner',
    dueDate: 'Due date',
    save: 'Save',
    saved: (n) => (n === 1 ? '1 change saved.' : `${n} changes saved.`),
    nothing: 'There was nothing to save.',
    notDue: 'No indicator of this unit has a period ending this month.',
    critical: 'Critical: add a justification with corrective actions.',
    conflict: 'Someone else changed this indicator while you were typing; nothing of this row was saved. Look at what changed and send again.',
    conflictChanges: 'What changed',
    pastReadOnly: 'You are looking at the past: the form is read-only. Go back to the present to enter results.',
    errors: 'There are errors: check the marked fields.',
    signOff: 'Submitting the period',
    signOffStatus: "This unit's period",
    signOffStatuses: { open: 'Open', submitted: 'Submitted for approval', approved: 'Approved', returned: 'Returned' },
    comment: 'Comment (optional)',
    submit: 'Submit the period for approval',
    submitted: 'The period was submitted for approval.',
  },
  audit: {
    title: 'Audit',
    unit: 'Unit (and those below)',
    indicator: 'Indicator',
    person: 'Person',
    from: 'From (UTC)',
    to: 'To (UTC)',
    filter: 'Filter',
    csv: 'Download CSV',
    next: 'Next page',
    first: 'First page',
    when: 'When',
    who: 'Who',
    what: 'What',
    subject: 'Indicator / period',
    changes: 'Before → after',
    why: 'Reason',
    none: 'No entry matches these filters.',
  },
  board: {
    title: (period) => `Sign-off of ${period}`,
    period: 'Period',
    show: 'Show',
    unit: 'Unit',
    status: 'Status',
    who: 'Who',
    when: 'When',
    comment: 'Comment or reason',
    approvedBy: 'Approved by',
    reopenedBy: 'Reopened by',
    actions: 'Actions',
    approve: 'Approve',
    return: 'Return',
    unapprove: 'Unapprove',
    reopen: 'Reopen',
    commentOptional: 'Comment (optional)',
    commentRequired: 'What to fix (required)',
    reasonRequired: 'Reason (required)',
    submitOnEntry: 'Submit from data entry',
    done: { approval: 'Period approved.', return: 'Period returned to the unit.', unapproval: 'Approval withdrawn.', reopening: 'Period reopened.' },
    errors: {
      CHILD_UNITS_NOT_APPROVED: 'Cannot approve: units below this one are not approved for the period.',
      UNIT_PERIOD_NOT_SUBMITTED: 'Cannot approve or return: the unit has not submitted the period.',
      UNIT_PERIOD_APPROVED: 'The period is approved: unapprove it first.',
      UNIT_PERIOD_NOT_APPROVED: 'The period is not approved.',
      PARENT_UNIT_APPROVED: 'Not possible: the unit above is approved for this period.',
      REASON_REQUIRED: 'Write the comment or reason: this action requires it.',
      VALIDATION_FAILED: 'The text is not valid (up to 2000 characters).',
    },
    pastReadOnly: 'Nothing is approved or returned in the past: go back to the present.',
  },
  editions: {
    title: (period) => `Editions of ${period}`,
    none: 'This period has not been published yet.',
    number: 'Edition',
    position: 'Position',
    digest: 'Digest (SHA-256)',
    publisher: 'Published by',
    when: 'When',
    reason: 'Reason',
    unapproved: 'Unapproved units',
    asOfEdition: 'As of this edition',
    publishTitle: 'Publish the evaluation',
    restateTitle: 'Publish a new edition (restatement)',
    reasonHint: 'Reason (required from the second edition on)',
    allowUnapproved: 'Publish although some units are not approved',
    publish: 'Publish',
    published: (n) => `Edition ${n} published.`,
    edition: (n) => `Edition ${n}`,
    differenceTitle: 'Difference',
    compareWith: 'Compare with',
    now: 'now',
    indicator: 'Indicator',
    before: 'Before',
    after: 'After',
    causes: 'Events that caused it',
    noDifference: 'No indicator changed.',
    downloads: 'Downloads',
    report: 'Report',
    internal: 'internal',
    public: 'public',
    workbooks: 'Workbooks',
    template: 'Import template',
    export: 'Plan export',
    errors: {
      UNAPPROVED_UNITS: 'Some units are not approved for the period: tick "Publish although some units are not approved" to publish anyway.',
      EDITION_UNCHANGED: 'The latest edition already publishes this evaluation: nothing new to publish.',
      REASON_REQUIRED: 'A new edition needs a reason.',
      VALIDATION_FAILED: 'The reason is not valid (up to 2000 characters).',
    },
  },
  imports: {
    title: 'Import a file',
    file: "CSV or XLSX file (the plan's template)",
    hint: 'It is tried first: nothing is imported until you confirm.',
    dryRun: 'Try without importing',
    chooseFile: 'Choose a .csv or .xlsx file.',
    confirm: (file) => `Import ${file}`,
    job: (jobId) => `The file is large: it is imported as a job (${jobId}).`,
    status: { 'dry-run': 'Dry run: nothing imported yet', applied: 'Imported', partial: 'Partly imported', refused: 'Nothing imported: there are conflicts' },
    rows: 'Rows',
    created: 'New',
    updated: 'Changed',
    ignored: 'Unchanged',
    refused: 'Refused',
    conflicts: (n) => `Conflicts: ${n}`,
    sheet: 'Sheet',
    row: 'Row',
    column: 'Column',
    cell: 'Cell',
    message: 'Problem',
    rowsList: 'rows',
    effect: (period) => `Effect on the evaluation (through ${period})`,
    noEffect: 'No indicator changes status.',
  },
  error: { title: 'The page could not be shown', code: 'Code', back: 'Back to the start' },
  fieldErrors: {
    value: 'Write a non-negative decimal number with a point: e.g. 12 or 12.5.',
    numerator: 'Write a non-negative decimal number with a point.',
    denominator: 'Write a non-negative decimal number with a point.',
    reason: 'Write the reason (up to 2000 characters).',
    text: 'Write the justification.',
    action: 'Write the corrective action.',
    owner: 'Write who is responsible.',
    dueDate: 'Write a valid date (YYYY-MM-DD).',
    noData: 'With "no data" leave result, numerator and denominator empty.',
    REASON_REQUIRED: 'Changing a recorded result is a correction: write the reason.',
    INCOMPLETE_RATIO: 'Write both numerator and denominator, or neither.',
    INDICATOR_RETIRED: 'The indicator was retired: it takes no more results.',
    PERIOD_NOT_OF_PERIODICITY: "The period is not of the indicator's periodicity.",
    PERIOD_OUTSIDE_PLAN_YEAR: "The period is outside the plan's year.",
    MALFORMED_DECIMAL: 'Write a non-negative decimal number with a point.',
    OUTSIDE_ASSIGNED_UNITS: 'This indicator is not of your units.',
    PERIOD_LOCKED: "This unit's period was submitted or approved: it is closed to changes until it is returned or reopened.",
    DATA_ENTRY_CLOSED: "This period's data-entry window is closed.",
  },
  status: LABELS.en.status,
  kind: { result: LABELS.en.kind.result, production: LABELS.en.kind.production },
};

export const WEB_LABELS: Readonly<Record<DocumentLanguage, WebLabels>> = { es, en };

/** An icon per status, so the light never depends on colour alone (read by screen readers as the word beside it). */
export const STATUS_ICONS: Readonly<Record<EvaluationStatus, string>> = {
  good: '✔',
  regular: '▲',
  critical: '✖',
  'not-reported': '?',
  'not-due': '–',
};

/** An event type as a reader names it (the documents' table), else as it is. */
export const eventName = (lang: 'es' | 'en', type: string): string => LABELS[lang].events[type] ?? type;
