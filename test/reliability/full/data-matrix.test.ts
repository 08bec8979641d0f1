// Full tier of the data proof (data-runner.ts): the PostgreSQL rollback paths the quick tier
// (data.test.ts) leaves out, so the two tiers together run the whole matrix once.
import { DATA_MATRIX, QUICK_POSTGRES, describeDataMatrix } from '../data-runner.js';

describe('every rollback path ends with every table equal to the backup (full)', () => {
  describeDataMatrix(
    DATA_MATRIX.filter(([engine, path]) => engine === 'postgres' && !QUICK_POSTGRES.includes(path)),
  );
});
