import { PassThrough, Writable, type Readable } from 'node:stream';
import { transactionFrame, type TransactionMarks } from './own-transaction.js';
import type { CommandResult, RunCommand, RunCommandOptions } from './run-command.js';

/** A command's stdin made of fixed lines around another command's stdout. */
export interface PipedStdin {
  /** The consumer's stdin. */
  stream: Readable;
  /**
   * The producer's result, once it has exited and the script is ended (never rejects);
   * `refused` says why `after` was not sent although the producer exited 0.
   */
  produced: Promise<CommandResult & { refused?: string }>;
  /** Stops the producer (the consumer stopped reading). */
  stop(): void;
}

/**
 * The script `before`, then `from`'s stdout as it comes, then `after` only when `from` exited 0.
 * `from` failing (a cut or damaged archive, a timeout, a cancel) ends the script without `after`:
 * for psql reading pg_restore's script in a transaction, the COMMIT is never sent, psql reaches
 * the end of its input inside the open transaction and the server rolls it back when psql
 * disconnects, so nothing of a partial restore is committed. No file holds the script, and the
 * two processes run side by side. With `ownTransaction`, `from` writes a script in a transaction
 * of its own whose BEGIN and COMMIT lines are taken out (own-transaction.ts), so `before` and
 * `after` bracket all of it; a script without them where expected is refused (no `after`).
 */
export function pipeStdin(
  run: RunCommand,
  spec: { from: string[]; before: string[]; after: string[]; ownTransaction?: TransactionMarks },
  options: Pick<RunCommandOptions, 'env' | 'cwd' | 'timeoutMs' | 'signal'>,
): PipedStdin {
  const script = new PassThrough({ highWaterMark: 1024 * 1024 });
  script.write(`${spec.before.join('\n')}\n`);
  const frame = spec.ownTransaction ? transactionFrame(spec.ownTransaction) : undefined;
  // The producer's stdout flows into the script without ending it: `after` follows.
  const sink = new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _encoding, done) {
      let flowing = true;
      for (const piece of frame ? frame.push(chunk) : [chunk])
        if (piece.length) flowing = script.write(piece);
      if (flowing) done();
      else script.once('drain', () => done());
    },
  });
  const stopping = new AbortController();
  options.signal?.addEventListener('abort', () => stopping.abort(), { once: true });
  const produced = run(spec.from, {
    env: options.env,
    cwd: options.cwd,
    timeoutMs: options.timeoutMs,
    signal: stopping.signal,
    stdout: sink,
  }).then((result): CommandResult & { refused?: string } => {
    if (result.exitCode !== 0 || result.aborted || result.timedOut) {
      script.end();
      return result;
    }
    const framed = frame?.end();
    if (framed && 'refused' in framed) {
      script.end();
      return { ...result, refused: framed.refused };
    }
    if (framed) script.write(framed.rest);
    script.end(`\n${spec.after.join('\n')}\n`);
    return result;
  });
  return { stream: script, produced, stop: () => stopping.abort() };
}
