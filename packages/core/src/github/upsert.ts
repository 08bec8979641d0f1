// Create-or-update helpers: each tolerates "already exists" (422) and a create that arrived
// twice (plugin-retry re-sends a POST after a transport error:
// https://github.com/octokit/plugin-retry.js#readme).
export * from './operation.js';
export * from './pulls.js';
export * from './comments.js';
export * from './check-runs.js';
export * from './statuses.js';
export * from './refs.js';
export * from './releases.js';
