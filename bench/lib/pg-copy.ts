// COPY … FROM STDIN through a plain pg.Client, without pg-copy-streams (not a dependency):
// pg accepts any object with `submit` as a query and hands it the protocol messages. COPY text
// format is the fastest bulk path PostgreSQL has; building it ourselves also avoids pg's array
// serialisation, which cost ~180 µs per 1 kB run row in the unnest variant.
import type pg from 'pg';

type Cell = string | number | null;

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

const CHUNK_BYTES = 1 << 16;

/** Streams rows (already formatted as text, null for NULL) into `table` via COPY. */
export function copyRows(client: pg.Client, table: string, columns: readonly string[], rows: Cell[][]): Promise<void> {
  const payload = Buffer.from(rows.map(copyLine).join(''), 'utf8');
  const text = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  return new Promise((resolve, reject) => {
    const submittable = {
      submit(connection: CopyConnection) {
        connection.query(text);
      },
      handleCopyInResponse(connection: CopyConnection) {
        for (let offset = 0; offset < payload.length; offset += CHUNK_BYTES) {
          connection.sendCopyFromChunk(payload.subarray(offset, offset + CHUNK_BYTES));
        }
        connection.endCopyFrom();
      },
      // pg drops a query after its error message: no ReadyForQuery reaches it afterwards.
      handleError(error: Error) {
        reject(error);
      },
      handleReadyForQuery() {
        resolve();
      },
      handleCommandComplete() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    (client as unknown as { query(q: object): void }).query(submittable);
  });
}

function copyLine(row: Cell[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += '\t';
    const value = row[i];
    line += value === null ? '\\N' : typeof value === 'number' ? String(value) : escapeText(value);
  }
  return line + '\n';
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : value;
}
