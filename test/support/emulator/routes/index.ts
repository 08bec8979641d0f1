// The route registry: one line per area file. Adding an area = a file in routes/ + one line here.
import type { RouteTable } from '../types.js';
import { actionsRoutes } from './actions.js';
import { assigneesRoutes } from './assignees.js';
import { checksRoutes } from './checks.js';
import { commitsRoutes } from './commits.js';
import { contentsRoutes } from './contents.js';
import { deploymentsRoutes } from './deployments.js';
import { gitDataRoutes } from './git-data.js';
import { issueEventsRoutes } from './issue-events.js';
import { issuesRoutes } from './issues.js';
import { metaRoutes } from './meta.js';
import { pullsRoutes } from './pulls.js';
import { releasesRoutes } from './releases.js';
import { reposRoutes } from './repos.js';
import { statusesRoutes } from './statuses.js';

const AREAS: RouteTable[] = [
  reposRoutes,
  commitsRoutes,
  contentsRoutes,
  gitDataRoutes,
  pullsRoutes,
  issuesRoutes,
  assigneesRoutes,
  issueEventsRoutes,
  checksRoutes,
  statusesRoutes,
  releasesRoutes,
  deploymentsRoutes,
  actionsRoutes,
  metaRoutes,
];

export function allRoutes(): RouteTable {
  return Object.assign({}, ...AREAS) as RouteTable;
}
