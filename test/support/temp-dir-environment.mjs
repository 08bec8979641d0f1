// Jest test environment: Node's, with a temp dir of its own for each test file, removed when the
// file ends (after its afterAll hooks). Tests, harnesses, emulators and the processes they start
// make their scratch dirs with mkdtemp(os.tmpdir()) (promote-run-*, cfg-*, event-*, ...); this
// points TMPDIR (which os.tmpdir() and every child process read) at the file's dir, so whatever a
// test forgets to remove, or a killed action leaves behind, goes with it. Caches meant to outlive
// a file (the emulator's) use PROMOTE_SHARED_TMPDIR, the temp dir outside.
// Plain ESM: Jest loads test environments outside its transform.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestEnvironment } from 'jest-environment-node';

export default class TempDirEnvironment extends TestEnvironment {
  constructor(config, context) {
    const shared = process.env.PROMOTE_SHARED_TMPDIR ?? tmpdir();
    const root = mkdtempSync(join(shared, 'promote-test-'));
    // Like /tmp: other users write here too (PostgreSQL runs as `postgres` when tests run as root).
    chmodSync(root, 0o1777);
    const saved = { TMPDIR: process.env.TMPDIR, shared: process.env.PROMOTE_SHARED_TMPDIR };
    // Before super(): it copies process.env into the test's `process`.
    process.env.TMPDIR = root;
    process.env.PROMOTE_SHARED_TMPDIR = shared;
    super(config, context);
    this.root = root;
    this.saved = saved;
  }

  async teardown() {
    await super.teardown();
    const restore = (name, value) => {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    };
    restore('TMPDIR', this.saved.TMPDIR);
    restore('PROMOTE_SHARED_TMPDIR', this.saved.shared);
    rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}
