// Deployments and deployment statuses.
import { HttpError, validationFailed } from '../errors.js';
import { pageReply } from '../pagination.js';
import { actionsApp } from '../shapes/app.js';
import { simpleUser } from '../shapes/user.js';
import type { DeploymentRecord, DeploymentStatusRecord } from '../state.js';
import type { EmulatorCore, RouteTable } from '../types.js';
import { latestStatuses } from './statuses.js';

// Deployment status descriptions stop at 140 characters (https://docs.github.com/en/rest/deployments/statuses#create-a-deployment-status).
export const DEPLOYMENT_DESCRIPTION_LIMIT = 140;

function deploymentShape(emu: EmulatorCore, d: DeploymentRecord) {
  const url = `${emu.apiRepo}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: Buffer.from(`010:Deployment${d.id}`).toString('base64'),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.original_environment,
    environment: d.environment,
    description: d.description,
    creator: simpleUser(emu, d.creator),
    created_at: d.created_at,
    updated_at: d.updated_at,
    statuses_url: `${url}/statuses`,
    repository_url: emu.apiRepo,
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
    performed_via_github_app: actionsApp(emu),
  };
}

function deploymentStatusShape(emu: EmulatorCore, s: DeploymentStatusRecord) {
  const deployment = `${emu.apiRepo}/deployments/${s.deployment_id}`;
  return {
    url: `${deployment}/statuses/${s.id}`,
    id: s.id,
    node_id: Buffer.from(`016:DeploymentStatus${s.id}`).toString('base64'),
    state: s.state,
    creator: simpleUser(emu, s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.target_url,
    created_at: s.created_at,
    updated_at: s.updated_at,
    deployment_url: deployment,
    repository_url: emu.apiRepo,
    // GitHub's default is "", which its own schema (format: uri) rejects: leave the optional field out.
    ...(s.environment_url ? { environment_url: s.environment_url } : {}),
    ...(s.log_url ? { log_url: s.log_url } : {}),
    performed_via_github_app: actionsApp(emu),
  };
}

function deploymentOr404(emu: EmulatorCore, id: number): DeploymentRecord {
  const d = emu.state.deployments.find((x) => x.id === id);
  if (!d) throw new HttpError(404, 'Not Found');
  return d;
}

export const deploymentsRoutes: RouteTable = {
  'repos/create-deployment': async ({ emu, body, login }) => {
    const ref = body.ref as string;
    const sha = await emu.git.resolveCommit(ref);
    if (!sha)
      throw validationFailed({
        resource: 'Deployment',
        code: 'custom',
        field: 'ref',
        message: `No ref found for: ${ref}`,
      });
    // Without required_contexts GitHub requires every status context on the ref to be green.
    const required =
      (body.required_contexts as string[] | undefined) ??
      latestStatuses(emu, sha).map((s) => s.context);
    const failing = required.filter(
      (c) => latestStatuses(emu, sha).find((s) => s.context === c)?.state !== 'success',
    );
    if (failing.length) {
      throw new HttpError(409, `Conflict: Commit status checks failed for ${ref}.`, {
        errors: [
          {
            contexts: failing.map((context) => ({ context, state: 'missing' })),
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid',
          },
        ],
      });
    }
    const now = emu.now();
    const environment = (body.environment as string | undefined) ?? 'production';
    const deployment: DeploymentRecord = {
      id: emu.nextId(),
      sha,
      ref,
      task: (body.task as string | undefined) ?? 'deploy',
      payload: (body.payload as DeploymentRecord['payload'] | undefined) ?? {},
      environment,
      original_environment: environment,
      description: (body.description as string | undefined) ?? null,
      creator: login,
      transient_environment: body.transient_environment === true,
      production_environment:
        (body.production_environment as boolean | undefined) ?? environment === 'production',
      created_at: now,
      updated_at: now,
    };
    emu.state.deployments.push(deployment);
    return { status: 201, body: deploymentShape(emu, deployment) };
  },

  'repos/list-deployments': (ctx) => {
    const { emu, query } = ctx;
    let list = [...emu.state.deployments].reverse();
    for (const key of ['sha', 'ref', 'task', 'environment'] as const) {
      if (query[key] !== undefined && query[key] !== null && query[key] !== 'none')
        list = list.filter((d) => d[key] === query[key]);
    }
    return pageReply(ctx, list, (d) => deploymentShape(emu, d));
  },

  'repos/get-deployment': ({ emu, params }) => ({
    status: 200,
    body: deploymentShape(emu, deploymentOr404(emu, params.deployment_id as number)),
  }),

  'repos/create-deployment-status': ({ emu, params, body, login }) => {
    const deployment = deploymentOr404(emu, params.deployment_id as number);
    const description = (body.description as string | undefined) ?? '';
    if (description.length > DEPLOYMENT_DESCRIPTION_LIMIT) {
      throw validationFailed({
        resource: 'DeploymentStatus',
        code: 'custom',
        field: 'description',
        message: `description is too long (maximum is ${DEPLOYMENT_DESCRIPTION_LIMIT} characters)`,
      });
    }
    const now = emu.now();
    const environment = (body.environment as string | undefined) ?? deployment.environment;
    // auto_inactive (default true): a success marks the environment's earlier successful
    // deployments inactive ("An inactive status is only added to deployments that had a success
    // state", GitHub's REST docs); failed ones keep their failure.
    if (body.state === 'success' && body.auto_inactive !== false) {
      for (const other of emu.state.deployments) {
        if (other.id === deployment.id || other.environment !== environment) continue;
        const last = emu.state.deploymentStatuses
          .filter((s) => s.deployment_id === other.id)
          .at(-1);
        if (last?.state === 'success') {
          emu.state.deploymentStatuses.push({
            ...last,
            id: emu.nextId(),
            state: 'inactive',
            created_at: now,
            updated_at: now,
          });
        }
      }
    }
    const status: DeploymentStatusRecord = {
      id: emu.nextId(),
      deployment_id: deployment.id,
      state: body.state,
      description,
      environment,
      // github.com answers "" for a missing target_url, but its own schema requires a URI there;
      // the schema wins, so a missing URL points at the environment's deployments page.
      target_url:
        (body.target_url as string | undefined) ??
        (body.log_url as string | undefined) ??
        `${emu.htmlRepo}/deployments/${encodeURIComponent(environment)}`,
      log_url:
        (body.log_url as string | undefined) ?? (body.target_url as string | undefined) ?? '',
      environment_url: (body.environment_url as string | undefined) ?? '',
      creator: login,
      created_at: now,
      updated_at: now,
    };
    emu.state.deploymentStatuses.push(status);
    deployment.updated_at = now;
    return { status: 201, body: deploymentStatusShape(emu, status) };
  },

  'repos/list-deployment-statuses': (ctx) => {
    const deployment = deploymentOr404(ctx.emu, ctx.params.deployment_id as number);
    const list = ctx.emu.state.deploymentStatuses
      .filter((s) => s.deployment_id === deployment.id)
      .reverse();
    return pageReply(ctx, list, (s) => deploymentStatusShape(ctx.emu, s));
  },
};
