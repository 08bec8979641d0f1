// An app's release as its users see it (issue #20): chat names the app, the major tag of a
// monorepo of actions is the app's own (api-v1), and a re-run tells chat nothing twice.
import { startWebhookReceiver } from '../../support/webhook-receiver.js';
import { createReleaseWorld, type ReleaseWorld } from './world.js';

const CONFIG = `release:
  tag-prefix: v
notify:
  slack:
    webhook-env: SLACK_WEBHOOK_URL
apps:
  api:
    paths: [apps/api/**]
    release:
      major-tag: true
  worker:
    paths: [apps/worker/**]
`;

let w: ReleaseWorld;
beforeEach(async () => {
  w = await createReleaseWorld();
});
afterEach(async () => {
  await w.close();
});

test('chat hears "shop api v1.1.0 released" once; api-v1 points at the release, no v1 or worker tag moves', async () => {
  const chat = await startWebhookReceiver();
  try {
    const { h } = w;
    h.commit('chore: promotion config', { file: '.github/promotion.yml', content: CONFIG });
    h.commit('feat(api): first endpoint', { file: 'apps/api/index.ts' });
    h.commit('feat(worker): first job', { file: 'apps/worker/index.ts' });
    h.tag('api-v1.0.0');
    h.tag('worker-v1.0.0');
    h.branch('staging');
    h.commit('feat(api): search endpoint (#40)', { file: 'apps/api/search.ts' });
    h.checkout('main');
    const mergeSha = h.mergePullRequest('staging', 77, 'Promote staging');
    w.publish();
    // The checkout: a full clone holding the config.
    const env = { GITHUB_WORKSPACE: h.dir, SLACK_WEBHOOK_URL: chat.hook('/slack') };

    const first = await w.release(mergeSha, { app: 'api', seal: 'green' }, env);
    expect(first.failed).toBeUndefined();
    const again = await w.release(mergeSha, { app: 'api', seal: 'green' }, env);
    expect(again.failed).toBeUndefined();

    const got = chat.on('/slack');
    expect(got).toHaveLength(1);
    expect(JSON.stringify(got[0]?.json)).toContain('shop api v1.1.0 released');
    const tags = await w.tags();
    expect(Object.keys(tags).sort()).toEqual([
      'api-v1',
      'api-v1.0.0',
      'api-v1.1.0',
      'worker-v1.0.0',
    ]);
    expect(tags['api-v1']).toMatchObject({ type: 'lightweight', sha: mergeSha });
    expect(first.summary).toContain('| Major tag | api-v1 created at');
  } finally {
    await chat.close();
  }
});
