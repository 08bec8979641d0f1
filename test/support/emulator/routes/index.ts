// The route registry: one line per area file. Adding an area = a file in routes/ + one line here.
import type { RouteTable } from '../types.js';
import { checksRoutes } from './checks.js';
import { commitsRoutes } from './commits.js';
import { gitDataRoutes } from './git-data.js';
import { pullsRoutes } from './pulls.js';
import { reposRoutes } from './repos.js';

const AREAS: RouteTable[] = [reposRoutes, commitsRoutes, gitDataRoutes, pullsRoutes, checksRoutes];

export function allRoutes(): RouteTable {
  return Object.assign({}, ...AREAS) as RouteTable;
}
