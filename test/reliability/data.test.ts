// Quick tier of the data proof (data-runner.ts): every rollback path on real SQLite, and the
// PostgreSQL paths that differ most (QUICK_POSTGRES). full/data-matrix.test.ts runs the rest.
import { DATA_MATRIX, QUICK_POSTGRES, describeDataMatrix } from './data-runner.js';

describe('every rollback path ends with every table equal to the backup (quick)', () => {
  describeDataMatrix(
    DATA_MATRIX.filter(([engine, path]) => engine === 'sqlite' || QUICK_POSTGRES.includes(path)),
  );
});
