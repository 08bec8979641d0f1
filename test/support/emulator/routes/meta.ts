// Rate limit and the authenticated user.
import { simpleUser } from '../shapes/user.js';
import type { RouteTable } from '../types.js';

export const metaRoutes: RouteTable = {
  'rate-limit/get': ({ emu }) => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const bucket = (limit: number) => ({ limit, used: 0, remaining: limit, reset });
    const core = { limit: 5000, used: 0, remaining: 5000, reset };
    void emu;
    return {
      status: 200,
      body: {
        resources: {
          core,
          search: bucket(30),
          graphql: bucket(5000),
          integration_manifest: bucket(5000),
          code_search: bucket(10),
        },
        rate: core,
      },
    };
  },

  'users/get-authenticated': ({ emu, login }) => {
    const u = simpleUser(emu, login);
    return {
      status: 200,
      body: {
        ...u,
        name: login,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        public_repos: 1,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      },
    };
  },
};
