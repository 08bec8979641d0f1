import { isAbsolute, join } from 'node:path';
import { loadConfig } from '@promote/core/config/load';
import { resolveConfig } from '@promote/core/config/resolve';
import { readRunContext } from '@promote/core/context';
import type { GitHubClient } from '@promote/core/github/client';
import type { Deps } from './deps.js';
import { readInputs } from './inputs.js';
import { computeReport, type DeliveryReport } from './measures.js';
import { periodEnding } from './period.js';
import { readHistory } from './read-history.js';
import { renderCharts, renderSummary } from './render.js';

/** Every request the client sends from here on, pagination and retries included. */
function countRequests(github: GitHubClient): () => number {
  let sent = 0;
  github.hook.before('request', () => {
    sent++;
  });
  return () => sent;
}

/** Read the period's history once, compute the measures, write the summary, JSON and charts. */
export async function reportDelivery(deps: Deps): Promise<DeliveryReport> {
  const { io, logger } = deps;
  const ctx = readRunContext(deps.env);
  const inputs = readInputs(io);
  const github = deps.github(inputs.token);
  const requests = countRequests(github);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const loaded = await loadConfig({
    source: {
      kind: 'api',
      github,
      ...repo,
      path: inputs.config,
      ...(ctx.sha ? { ref: ctx.sha } : {}),
    },
    logger,
  });
  // The last stage (production), as the app sees it: its seal context, its deployments.
  const config = resolveConfig(loaded, inputs.app !== undefined ? { app: inputs.app } : {});
  const environment = inputs.environment ?? config.environment;
  const period = periodEnding(deps.clock.now(), inputs.days);
  logger.info(
    `Reading ${environment}'s deployments${inputs.app ? ` of app ${inputs.app}` : ''} and the pull requests into ${config.branches.production} of the last ${inputs.days} days.`,
  );
  const history = await readHistory({
    github,
    repo,
    logger,
    period,
    environment,
    productionBranch: config.branches.production,
    checkName: inputs.checkName,
    sealContext: config.smoke.seal.context,
    ...(inputs.app !== undefined ? { app: inputs.app } : {}),
    requests,
  });
  const report = computeReport(history, period);
  const dir = isAbsolute(inputs.outputDir)
    ? inputs.outputDir
    : join(ctx.workspace, inputs.outputDir);
  const svgs = renderCharts(report);
  const json = JSON.stringify(report, null, 2);
  await deps.writeFile(join(dir, 'report.json'), `${json}\n`);
  for (const [file, svg] of Object.entries(svgs)) await deps.writeFile(join(dir, file), `${svg}\n`);
  await io.appendSummary(
    renderSummary(report, { dir: inputs.outputDir, charts: Object.keys(svgs) }),
  );
  io.setOutput('json', JSON.stringify(report));
  io.setOutput('dir', dir);
  io.setOutput('requests', String(report.requests));
  logger.info(
    `${report.deploymentFrequency.deployments} successful deploys, ${report.changeFailureRate.failed} failed changes, ${report.requests} API requests; report in ${dir}.`,
  );
  return report;
}
