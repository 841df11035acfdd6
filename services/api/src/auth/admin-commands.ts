import { parseArgs } from 'node:util';
import { institutionIdSchema } from '@semaforo/domain';
import { openEventStore, type EventStore } from '@semaforo/event-store';
import { ConfigError, loadConfig, type Config } from '@semaforo/runtime';
import { AdminAlreadyExistsError, bootstrapAdmin } from './bootstrap.js';

export interface AdminIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly repoRoot: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The store to use, left open (the running service's, for a forwarded command). Default: opened from `env`. */
  readonly store?: EventStore;
}

const USAGE = `Usage: pnpm admin -- <command> [options]

Commands:
  bootstrap --institution <id> [--label <text>] [--force]
      Issues the first admin token of an institution and prints it, once, on
      stdout. Refuses when the institution already has a working admin token
      (its admins issue more with POST /v1/access/tokens), unless --force
      (every admin token lost).

The store is the API's: DATABASE_URL, EVENTSTORE_URL or DATA_DIR, read as
the API reads them. With the embedded store (DATA_DIR, the default) and the
API running, the command runs inside the API (through its control socket in
the data folder), since only one process at a time may open that store.
`;

/** The admin CLI, as a function: argv (after the script), environment and output in, exit code out. */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  // `pnpm admin -- bootstrap …` passes its `--` along, once per pnpm level: drop them.
  const first = argv.findIndex((arg) => arg !== '--');
  const args = first === -1 ? [] : argv.slice(first);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        institution: { type: 'string' },
        label: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command !== 'bootstrap' || rest.length > 0) {
    io.stderr(`${command === undefined ? 'Which command?' : `Unknown command: ${[command, ...rest].join(' ')}`}\n\n${USAGE}`);
    return 2;
  }
  const institution = institutionIdSchema.safeParse(parsed.values.institution ?? '');
  if (!institution.success) {
    io.stderr(`--institution ${institution.error.issues[0]?.message ?? 'is required'} (got ${JSON.stringify(parsed.values.institution ?? '')})\n\n${USAGE}`);
    return 2;
  }

  let config: Config;
  try {
    config = loadConfig(io.env, { repoRoot: io.repoRoot });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }

  let store: EventStore;
  if (io.store !== undefined) store = io.store;
  else
    try {
      ({ store } = await openEventStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, eventStoreUrl: config.eventStoreUrl }));
    } catch (error) {
      io.stderr(`Cannot open the store (${describeStore(config)}): ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  try {
    const issued = await bootstrapAdmin(store, {
      institutionId: institution.data,
      ...(parsed.values.label === undefined ? {} : { label: parsed.values.label }),
      force: parsed.values.force,
    });
    io.stderr(
      `The admin token of ${institution.data} (token id ${issued.record.tokenId}) follows on stdout. ` +
        'It is shown this once and stored nowhere: keep it in a secret manager. ' +
        'Use it as `Authorization: Bearer <token>`; issue the other tokens with POST /v1/access/tokens.\n',
    );
    io.stdout(`${issued.token}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AdminAlreadyExistsError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    io.stderr(`Bootstrap failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    if (io.store === undefined) await store.close();
  }
}

/** Where the store is, for people: never a password. */
function describeStore(config: Config): string {
  if (config.databaseUrl !== undefined) {
    try {
      const url = new URL(config.databaseUrl);
      return `PostgreSQL at ${url.hostname}${url.port === '' ? '' : `:${url.port}`}${url.pathname}`;
    } catch {
      return 'PostgreSQL';
    }
  }
  return `the embedded database in ${config.dataDir}`;
}
