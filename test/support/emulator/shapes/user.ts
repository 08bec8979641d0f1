import type { EmulatorCore } from '../types.js';

function hashId(login: string): number {
  let h = 7;
  for (const c of login) h = (h * 31 + c.charCodeAt(0)) % 90_000_000;
  return h + 1_000_000;
}

export function userRecord(emu: EmulatorCore, login: string) {
  const known = emu.state.users[login];
  if (known) return known;
  const record = {
    login,
    id: hashId(login),
    type: login.endsWith('[bot]') ? ('Bot' as const) : ('User' as const),
  };
  emu.state.users[login] = record;
  return record;
}

/** GitHub's simple-user object. */
export function simpleUser(emu: EmulatorCore, login: string) {
  const u = userRecord(emu, login);
  const api = `${emu.url}/users/${encodeURIComponent(login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: Buffer.from(`04:User${u.id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: 'public',
    site_admin: false,
  };
}
