// Issue/PR assignees (open-promote-pr assigns promotion PRs). Not in routes/index.ts: tests that
// need it pass `routes: assigneesRoutes` to startEmulator. GitHub silently drops logins that
// cannot be assigned; here everyone known to the emulator's users can be.
import type { RouteTable } from '../types.js';
import { issuesRoutes } from './issues.js';
import { itemOr404 } from './lookup.js';

export const assigneesRoutes: RouteTable = {
  'issues/add-assignees': async (ctx) => {
    const item = itemOr404(ctx.emu, ctx.params.issue_number as number);
    for (const login of (ctx.body?.assignees as string[] | undefined) ?? []) {
      if (ctx.emu.state.users[login] && !item.assignees.includes(login)) item.assignees.push(login);
    }
    const current = await issuesRoutes['issues/get']!(ctx);
    return { status: 201, body: current.body };
  },
};
