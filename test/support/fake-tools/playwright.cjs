#!/usr/bin/env node
// Stand-in for the Playwright CLI (the real one downloads browsers; a test repository links it
// as node_modules/.bin/playwright through a file: devDependency): `playwright install
// [--with-deps] <browsers>` records what it was asked to install in $FAKE_PLAYWRIGHT_LOG (when
// set) and downloads nothing; `playwright test [--grep <tag>]` writes a passing JUnit report to
// $PLAYWRIGHT_JUNIT_OUTPUT_NAME or reports/playwright.xml. FAKE_PLAYWRIGHT=fail fails the suite.
const fs = require('node:fs');
const path = require('node:path');

const [cmd, ...rest] = process.argv.slice(2);
const log = process.env.FAKE_PLAYWRIGHT_LOG;
if (log) fs.appendFileSync(log, `${[cmd, ...rest].join(' ')}\n`);
if (cmd === 'install') {
  console.log(
    `Downloading ${rest.filter((a) => !a.startsWith('-')).join(', ')} (fake: nothing downloaded)`,
  );
  process.exit(0);
}
if (cmd === 'test') {
  const grep = rest[rest.indexOf('--grep') + 1] ?? '';
  const failed = process.env.FAKE_PLAYWRIGHT === 'fail';
  const out = process.env.PLAYWRIGHT_JUNIT_OUTPUT_NAME || path.join('reports', 'playwright.xml');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const failure = failed
    ? '<failure message="expected 200, got 500">Error: expected 200</failure>'
    : '';
  fs.writeFileSync(
    out,
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="1" failures="${failed ? 1 : 0}">\n<testsuite name="shop.spec.ts" tests="1" failures="${failed ? 1 : 0}">\n<testcase name="cart page ${grep}" classname="shop.spec.ts">${failure}</testcase>\n</testsuite>\n</testsuites>\n`,
  );
  console.log(failed ? '  1 failed' : '  1 passed (1.2s)');
  process.exit(failed ? 1 : 0);
}
console.error(`error: unknown command '${cmd}'`);
process.exit(1);
