import { nodeCrypto, nodeZlib } from '@promote/core/builtins';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { BackupFormat } from './presets/index.js';
import type { RunCommand } from './run-command.js';

export interface BackupVerification {
  ok: boolean;
  sizeBytes: number;
  sha256: string;
  /** What was checked, each passed check one line (for the summary and manifest). */
  checks: string[];
  /** Why it was rejected (first failing check). */
  reason?: string;
}

export interface VerifyBackupInput {
  path: string;
  format: BackupFormat;
  minBytes: number;
  trailer?: string;
  run: RunCommand;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export async function sha256File(path: string): Promise<string> {
  const hash = nodeCrypto().createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Decompress the whole file (gzip -t) and keep the last bytes of text for the trailer check. */
async function gunzipTail(path: string): Promise<string> {
  let tail = '';
  for await (const chunk of createReadStream(path).pipe(nodeZlib().createGunzip())) {
    tail = (tail + (chunk as Buffer).toString('utf8')).slice(-4096);
  }
  return tail;
}

async function textTail(path: string, size: number): Promise<string> {
  let tail = '';
  for await (const chunk of createReadStream(path, { start: Math.max(0, size - 4096) }))
    tail += (chunk as Buffer).toString('utf8');
  return tail;
}

/** Why a backup below min-backup-bytes is refused. */
export const tooSmall = (size: number, minBytes: number) =>
  `backup is ${size} bytes, below min-backup-bytes (${minBytes}): an empty or truncated dump is not a backup`;

/** `pg_restore --list`: the archive's header and table of contents read (they come first). */
export async function listArchive(input: {
  path: string;
  run: RunCommand;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}): Promise<{ problem?: string; check?: string }> {
  const list = await input.run(['pg_restore', '--list', input.path], {
    env: input.env,
    timeoutMs: input.timeoutMs,
  });
  const entries = /TOC Entries: (\d+)/.exec(list.stdout)?.[1];
  if (list.exitCode !== 0 || !entries) {
    return {
      problem: `pg_restore --list cannot read the archive: ${list.output.trim().slice(-300)}`,
    };
  }
  return { check: `pg_restore --list: ${entries} TOC entries` };
}

/**
 * No verified backup, no migration. Backups have failed silently: a pipe hid pg_dump's exit
 * code, a 20-byte file was accepted, a truncated custom dump still lists its TOC (the TOC is at
 * the start), so for pg custom format the whole archive is read back, not only --list.
 */
export async function verifyBackup(input: VerifyBackupInput): Promise<BackupVerification> {
  const checks: string[] = [];
  const reject = (reason: string, sizeBytes = 0, sha256 = ''): BackupVerification => ({
    ok: false,
    sizeBytes,
    sha256,
    checks,
    reason,
  });
  let size: number;
  try {
    const s = await stat(input.path);
    if (!s.isFile()) return reject(`${input.path} is not a file`);
    size = s.size;
  } catch {
    return reject(
      `backup file ${input.path} does not exist (the backup command exited 0 without writing it)`,
    );
  }
  if (size < input.minBytes) return reject(tooSmall(size, input.minBytes), size);
  checks.push(`size ${size} bytes >= ${input.minBytes}`);
  // Hash while the format check reads the file (two cores, two readers).
  const hashing = sha256File(input.path);
  const problem = await checkFormat(input, size, checks);
  const sha256 = await hashing;
  if (problem) return reject(problem, size, sha256);
  checks.splice(1, 0, `sha256 ${sha256}`);
  return { ok: true, sizeBytes: size, sha256, checks };
}

/** The format's integrity check; returns why the backup is rejected, or undefined. */
async function checkFormat(
  input: VerifyBackupInput,
  size: number,
  checks: string[],
): Promise<string | undefined> {
  switch (input.format) {
    case 'pg-custom': {
      const listed = await listArchive(input);
      if (listed.problem) return listed.problem;
      checks.push(listed.check!);
      const full = await input.run(['pg_restore', '-f', '/dev/null', input.path], {
        env: input.env,
        timeoutMs: input.timeoutMs,
      });
      if (full.exitCode !== 0) {
        return `reading the whole archive failed (truncated?): ${full.output.trim().slice(-300)}`;
      }
      checks.push('pg_restore read every data block');
      break;
    }
    case 'sqlite': {
      const r = await input.run(['sqlite3', '-readonly', input.path, 'PRAGMA integrity_check'], {
        env: input.env,
        timeoutMs: input.timeoutMs,
      });
      if (r.exitCode !== 0 || r.stdout.trim() !== 'ok') {
        return `PRAGMA integrity_check on the backup: ${r.output.trim().slice(-300) || 'not ok'}`;
      }
      checks.push('PRAGMA integrity_check: ok');
      break;
    }
    case 'gzip-sql': {
      let tail: string;
      try {
        tail = await gunzipTail(input.path);
      } catch (error) {
        return `gzip integrity (gzip -t) failed: ${(error as Error).message}`;
      }
      checks.push('gzip stream complete');
      if (input.trailer && !new RegExp(input.trailer).test(tail)) {
        return `the dump has no completion trailer (/${input.trailer}/): it was cut short`;
      }
      if (input.trailer) checks.push('completion trailer present');
      break;
    }
    case 'sql-text': {
      const tail = await textTail(input.path, size);
      if (input.trailer ? !new RegExp(input.trailer).test(tail) : !/;\s*$/.test(tail)) {
        return 'the SQL export does not end with a complete statement: it was cut short';
      }
      checks.push('SQL export ends with a complete statement');
      break;
    }
    case 'opaque':
      break;
  }
  return undefined;
}
