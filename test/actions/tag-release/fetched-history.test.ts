// The token is sent to a git server only when it is the server of the API the token is for
// (GITHUB_SERVER_URL and GITHUB_API_URL as the runner sets them on github.com, GHE.com and
// GitHub Enterprise Server); anything else reads the history through the API.
import { gitRemoteOf } from '../../../actions/tag-release/src/fetched-history.js';

const repo = { owner: 'acme', repo: 'shop', token: 't' };

test.each([
  ['https://github.com', 'https://api.github.com', 'https://github.com/acme/shop.git'],
  ['https://octo.ghe.com', 'https://api.octo.ghe.com', 'https://octo.ghe.com/acme/shop.git'],
  ['https://ghes.example', 'https://ghes.example/api/v3', 'https://ghes.example/acme/shop.git'],
  ['https://ghes.example/', 'https://ghes.example/api/v3/', 'https://ghes.example/acme/shop.git'],
])('server %s with API %s: fetch from %s', (serverUrl, apiUrl, url) => {
  expect(gitRemoteOf({ ...repo, serverUrl, apiUrl })).toEqual({ url });
});

test.each([
  ['https://github.com', 'http://127.0.0.1:4000'],
  ['https://github.com', 'https://ghes.example/api/v3'],
  ['https://evil.example', 'https://api.github.com'],
  ['not a url', 'https://api.github.com'],
])('server %s with API %s: no fetch', (serverUrl, apiUrl) => {
  expect(gitRemoteOf({ ...repo, serverUrl, apiUrl })).toHaveProperty('why');
});
