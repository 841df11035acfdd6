import type { Role } from '@semaforo/domain';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { operatorMetadata } from '../auth/bootstrap.js';

export interface TestToken {
  /** The bearer token itself. */
  readonly token: string;
  readonly tokenId: string;
  /** `{ authorization: 'Bearer …' }`, to spread into `inject`'s headers. */
  readonly headers: { readonly authorization: string };
}

/**
 * A token of `institution` in `role` (a reporter needs `units`), issued
 * straight through the app's access directory, as the bootstrap CLI does:
 * tests of other routes get a real token without going through the token
 * routes.
 */
export async function tokenFor(
  app: FastifyInstance,
  institution: string,
  role: Role,
  options: { readonly units?: readonly string[]; readonly label?: string; readonly expiresAt?: string } = {},
): Promise<TestToken> {
  const issued = await app.access.issue(
    {
      institutionId: institution,
      role,
      label: options.label ?? `${role} of ${institution} (test)`,
      ...(options.units === undefined ? {} : { units: options.units }),
      ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
    },
    operatorMetadata(app.access.now(), 'test-setup'),
  );
  return { token: issued.token, tokenId: issued.record.tokenId, headers: { authorization: `Bearer ${issued.token}` } };
}

/** The headers of a new admin token of `institution`. */
export async function withAdminToken(app: FastifyInstance, institution: string): Promise<{ readonly authorization: string }> {
  return (await tokenFor(app, institution, 'admin')).headers;
}

/**
 * Makes every `app.inject(options)` of a test act as an admin of whichever
 * institution the request names (its `/v1/plans/<institution>-<year>` URL,
 * or the `institutionId` of its body; else of `test`), with a token issued
 * on first use, unless the request sends its own `authorization`: for route
 * tests that are not about who may call the route. Only the promise form
 * (`inject(options)`) is covered.
 */
export function injectAsAdminOfEachInstitution(app: FastifyInstance): void {
  const inject = app.inject.bind(app);
  const tokens = new Map<string, Promise<TestToken>>();
  const adminOf = (institution: string): Promise<TestToken> => {
    let token = tokens.get(institution);
    if (token === undefined) {
      token = tokenFor(app, institution, 'admin');
      tokens.set(institution, token);
    }
    return token;
  };
  const withToken = async (options: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const request: InjectOptions = typeof options === 'string' ? { url: options } : options;
    // A request naming no institution (a malformed plan id, say) is checked before any institution matters.
    const institution = institutionNamedBy(request) ?? 'test';
    const { headers } = await adminOf(institution);
    return inject({ ...request, headers: { ...headers, ...request.headers } });
  };
  Object.assign(app, { inject: withToken });
}

function institutionNamedBy(request: InjectOptions): string | undefined {
  const url = typeof request.url === 'string' ? request.url : undefined;
  const fromUrl = url === undefined ? undefined : /^\/v1\/plans\/([a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?)-\d{4}(?:[/?]|$)/.exec(url)?.[1];
  if (fromUrl !== undefined) return fromUrl;
  const payload = request.payload;
  if (typeof payload === 'object' && payload !== null && !Buffer.isBuffer(payload)) {
    const institutionId = (payload as Record<string, unknown>)['institutionId'];
    if (typeof institutionId === 'string' && /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/.test(institutionId)) return institutionId;
  }
  return undefined;
}
