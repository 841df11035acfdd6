import { jsonOf, send, type HttpAnswer, type HttpRequest } from './http.js';

/** Requests of one token holder against one API. */
export interface ApiClient {
  readonly baseUrl: string;
  send(request: HttpRequest): Promise<HttpAnswer>;
}

export function apiClient(baseUrl: string, token: string): ApiClient {
  return {
    baseUrl,
    send: (request) => send(baseUrl, { ...request, headers: { authorization: `Bearer ${token}`, ...request.headers } }),
  };
}

export interface PlanSetup {
  readonly planId: string;
  readonly indicators: readonly string[];
  /** Periods of the monthly indicators that tests write to. */
  readonly periods: readonly string[];
}

/**
 * A 2021 plan of `institutionId` with one unit and `indicators` monthly
 * indicators, written through the API (every answer must be a 201).
 */
export async function setUpPlan(client: ApiClient, institutionId: string, indicators: number): Promise<PlanSetup> {
  const planId = `${institutionId}-2021`;
  const created = async (request: HttpRequest): Promise<void> => {
    const answer = await client.send({ method: 'POST', ...request });
    if (answer.status !== 201) throw new Error(`setting up: POST ${request.path} answered ${answer.status} ${answer.text}`);
  };
  await created({
    path: '/v1/plans',
    body: { institutionId, fiscalYear: 2021, name: 'Plan Anual de Trabajo 2021', perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] },
  });
  await created({ path: `/v1/plans/${planId}/units`, body: { code: 'DSP', name: 'Departamento de Pensiones', areaClass: 'administrative' } });
  const codes: string[] = [];
  for (let i = 0; i < indicators; i += 1) {
    const code = `IND-${String(i + 1).padStart(2, '0')}`;
    codes.push(code);
    await created({
      path: `/v1/plans/${planId}/indicators`,
      body: {
        code,
        name: `Indicador ${i + 1}`,
        kind: 'production',
        perspective: 'usuarios',
        unit: 'DSP',
        measure: 'count',
        periodicity: 'monthly',
        polarity: 'higher-is-better',
        accumulation: 'sum',
        formula: 'Casos atendidos en el mes',
      },
    });
  }
  return { planId, indicators: codes, periods: ['2021-M01', '2021-M02', '2021-M03'] };
}

/** The write outcome every command answer carries. */
export interface WriteOutcome {
  readonly version: number;
  readonly appended: number;
  readonly position: string | null;
}

export function writeOutcomeOf(answer: HttpAnswer): WriteOutcome {
  return jsonOf<{ write: WriteOutcome }>(answer).write;
}
