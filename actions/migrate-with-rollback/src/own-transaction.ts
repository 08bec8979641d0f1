/**
 * A script that opens and commits a transaction of its own, bracketed by another instead.
 *
 * pg_restore's script (`-f -`) is not one transaction: it wraps the data of large objects in a
 * BEGIN/COMMIT of its own, and psql replaying it inside the restore's transaction would commit
 * that transaction half-way (the schema drop, the tables restored so far) at the large objects'
 * COMMIT. With --single-transaction it writes one BEGIN after its header and one COMMIT before its
 * trailer, and nothing else that begins or ends a transaction (pg_backup_archiver.c,
 * RestoreArchive and StartRestoreLOs:
 * https://github.com/postgres/postgres/blob/REL_15_STABLE/src/bin/pg_dump/pg_backup_archiver.c).
 * The frame takes those two lines out as the bytes stream through, so the restore's own
 * transaction (piped-stdin's `before`) holds the whole script and its COMMIT (`after`) is sent
 * only once pg_restore exited 0.
 *
 * Only the header and the trailer are read as text: every byte between passes untouched, so a
 * COPY row or a function body that reads "COMMIT;" stays what it is.
 */
export interface TransactionMarks {
  /** The script's first statement line (after its header), e.g. `BEGIN;`. */
  begin: string;
  /** The script's last statement line (before its trailer), e.g. `COMMIT;`. */
  commit: string;
}

export interface TransactionFrame {
  /** Bytes that can go on to the consumer now, in order (the rest is held until more comes). */
  push(chunk: Buffer): Buffer[];
  /** The producer exited 0: the bytes held back, without the commit line; or why not. */
  end(): { rest: Buffer } | { refused: string };
}

// pg_restore's header: comments, blank lines and psql's `\restrict <key>` (PostgreSQL 13.22,
// 14.19, 15.14, 16.10, 17.6 and later); its trailer the same with `\unrestrict <key>`.
const HEADER_LINE = /^(--.*|\\restrict \S+|)$/;
const TRAILER_LINE = /^(--.*|\\unrestrict \S+|)$/;
/** More header than this without the begin line: not the script expected. */
const HEADER_LIMIT = 64 * 1024;
/** Bytes held back at the end, enough for the commit line and the trailer after it. */
const TAIL = 16 * 1024;

const lineText = (line: string) => line.replace(/\r$/, '');

export function transactionFrame(marks: TransactionMarks): TransactionFrame {
  let head: Buffer | undefined = Buffer.alloc(0);
  // The last bytes seen, held back as the chunks they came in (never copied): at least TAIL
  // bytes once there are that many, at most TAIL plus one chunk.
  const held: Buffer[] = [];
  let heldBytes = 0;
  let refused: string | undefined;

  /** Body bytes: every chunk goes on once TAIL bytes came after it. */
  const body = (chunk: Buffer): Buffer[] => {
    if (chunk.length === 0) return [];
    held.push(chunk);
    heldBytes += chunk.length;
    const out: Buffer[] = [];
    while (heldBytes - held[0]!.length >= TAIL) {
      const first = held.shift()!;
      heldBytes -= first.length;
      out.push(first);
    }
    return out;
  };

  /** Header bytes until the begin line: the header goes on, the begin line does not. */
  const header = (chunk: Buffer): Buffer[] => {
    head = Buffer.concat([head!, chunk]);
    let start = 0;
    for (let nl = head.indexOf(10); nl !== -1; nl = head.indexOf(10, start)) {
      const line = lineText(head.toString('latin1', start, nl));
      if (line === marks.begin) {
        const before = head.subarray(0, start);
        const after = head.subarray(nl + 1);
        head = undefined;
        return [before, ...body(after)];
      }
      if (!HEADER_LINE.test(line)) {
        refused = `its script did not open with ${JSON.stringify(marks.begin)} (its first statement is ${JSON.stringify(line.slice(0, 80))})`;
        return [];
      }
      start = nl + 1;
    }
    if (head.length > HEADER_LIMIT)
      refused = `its script did not open with ${JSON.stringify(marks.begin)} within ${HEADER_LIMIT} bytes`;
    return [];
  };

  return {
    push(chunk) {
      if (refused !== undefined) return [];
      return head ? header(chunk) : body(chunk);
    },
    end() {
      if (refused !== undefined) return { refused };
      if (head) return { refused: `its script did not open with ${JSON.stringify(marks.begin)}` };
      const tail = Buffer.concat(held);
      const lines = tail.toString('latin1').split('\n');
      // Back over the trailer to the commit line, which goes with its newline. Offsets are bytes
      // (latin1 reads one character a byte); `end` is where the line's text ends.
      let end = tail.length;
      for (let i = lines.length - 1; i >= 0; i--) {
        const start = end - lines[i]!.length;
        const line = lineText(lines[i]!);
        if (line === marks.commit)
          return { rest: Buffer.concat([tail.subarray(0, start), tail.subarray(end + 1)]) };
        if (!TRAILER_LINE.test(line)) break;
        end = start - 1;
      }
      return { refused: `its script did not end with ${JSON.stringify(marks.commit)}` };
    },
  };
}
