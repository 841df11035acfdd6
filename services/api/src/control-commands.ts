import type { Deployment } from '@semaforo/runtime';
import { runReporter } from '@semaforo/reporter';
import { createKysely } from '@semaforo/sql';
import type { ControlHandler } from '@semaforo/runtime';
import { runAdmin } from './auth/admin-commands.js';

/**
 * `pnpm admin` and `pnpm report` forwarded by the control socket (see
 * `serveControlSocket`): run here, on the store this process holds, which
 * the command must not close. The read model needs no catching up first:
 * this process's projector keeps it at the log's head.
 */
export function controlCommands(
  deployment: Deployment,
  options: { readonly env: Readonly<Record<string, string | undefined>>; readonly repoRoot: string },
): ControlHandler {
  const { store, readModels } = deployment;
  // The store may be a class instance (KurrentDB's): a proxy keeps its methods and their `this`.
  const borrowed = new Proxy(store, {
    get(target, property) {
      if (property === 'close') return async () => undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return async (request, output) => {
    if (request.tool === 'admin') return runAdmin(request.argv, { env: options.env, repoRoot: options.repoRoot, ...output, store: borrowed });
    return runReporter(request.argv, {
      env: options.env,
      cwd: request.cwd,
      ...output,
      openReadSide: async () => ({ store: borrowed, db: createKysely(readModels), close: async () => undefined }),
      openStore: async () => borrowed,
    });
  };
}
