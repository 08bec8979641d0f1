import type { EmulatorCore } from '../types.js';
import { simpleUser } from './user.js';

/** The GitHub App behind GITHUB_TOKEN ("github-actions"), as check runs and deployments report it. */
export function actionsApp(emu: EmulatorCore, slug = 'github-actions') {
  return {
    id: 15368,
    slug,
    node_id: 'MDM6QXBwMTUzNjg=',
    client_id: 'Iv1.05c79e9ad1f6bdfa',
    owner: simpleUser(emu, 'github'),
    name: slug === 'github-actions' ? 'GitHub Actions' : slug,
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `https://github.com/apps/${slug}`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: {
      checks: 'write',
      contents: 'write',
      deployments: 'write',
      issues: 'write',
      metadata: 'read',
    },
    events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
  };
}
