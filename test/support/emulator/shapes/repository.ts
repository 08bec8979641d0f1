import type { EmulatorCore } from '../types.js';
import { simpleUser } from './user.js';

const CREATED = '2026-01-01T00:00:00Z';

/** GitHub's repository object (the one embedded in pulls, releases...). */
export function repository(emu: EmulatorCore) {
  const api = emu.apiRepo;
  return {
    id: 100_000 + emu.owner.length * 1000 + emu.repo.length,
    node_id: Buffer.from(`010:Repository${emu.owner}/${emu.repo}`).toString('base64'),
    name: emu.repo,
    full_name: `${emu.owner}/${emu.repo}`,
    owner: simpleUser(emu, emu.owner),
    private: true,
    html_url: emu.htmlRepo,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${emu.owner}/${emu.repo}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${emu.owner}/${emu.repo}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${emu.htmlRepo}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: emu.htmlRepo,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: emu.defaultBranch,
    open_issues_count: openCount(emu),
    open_issues: openCount(emu),
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: CREATED,
    created_at: CREATED,
    updated_at: CREATED,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: false,
    web_commit_signoff_required: false,
    license: null,
  };
}

function openCount(emu: EmulatorCore): number {
  return (
    emu.state.issues.filter((i) => i.state === 'open').length +
    emu.state.pulls.filter((p) => p.state === 'open').length
  );
}

/** GET /repos/{owner}/{repo}: the full repository. */
export function fullRepository(emu: EmulatorCore) {
  return {
    ...repository(emu),
    subscribers_count: 0,
    network_count: 0,
    organization: null,
    temp_clone_token: null,
  };
}
