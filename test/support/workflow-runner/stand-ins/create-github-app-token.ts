// Stand-in for actions/create-github-app-token v3.1.1 (1b10c78): an installation token of the
// repository's GitHub App (settings.app), minted through the emulator's token registry with the
// installation's permissions, narrowed by `permission-<scope>` inputs when any is given; masked;
// outputs token, installation-id, app-slug; revoked by the post step unless skip-token-revoke.
// `app-id` is deprecated in favour of `client-id` (action.yml: deprecationMessage "Use
// 'client-id' instead.", which the runner prints as a warning).
// https://github.com/actions/create-github-app-token/blob/v3.1.1/action.yml
import { randomBytes } from 'node:crypto';
import { SCOPES } from '../permissions.js';
import type { PermissionLevel, Permissions } from '../types.js';
import type { StandIn } from './types.js';

const RANK: Record<PermissionLevel, number> = { none: 0, read: 1, write: 2 };

const appToken: StandIn = {
  inputs: {
    'client-id': undefined,
    'app-id': undefined,
    'private-key': undefined,
    owner: undefined,
    repositories: undefined,
    'skip-token-revoke': 'false',
    'github-api-url': undefined,
    ...Object.fromEntries(SCOPES.map((s) => [`permission-${s}`, undefined])),
    'permission-administration': undefined,
    'permission-metadata': undefined,
    'permission-workflows': undefined,
  },
  deprecated: { 'app-id': "Use 'client-id' instead." },
  async main(ctx) {
    const clientId = ctx.inputs['client-id'] || ctx.inputs['app-id'];
    if (!clientId) {
      throw new Error(
        "The 'client-id' (or deprecated 'app-id') input must be set to a non-empty string. If using a secret or variable, ensure it is available in this workflow context.",
      );
    }
    const privateKey = ctx.inputs['private-key'];
    if (!privateKey) throw new Error('Input required and not supplied: private-key');
    const app = ctx.settings.app;
    if (!app) {
      throw new Error(
        'create-github-app-token stand-in: the test repository has no GitHub App (RepositorySettings.app).',
      );
    }
    if (clientId !== app.id && clientId !== app.clientId) {
      throw new Error(
        `Failed to create token: no GitHub App with client id or app id '${clientId}' (404 Not Found)`,
      );
    }
    if (privateKey.trim() !== app.privateKey.trim()) {
      // GitHub refuses a JWT signed with another key.
      throw new Error(
        `Failed to create token: the private-key does not belong to App ${app.id} (GitHub answers 401 to a JWT signed with another key; the stand-in compares it with RepositorySettings.app.privateKey).`,
      );
    }
    const requested: Permissions = {};
    for (const [name, value] of Object.entries(ctx.inputs)) {
      if (name.startsWith('permission-') && value)
        requested[name.slice('permission-'.length)] = value as PermissionLevel;
    }
    let permissions: Permissions = { ...app.permissions };
    if (Object.keys(requested).length) {
      for (const [scope, want] of Object.entries(requested)) {
        if (RANK[want] > RANK[app.permissions[scope] ?? 'none']) {
          throw new Error('The permissions requested are not granted to this installation. (422)');
        }
      }
      permissions = requested;
    }
    const token = ctx.emulator.tokens
      ? ctx.emulator.tokens.mint({
          kind: 'app',
          permissions,
          login: `${app.slug}[bot]`,
          bypass: app.bypass,
        })
      : `ghs_${randomBytes(18).toString('hex')}`;
    ctx.mask(token);
    ctx.setOutput('token', token);
    ctx.setOutput('installation-id', '1');
    ctx.setOutput('app-slug', app.slug);
    ctx.state.token = token;
  },
  async post(ctx) {
    if (ctx.inputs['skip-token-revoke'] === 'true') {
      ctx.log('Token revocation was skipped');
      return;
    }
    if (!ctx.state.token) {
      ctx.log('Token is not set');
      return;
    }
    ctx.emulator.tokens?.revoke(ctx.state.token);
    ctx.log('Token revoked');
  },
};

export default appToken;
