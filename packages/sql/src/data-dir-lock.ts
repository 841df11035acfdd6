import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlUnavailableError } from './sql-errors.js';

/** The lock file's name inside a PGlite data directory. */
export const DATA_DIR_LOCK_FILE = '.semaforo.lock';

/**
 * Takes the data directory for this process, or throws `SqlUnavailableError`
 * (code `DATA_DIR_IN_USE`) naming the process that has it.
 *
 * PGlite is one PostgreSQL session in this process's memory, with no lock
 * of its own: a second process opening the same directory (the admin CLI
 * while the API runs, say) would silently corrupt it. So the directory
 * holds a file with the pid of its user. A file whose process is gone (a
 * crash, a kill -9) is taken over; one whose process lives is refused, even
 * in this very process (two PGlite instances on one directory corrupt it
 * just the same).
 *
 * Resolves with the function that gives the directory back.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, DATA_DIR_LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(path, 'wx');
      try {
        await file.writeFile(`${process.pid}\n`);
      } finally {
        await file.close();
      }
      return async () => {
        // Only our own lock: never remove one a later process took over.
        if ((await readPid(path)) === process.pid) await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = await readPid(path);
    if (holder !== undefined && isAlive(holder)) {
      throw new SqlUnavailableError(
        `the embedded database in ${dataDir} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ''}. ` +
          'PGlite serves one process at a time: stop that process (the API server?) and retry, or use DATABASE_URL (PostgreSQL), which many processes can share. ' +
          `If no such process runs, delete ${path}.`,
        { code: 'DATA_DIR_IN_USE' },
      );
    }
    // Left behind by a process that is gone.
    await unlink(path).catch(() => undefined);
  }
}

async function readPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
