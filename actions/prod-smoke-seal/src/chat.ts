import type { NotifyConfig } from '@promote/core/config/sections/notify';
import type { Logger } from '@promote/core/logger';
import { notify, resolveNotifyTargets, type NotifyMessage } from '@promote/core/notify';
import { resultRows, type SealReport } from './seal.js';

/** What people read in chat: the verdict, each failing check with its reason, the rollback command. */
export function sealMessage(report: SealReport, repo: string, runUrl: string): NotifyMessage {
  const failing = resultRows(report.checks).filter((r) => r.status === 'fail');
  const lines =
    report.seal === 'green'
      ? [report.headline]
      : [
          ...failing.slice(0, 10).map((r) => `✗ ${r.name}: ${r.summary}`),
          ...(failing.length > 10 ? [`… and ${failing.length - 10} more`] : []),
          ...(report.watch?.problems ?? []).map((p) => `✗ watch window: ${p}`),
          ...(report.rollbackCommand ? [`Roll back: ${report.rollbackCommand}`] : []),
        ];
  return {
    title: `Production smoke seal ${report.seal.toUpperCase()} for ${repo}@${report.sha.slice(0, 7)}`,
    status: report.seal,
    lines,
    url: runUrl,
  };
}

export interface ChatDeps {
  notify: NotifyConfig;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  fetch?: typeof fetch;
}

/** Posts to every configured webhook through core notify (never throws); returns where it landed. */
export async function postChat(message: NotifyMessage, deps: ChatDeps): Promise<string[]> {
  const targets = resolveNotifyTargets(deps.notify, deps.env, deps.logger);
  const results = await notify({
    targets,
    message,
    logger: deps.logger,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  return results.filter((r) => r.ok).map((r) => r.service);
}
