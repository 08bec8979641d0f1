import { nodeCrypto } from '@promote/core/builtins';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CommandResult, RunCommand } from './run-command.js';
import { listArchive, tooSmall, type BackupVerification } from './verify-backup.js';

export interface StreamVerifierInput {
  minBytes: number;
  run: RunCommand;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** A pg custom-format archive verified while pg_dump writes it. */
export interface StreamVerifier {
  /** The sink for pg_dump's stdout: each chunk goes to the file, the hash and the reader at once. */
  open(path: string): Writable;
  /** Once the stream has ended: the verdict (never rejects). */
  result(): Promise<BackupVerification>;
}

/** Bytes buffered toward the file and the reader before pg_dump is made to wait. */
const HIGH_WATER = 1024 * 1024;

/**
 * Verification of a custom-format dump as it streams, instead of reading the file back after.
 *
 * What proves a custom-format archive whole: pg_dump writes the header and the table of contents
 * first, then one data block per TOC entry that has data, each a run of length-prefixed chunks
 * closed by a zero-length chunk. There is no end marker after the last block, and the TOC comes
 * first, so a cut archive still lists (`pg_restore --list`). `pg_restore` reading the archive
 * from stdin (no file: "If not specified, the standard input is used",
 * https://www.postgresql.org/docs/15/app-pgrestore.html) goes through every block in order,
 * decompressing each (zlib's check catches changed bytes: "could not uncompress data"), and
 * stops with "could not read from input file: end of file" inside a cut block or "could not find
 * block ID %d in archive" when a whole block is missing
 * (_PrintTocData / _ReadBuf in src/bin/pg_dump/pg_backup_custom.c,
 * https://github.com/postgres/postgres/blob/REL_15_STABLE/src/bin/pg_dump/pg_backup_custom.c).
 * Its exit code is the completeness check; the file gets the same bytes, so its size must equal
 * the stream's and its TOC is listed from disk.
 */
export function streamVerifier(input: StreamVerifierInput): StreamVerifier {
  let opened:
    | { path: string; sink: Writable; reading: Promise<CommandResult>; bytes: () => number }
    | undefined;
  const hash = nodeCrypto().createHash('sha256');
  return {
    open(path) {
      const file = createWriteStream(path, { highWaterMark: HIGH_WATER });
      const reader = new PassThrough({ highWaterMark: HIGH_WATER });
      const reading = input.run(['pg_restore', '-f', '/dev/null'], {
        env: input.env,
        timeoutMs: input.timeoutMs,
        stdin: reader,
      });
      let bytes = 0;
      const sink = new Writable({
        highWaterMark: HIGH_WATER,
        write(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          bytes += chunk.length;
          const waits: Promise<unknown>[] = [];
          if (!file.write(chunk)) waits.push(once(file, 'drain'));
          if (!reader.write(chunk)) waits.push(once(reader, 'drain'));
          if (waits.length === 0) done();
          else Promise.all(waits).then(() => done(), done);
        },
        final(done) {
          reader.end();
          file.end();
          finished(file).then(() => done(), done);
        },
      });
      // The file failing (disk full) fails the sink, so the backup command fails with it.
      file.on('error', (error) => {
        reader.end();
        sink.destroy(error);
      });
      sink.on('error', () => reader.end());
      opened = { path, sink, reading, bytes: () => bytes };
      return sink;
    },
    async result() {
      if (!opened) return reject('the backup command was not given the archive stream');
      const { path, sink, reading } = opened;
      const sinkError = await finished(sink).then(
        () => undefined,
        (error: Error) => error.message,
      );
      const read = await reading;
      const size = opened.bytes();
      if (sinkError) return reject(`writing ${path} failed: ${sinkError}`, size);
      const checks: string[] = [];
      if (size < input.minBytes) return reject(tooSmall(size, input.minBytes), size, checks);
      checks.push(`size ${size} bytes >= ${input.minBytes}`);
      const sha256 = hash.digest('hex');
      if (read.exitCode !== 0) {
        return reject(
          `reading the whole archive failed (truncated?): ${read.output.trim().slice(-300) || `exit ${read.exitCode ?? read.signal}`}`,
          size,
          checks,
          sha256,
        );
      }
      const onDisk = await stat(path).then(
        (s) => s.size,
        () => -1,
      );
      if (onDisk !== size) {
        return reject(
          `${path} holds ${onDisk} bytes but pg_dump wrote ${size}`,
          size,
          checks,
          sha256,
        );
      }
      checks.push(`sha256 ${sha256}`);
      const listed = await listArchive({
        path,
        run: input.run,
        env: input.env,
        timeoutMs: input.timeoutMs,
      });
      if (listed.problem) return reject(listed.problem, size, checks, sha256);
      checks.push(listed.check!);
      checks.push('pg_restore read every data block as pg_dump wrote it (streamed)');
      return { ok: true, sizeBytes: size, sha256, checks };
    },
  };
}

function reject(
  reason: string,
  sizeBytes = 0,
  checks: string[] = [],
  sha256 = '',
): BackupVerification {
  return { ok: false, sizeBytes, sha256, checks, reason };
}
