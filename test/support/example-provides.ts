import { parse } from 'yaml';
import { mergeSettings } from '../../packages/core/src/config/resolve.js';

/**
 * What an example's promotion.yml names (env vars holding secrets, report files, tools) against
 * what its caller workflows and the reusable workflows they call actually provide. An example
 * that names something nobody provides fails only when copied into a real repository; this
 * check fails here instead. Pure: files in, problems out (each problem says what to fix).
 */

type Yaml = Record<string, any>;

export interface ExampleFiles {
  /** .github/promotion.yml text. */
  config: string;
  /** The example's .github/workflows/*.yml by file name. */
  workflows: Record<string, string>;
}

/** Promote's reusable workflows (.github/workflows/*.yml of this repository) by file name. */
export type Reusable = Record<string, string>;

/** Tools on a GitHub-hosted ubuntu-latest image that the examples rely on. */
export const HOSTED_TOOLS = new Set([
  'bash',
  'sh',
  'curl',
  'git',
  'jq',
  'node',
  'npm',
  'python3',
  'psql',
  'pg_dump',
  'pg_restore',
  'sqlite3',
]);

/** Tools the npm ci of the example's project puts on PATH (node_modules/.bin) when node-version is set. */
export const NODE_PROJECT_TOOLS = new Set(['npx', 'wrangler', 'playwright']);

/** Tools only the self-hosted runner on the host has. */
export const HOST_TOOLS = new Set(['bench']);

const PRESET_TOOLS: Record<string, string[]> = {
  d1: ['wrangler'],
  postgres: ['pg_dump', 'psql', 'pg_restore'],
  prisma: ['npx'],
  frappe: ['bench'],
  sqlite: ['sqlite3'],
};

/** Env vars a preset's tool reads without the config naming them. */
const PRESET_ENV: Record<string, string[]> = { d1: ['CLOUDFLARE_API_TOKEN'] };

interface Caller {
  file: string;
  job: string;
  uses: string;
  with: Yaml;
  secrets: 'inherit' | Yaml | undefined;
  needs: string[];
  doc: Yaml;
}

