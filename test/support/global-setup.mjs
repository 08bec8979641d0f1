// Jest globalSetup: before any test runs, name what the machine lacks and the one command that
// installs it, instead of failing minutes later with `spawnSync sqlite3 ENOENT`. Plain ESM:
// Jest loads globalSetup outside its module mapper, so the TypeScript check comes in via tsx.
import { join } from 'node:path';
import vm from 'node:vm';
import { tsImport } from 'tsx/esm/api';

// The tests are ES modules run by ts-jest in Node's vm modules, which exist only with
// --experimental-vm-modules; without it every file fails with "Must use import to load ES Module".
const ESM_HELP = `The tests are ES modules: Node needs --experimental-vm-modules, which npm test sets.
Run them with:
  npm test                      every test
  npm test -- <file>            one file, e.g. npm test -- test/core/config-errors.test.ts
or, with npx: NODE_OPTIONS=--experimental-vm-modules npx jest <file>`;

/** @param {{ testPathPatterns?: { isSet(): boolean } }} globalConfig */
export default async function checkPrerequisites(globalConfig) {
  if (typeof vm.SourceTextModule !== 'function') {
    process.stderr.write(`\n${ESM_HELP}\n\n`);
    process.exit(1);
  }
  const { describeMissing, missingForTests, systemLookup } = await tsImport(
    './prerequisites.ts',
    import.meta.url,
  );
  const missing = missingForTests(systemLookup(join(import.meta.dirname, '..', '..')));
  if (missing.length === 0) return;
  const message = describeMissing('npm test', missing, process.platform);
  if (!globalConfig.testPathPatterns?.isSet()) {
    process.stderr.write(`\n${message}\n\n`);
    process.exit(1);
  }
  // Some files only (`npm test -- <file>`): most need none of these; say so and let them run.
  process.stderr.write(
    `\n${message}\n(Running only the files asked for: a test that needs one of these will fail.)\n\n`,
  );
}
