import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExec } from '@promote/core/exec';
import { memoryLogger } from '@promote/core/logger';
import { REPO_ROOT } from '../../support/harness.js';
import { startStaticSite, type FixtureServer } from '../../support/http-fixtures.js';
import { runCommandCheck } from '../../../actions/prod-smoke-seal/src/command-check.js';
import { parseJUnit } from '../../../actions/prod-smoke-seal/src/junit.js';
import { plan } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'smoke');

let healthy: FixtureServer;
let broken: FixtureServer;
let out: string;
beforeAll(async () => {
  // No skipping on main: without the browser this suite fails and says how to fix it.
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium), as .ci/run does. Never use npx playwright install.`,
    );
  }
  healthy = await startStaticSite(join(fixtures, 'site-ok'));
  broken = await startStaticSite(join(fixtures, 'site-broken'));
  out = await mkdtemp(join(tmpdir(), 'smoke-pw-'));
});
afterAll(async () => {
  await healthy?.close();
  await broken?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

function playwrightCheck(name: string, baseUrl: string) {
  const junit = join(out, `${name}.xml`);
  const { plan: p, masker } = plan({
    'base-url': baseUrl,
    commands: [
      {
        name,
        run: [
          'npx',
          'playwright',
          'test',
          '--config',
          'playwright.config.mjs',
          '--grep',
          '@qa-readonly',
        ],
        cwd: join(fixtures, 'playwright'),
        junit,
        timeout: '3m',
        env: { PLAYWRIGHT_JUNIT_OUTPUT_FILE: junit, SMOKE_PW_OUTPUT_DIR: join(out, name) },
      },
    ],
  });
  const logger = memoryLogger();
  // Playwright refuses to run when it sees Jest's worker variable; a real job has none.
  const { JEST_WORKER_ID: _jest, ...env } = process.env;
  return runCommandCheck(p.commands[0]!, {
    exec: createExec({ logger, masker, env }),
    baseUrl: `${baseUrl}/`,
    workspace: REPO_ROOT,
    mask: masker.mask,
  });
}

describe('a command check runs a real read-only Playwright suite in Debian Chromium', () => {
  test('against a healthy page: green, with each JUnit case in the results', async () => {
    const result = await playwrightCheck('storefront-ok', healthy.url);
    expect(result.reason).toBe('2 of 2 passed');
    expect(result.ok).toBe(true);
    expect(result.cases?.map((c) => [c.name, c.ok])).toEqual([
      ['storefront.spec.ts › @qa-readonly home page shows a healthy status', true],
      ['storefront.spec.ts › @qa-readonly the cart page opens from the home page', true],
    ]);
    // The browser really loaded production's pages (BASE_URL reached the suite).
    expect(healthy.requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/', '/cart.html']),
    );
  });

  test('against a degraded page: red, naming the failing case and what it saw', async () => {
    const result = await playwrightCheck('storefront-broken', broken.url);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(
      /^1 of 2 failed: storefront\.spec\.ts › @qa-readonly home page shows a healthy status: /,
    );
    expect(result.cases?.filter((c) => !c.ok)).toHaveLength(1);
  });
});

describe('command checks without a browser', () => {
  test('a non-zero exit without a report is red with the last line of stderr', async () => {
    const { plan: p, masker } = plan({
      'base-url': 'https://prod.example',
      commands: [
        {
          name: 'script',
          run: [
            process.execPath,
            '-e',
            'console.error("BASE_URL=" + process.env.BASE_URL); process.exit(3)',
          ],
        },
      ],
    });
    const result = await runCommandCheck(p.commands[0]!, {
      exec: createExec({ logger: memoryLogger(), masker }),
      baseUrl: 'https://prod.example',
      workspace: REPO_ROOT,
      mask: masker.mask,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'exited with code 3: BASE_URL=https://prod.example',
    });
  });

  test('a command past its timeout is killed and red', async () => {
    const { plan: p, masker } = plan({
      'base-url': 'https://prod.example',
      commands: [
        {
          name: 'slow',
          run: [process.execPath, '-e', 'setTimeout(() => {}, 60000)'],
          timeout: '300ms',
        },
      ],
    });
    const result = await runCommandCheck(p.commands[0]!, {
      exec: createExec({ logger: memoryLogger(), masker }),
      baseUrl: 'https://prod.example',
      workspace: REPO_ROOT,
      mask: masker.mask,
    });
    expect(result).toMatchObject({ ok: false, reason: 'timed out after 300 ms and was killed' });
  });

  test('JUnit failures and errors fail a case; skipped ones do not', async () => {
    const xml = `<?xml version="1.0"?><testsuites><testsuite name="api">
      <testcase classname="api" name="lists products"/>
      <testcase classname="api" name="shows a product"><failure message="expected 200, got 500">stack</failure></testcase>
      <testcase classname="api" name="search"><error message="ECONNRESET"/></testcase>
      <testcase classname="api" name="admin"><skipped/></testcase>
    </testsuite></testsuites>`;
    const file = join(out, 'report.xml');
    await writeFile(file, xml);
    expect(parseJUnit(xml)).toEqual([
      { name: 'api › lists products', ok: true },
      { name: 'api › shows a product', ok: false, message: 'expected 200, got 500' },
      { name: 'api › search', ok: false, message: 'ECONNRESET' },
      { name: 'api › admin', ok: true, skipped: true },
    ]);
    const { plan: p, masker } = plan({
      'base-url': 'https://prod.example',
      commands: [{ name: 'api', run: [process.execPath, '-e', ''], junit: file }],
    });
    const result = await runCommandCheck(p.commands[0]!, {
      exec: createExec({ logger: memoryLogger(), masker }),
      baseUrl: 'https://prod.example',
      workspace: REPO_ROOT,
      mask: masker.mask,
    });
    expect(result.reason).toBe('2 of 4 failed: api › shows a product: expected 200, got 500');
  });
});