interface StepEnv {
  /** env var name -> the secret it comes from (undefined when not from secrets.X). */
  env: Map<string, string | undefined>;
  jobKey: string;
  job: Yaml;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const SECRET_REF = /^\$\{\{\s*secrets\.([A-Za-z0-9_-]+)\s*\}\}$/;

function callersOf(files: ExampleFiles): Caller[] {
  return Object.entries(files.workflows).flatMap(([file, text]) => {
    const doc = parse(text) as Yaml;
    return Object.entries((doc.jobs ?? {}) as Record<string, Yaml>)
      .filter(([, job]) => typeof job.uses === 'string')
      .map(([job, node]) => ({
        file,
        job,
        uses: node.uses as string,
        with: (node.with ?? {}) as Yaml,
        secrets: node.secrets as Caller['secrets'],
        needs: asArray(node.needs).map(String),
        doc,
      }));
  });
}

/** The steps of a reusable workflow that run `$/actions/<action>`, with the env each gets. */
function actionSteps(reusable: Reusable, workflow: string, action: string): StepEnv[] {
  const doc = parse(reusable[workflow] ?? '') as Yaml;
  const out: StepEnv[] = [];
  for (const [jobKey, job] of Object.entries((doc?.jobs ?? {}) as Record<string, Yaml>)) {
    for (const step of asArray(job.steps) as Yaml[]) {
      if (step.uses !== `$/actions/${action}`) continue;
      // migrate-with-rollback's mode guard only reads GitHub: it runs no tool and needs no secret.
      if ((step.with as Record<string, unknown> | undefined)?.mode === 'guard') continue;
      const env = new Map<string, string | undefined>();
      for (const [k, v] of Object.entries((step.env ?? {}) as Record<string, unknown>))
        env.set(k, SECRET_REF.exec(String(v))?.[1]);
      out.push({ env, jobKey, job });
    }
  }
  return out;
}

/** Env var names the workflow step running `deploy-command` gets. */
function deployStepEnv(reusable: Reusable): Set<string> {
  const doc = parse(reusable['on-merge.yml'] ?? '') as Yaml;
  const steps = asArray(doc?.jobs?.migrate?.steps) as Yaml[];
  const deploy = steps.find((s) => s.id === 'deploy');
  return new Set(Object.keys((deploy?.env ?? {}) as object));
}

function workflowName(uses: string): string | undefined {
  return /\/\.github\/workflows\/([^@/]+)@/.exec(uses)?.[1];
}

function triggerBranches(doc: Yaml, event: string): string[] | undefined {
  const on = doc.on ?? doc[true as unknown as string];
  const ev = on?.[event];
  return ev?.branches ? asArray(ev.branches).map(String) : undefined;
}

/** Env var names a section of the config names, with where. */
function envNames(config: Yaml): {
  smoke: [string, string][];
  notify: [string, string][];
  migrate: [string, string][];
} {
  const smoke: [string, string][] = [];
  const notify: [string, string][] = [];
  const migrate: [string, string][] = [];
  (asArray(config.smoke?.checks) as Yaml[]).forEach((c, i) => {
    for (const [h, v] of Object.entries((c.headers ?? {}) as Record<string, unknown>))
      if (v && typeof v === 'object' && 'env' in v)
        smoke.push([String((v as Yaml).env), `smoke.checks[${i}].headers.${h}.env`]);
    if (c['basic-auth']) {
      smoke.push([String(c['basic-auth']['user-env']), `smoke.checks[${i}].basic-auth.user-env`]);
      smoke.push([
        String(c['basic-auth']['password-env']),
        `smoke.checks[${i}].basic-auth.password-env`,
      ]);
    }
  });
  for (const [h, v] of Object.entries((config.smoke?.['wait-for-live']?.headers ?? {}) as Yaml))
    if (v && typeof v === 'object' && 'env' in v)
      smoke.push([String((v as Yaml).env), `smoke.wait-for-live.headers.${h}.env`]);
  for (const service of ['slack', 'discord', 'teams'])
    if (config.notify?.[service]?.['webhook-env'])
      notify.push([String(config.notify[service]['webhook-env']), `notify.${service}.webhook-env`]);
  const m = (config.migrate ?? {}) as Yaml;
  const preset = String(m.preset ?? 'command');
  if (preset === 'postgres' || preset === 'prisma')
    migrate.push([String(m['database-url-env'] ?? 'DATABASE_URL'), 'migrate.database-url-env']);
  for (const name of PRESET_ENV[preset] ?? []) migrate.push([name, `migrate.preset ${preset}`]);
  const store = (m.store ?? {}) as Yaml;
  if (store.kind === 's3') {
    migrate.push([
      String(store['access-key-id-env'] ?? 'AWS_ACCESS_KEY_ID'),
      'migrate.store.access-key-id-env',
    ]);
    migrate.push([
      String(store['secret-access-key-env'] ?? 'AWS_SECRET_ACCESS_KEY'),
      'migrate.store.secret-access-key-env',
    ]);
  }
  if (store.encryption && typeof store.encryption === 'object')
    migrate.push([
      String(store.encryption['identity-env'] ?? 'AGE_SECRET_KEY'),
      'migrate.store.encryption.identity-env',
    ]);
  for (const [step, o] of Object.entries((m.overrides ?? {}) as Record<string, Yaml>))
    for (const [child, runnerVar] of Object.entries((o?.env ?? {}) as Record<string, string>))
      migrate.push([String(runnerVar), `migrate.overrides.${step}.env.${child}`]);
  return { smoke, notify, migrate };
}

/** Report paths preflight must find in its workspace. */
function reportPaths(config: Yaml): [string, string][] {
  const out: [string, string][] = [];
  const pf = (config.preflight ?? {}) as Yaml;
  for (const [section, keys] of [
    ['tests', ['junit', 'lcov', 'cobertura', 'jacoco', 'clover']],
    ['findings', ['sarif']],
  ] as const) {
    for (const key of keys)
      asArray(pf[section]?.[key]).forEach((p, i) =>
        out.push([String(p), `preflight.${section}.${key}[${i}]`]),
      );
  }
  return out;
}

/** The argv commands the config runs, with the job that runs them. */
function commands(
  config: Yaml,
): { argv: string[]; where: string; job: 'preflight' | 'promote' | 'migrate' | 'smoke' }[] {
  const out: ReturnType<typeof commands> = [];
  const pf = (config.preflight ?? {}) as Yaml;
  if (pf.backup?.command)
    out.push({ argv: pf.backup.command, where: 'preflight.backup.command', job: 'preflight' });
  (asArray(pf.custom?.commands) as Yaml[]).forEach((c, i) =>
    out.push({ argv: c.run, where: `preflight.custom.commands[${i}].run`, job: 'preflight' }),
  );
  if (config.promote?.migrations?.command)
    out.push({
      argv: config.promote.migrations.command,
      where: 'promote.migrations.command',
      job: 'promote',
    });
  for (const [step, o] of Object.entries((config.migrate?.overrides ?? {}) as Record<string, Yaml>))
    if (o?.run) out.push({ argv: o.run, where: `migrate.overrides.${step}.run`, job: 'migrate' });
  (asArray(config.smoke?.commands) as Yaml[]).forEach((c, i) =>
    out.push({ argv: c.run, where: `smoke.commands[${i}].run`, job: 'smoke' }),
  );
  return out;
}

/**
 * The config as each stage and app sees it (issue #20): the top-level sections with a stage's, an
 * app's and an app-on-a-stage's settings merged over them, as core's resolveConfig merges them.
 * Each is checked like a one-app config; the problems are deduplicated.
 */
function views(config: Yaml): Yaml[] {
  const SECTIONS = ['preflight', 'promote', 'migrate', 'smoke', 'release', 'notify'];
  const over = (base: Yaml, layer: Yaml | undefined): Yaml => {
    if (!layer) return base;
    const out = { ...base };
    for (const s of SECTIONS)
      if (layer[s] !== undefined) out[s] = mergeSettings(base[s] ?? {}, layer[s]) as Yaml;
    return out;
  };
  const stages = (asArray(config.stages) as Yaml[]).map((st) => st);
  const apps = Object.entries((config.apps ?? {}) as Record<string, Yaml>);
  const out: Yaml[] = [config];
  for (const st of stages.length ? stages : [undefined]) {
    const staged = over(config, st);
    out.push(staged);
    for (const [, app] of apps)
      out.push(over(over(staged, app), st ? app.stages?.[String(st.name)] : undefined));
  }
  return out;
}

export function checkExample(files: ExampleFiles, reusable: Reusable): string[] {
  const found = checkOneExample(files, reusable);
  return [...new Set(found)];
}

function checkOneExample(files: ExampleFiles, reusable: Reusable): string[] {
  const problems: string[] = [];
  const config = (parse(files.config) ?? {}) as Yaml;
  const all = views(config);
  const callers = callersOf(files);
  const caller = (workflow: string) => callers.find((c) => workflowName(c.uses) === workflow);
  const onMerge = caller('on-merge.yml');
  const rollback = caller('rollback.yml');
  const preflight = caller('preflight.yml');
  const promote = caller('promote.yml');
  for (const [name, c] of Object.entries({ onMerge, rollback, preflight, promote }))
    if (!c) problems.push(`no caller workflow of ${name} (a job with uses: .../${name}.yml@<sha>)`);
  // on-merge.yml accepts production-branch for old callers but reads the branch from the config.
  if (onMerge && 'production-branch' in onMerge.with)
    problems.push(
      `${onMerge.file}: on-merge.yml does not read production-branch (the guard reads branches.production from promotion.yml); remove it`,
    );

  // One production branch and environment everywhere; with stages, each stage's.
  const stages = (asArray(config.stages) as Yaml[]).map((st) => ({
    branch: String(st.branch),
    environment: String(st.environment ?? st.name),
  }));
  const production = stages.length
    ? stages.at(-1)!.branch
    : String(config.branches?.production ?? 'main');
  const environment = stages.length
    ? stages.at(-1)!.environment
    : String(config.environment ?? 'production');
  if (rollback) {
    const branch = String(rollback.with['production-branch'] ?? 'main');
    if (branch !== production)
      problems.push(
        `${rollback.file}: production-branch ${branch} but branches.production is ${production}`,
      );
  }
  for (const c of [onMerge, rollback]) {
    if (!c) continue;
    const env = String(c.with.environment ?? 'production');
    // With stages, on-merge takes each stage's environment from the config; a rollback caller
    // names the stage's (an input naming the stage, whose environment is its name).
    const stagedOk =
      stages.length > 0 && (c === onMerge || /^\$\{\{ inputs\.stage \}\}$/.test(env));
    if (env !== environment && !stagedOk)
      problems.push(`${c.file}: environment ${env} but the config's environment is ${environment}`);
  }
  // Without stages: the production branch alone. With stages: on-merge deploys every stage's
  // branch, preflight judges the promotions into every stage but the first.
  const want = (c: Caller) =>
    stages.length === 0
      ? [production]
      : (c === onMerge ? stages : stages.slice(1)).map((st) => st.branch);
  for (const [c, event] of [
    [onMerge, 'pull_request'],
    [preflight, 'pull_request'],
  ] as const) {
    if (!c) continue;
    const branches = triggerBranches(c.doc, event);
    if (!branches || JSON.stringify([...branches].sort()) !== JSON.stringify(want(c).sort()))
      problems.push(
        `${c.file}: on.${event}.branches is ${JSON.stringify(branches)} but ${stages.length ? `the stages' branches are ${JSON.stringify(want(c))}` : `branches.production is ${production}`}`,
      );
  }

  // Secrets: every env var the config names is set on the step of the action that reads it,
  // from a secret the caller passes.
  const passes = (c: Caller | undefined, secret: string | undefined) =>
    c !== undefined &&
    secret !== undefined &&
    (c.secrets === 'inherit' ||
      (typeof c.secrets === 'object' && c.secrets !== null && secret in c.secrets));
  const needEnv = (
    names: [string, string][],
    c: Caller | undefined,
    workflow: string,
    action: string,
  ) => {
    if (!c) return;
    const steps = actionSteps(reusable, workflow, action);
    for (const [name, where] of names) {
      for (const step of steps) {
        if (!step.env.has(name)) {
          problems.push(
            `${where} names ${name}, but ${workflow} job ${step.jobKey} (${action}) does not set it; use a name the workflow maps (docs/workflows.md#secrets)`,
          );
        } else if (!passes(c, step.env.get(name))) {
          problems.push(
            `${where}: ${workflow} job ${step.jobKey} maps ${name} from secrets.${step.env.get(name)}, which ${c.file} does not pass (secrets: inherit)`,
          );
        }
      }
    }
  };
  for (const view of all) {
    const names = envNames(view);
    needEnv(names.migrate, onMerge, 'on-merge.yml', 'migrate-with-rollback');
    needEnv(names.migrate, rollback, 'rollback.yml', 'migrate-with-rollback');
    needEnv(names.smoke, onMerge, 'on-merge.yml', 'prod-smoke-seal');
    needEnv(names.notify, onMerge, 'on-merge.yml', 'prod-smoke-seal');
    needEnv(names.notify, onMerge, 'on-merge.yml', 'tag-release');
  }

  // Report files: a job of the preflight caller uploads them as the artifact preflight downloads.
  const reports = reportPaths(config);
  if (reports.length && preflight) {
    const artifact = preflight.with['reports-artifact'];
    if (!artifact) {
      problems.push(
        `${preflight.file}: the config names report files (${reports.map(([p]) => p).join(', ')}) but no reports-artifact is passed to preflight.yml`,
      );
    } else {
      const jobs = (preflight.doc.jobs ?? {}) as Record<string, Yaml>;
      const uploaded = new Set<string>();
      for (const need of preflight.needs)
        for (const step of asArray(jobs[need]?.steps) as Yaml[])
          if (/^actions\/upload-artifact@/.test(String(step.uses)) && step.with?.name === artifact)
            String(step.with.path ?? '')
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
              .forEach((p) => uploaded.add(p));
      for (const [path, where] of reports)
        if (!uploaded.has(path))
          problems.push(
            `${where}: ${path} is not uploaded as ${artifact} by a job the preflight caller needs`,
          );
    }
  }

  // Tools: the first word of every command exists on the runner of the job that runs it.
  const runsOn = (c: Caller | undefined) => String(c?.with['runs-on'] ?? '');
  const toolsFor = (c: Caller | undefined, job: string): Set<string> => {
    const tools = new Set(HOSTED_TOOLS);
    const hostJob = job === 'migrate' || job === 'rollback';
    if (hostJob && /self-hosted/.test(runsOn(c))) HOST_TOOLS.forEach((t) => tools.add(t));
    const nodeJob = job === 'migrate' || job === 'smoke' || job === 'rollback';
    if (nodeJob && c?.with['node-version']) {
      NODE_PROJECT_TOOLS.forEach((t) => tools.add(t));
      if (job !== 'smoke' || !c.with['playwright-browsers']) tools.delete('playwright');
    }
    return tools;
  };
  const need = (tool: string, c: Caller | undefined, job: string, where: string) => {
    if (!c || toolsFor(c, job).has(tool)) return;
    problems.push(
      `${where} runs ${tool}, which the ${job} job of ${workflowName(c.uses)} does not have (${c.file}: ${
        job === 'preflight' || job === 'promote'
          ? 'it runs on ubuntu-latest and installs nothing; use a tool the image has, or paths instead of a command'
          : tool === 'bench'
            ? 'runs-on a self-hosted runner on the host'
            : tool === 'playwright'
              ? 'node-version and playwright-browsers'
              : NODE_PROJECT_TOOLS.has(tool)
                ? 'node-version, with the tool in package.json'
                : 'a runner that has it'
      })`,
    );
  };
  const byJob = { preflight, promote, migrate: onMerge, smoke: onMerge } as const;
  for (const cmd of all.flatMap(commands)) {
    const [tool, sub] = cmd.argv.map(String);
    const c = byJob[cmd.job];
    need(tool!, c, cmd.job, cmd.where);
    if (tool === 'npx' && sub) need(sub, c, cmd.job, `${cmd.where} (npx ${sub})`);
    if (cmd.job === 'migrate') need(tool!, rollback, 'rollback', cmd.where);
  }
  for (const preset of new Set(all.map((v) => String(v.migrate?.preset ?? 'command'))))
    for (const tool of PRESET_TOOLS[preset] ?? []) {
      need(tool, onMerge, 'migrate', `migrate.preset ${preset}`);
      need(tool, rollback, 'rollback', `migrate.preset ${preset}`);
    }
  const deployCommand = String(onMerge?.with['deploy-command'] ?? '');
  if (deployCommand) {
    // Every command word of the script (each line, after a pipe too; the branches of a `case`
    // on $PROMOTE_APP) and every $VAR it reads.
    for (const line of deployCommand.split('\n')) {
      const body = line
        .trim()
        .replace(/^[\w|*-]+\)\s*/, '')
        .replace(/;;$/, '');
      if (/^(case|esac)\b/.test(body)) continue;
      for (const segment of body.split('|')) {
        const word = segment.trim().split(/\s+/)[0];
        if (word && word !== 'printf') need(word, onMerge, 'migrate', 'deploy-command');
      }
    }
    const env = deployStepEnv(reusable);
    for (const [, v] of deployCommand.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
      if (!env.has(v!))
        problems.push(`deploy-command reads $${v}, which on-merge.yml's deploy step does not set`);
  }

  // on-failure: rollback dispatches the caller's rollback workflow by file name.
  if (all.some((v) => v.smoke?.['on-failure'] === 'rollback')) {
    const file = String(
      config.smoke?.rollback?.workflow ??
        config.promote?.['rollback-workflow'] ??
        'promote-rollback.yml',
    );
    if (!rollback || rollback.file !== file)
      problems.push(
        `smoke.on-failure rollback dispatches ${file}, but the caller of rollback.yml is ${rollback?.file ?? 'missing'}`,
      );
    else {
      const inputs = Object.keys(((rollback.doc.on ?? {}) as Yaml).workflow_dispatch?.inputs ?? {});
      // With apps it sends the app, with stages the stage of an earlier stage's seal.
      const sent = [
        'backup-id',
        'release',
        'reason',
        ...(config.apps ? ['app'] : []),
        ...(config.stages ? ['stage'] : []),
      ];
      for (const input of sent)
        if (!inputs.includes(input))
          problems.push(
            `${file}: workflow_dispatch needs the input ${input} (the smoke seal sends it)`,
          );
    }
  }
  return problems;
}
