/**
 * Whether the `token` input is the job's default GITHUB_TOKEN. A token's kind cannot be read
 * offline (an App installation token and GITHUB_TOKEN both start with ghs_), so action.yml
 * passes `${{ github.token }}` a second time in the `github-token` input, which callers leave
 * alone: equal values mean the caller did not supply an App token or PAT. Exact, no guessing.
 */
export function isDefaultGithubToken(token: string, githubToken: string): boolean {
  return token !== '' && githubToken !== '' && token === githubToken;
}

export const DEFAULT_TOKEN_WARNING =
  'The promotion PR is opened with the default GITHUB_TOKEN: GitHub starts no workflows for events that token creates, ' +
  "so the PR's required checks will not start and it cannot be merged until someone pushes to it. " +
  'Pass a GitHub App installation token (actions/create-github-app-token) or a PAT as the `token` input; see actions/open-promote-pr/README.md#token.';
