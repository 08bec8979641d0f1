// A failed run says what it wrote and that a re-run finishes the job (issue #9, crash + re-run).
import { runMain } from '@promote/core/action';
import { ConfigurationError } from '@promote/core/errors';
import { memoryIO } from '@promote/core/io';
import { memoryLogger } from '@promote/core/logger';
import { createProgress, describeFailedRequest } from '@promote/core/progress';

const githubError = (status: number, message: string, method: string, url: string) =>
  Object.assign(new Error(message), { status, request: { method, url, headers: {} } });

test('a failure after writes names each write that landed, the failed request and the re-run', async () => {
  const io = memoryIO();
  const progress = createProgress();
  await runMain(
    'tag-release',
    async () => {
      progress.done('changelog: CHANGELOG.md updated in 0123456789ab');
      progress.done('tag v2.7.0 at 89abcdef0123');
      throw githubError(
        502,
        'Server Error',
        'POST',
        'https://api.github.com/repos/acme/shop/releases?x=1',
      );
    },
    { io, logger: memoryLogger(), progress },
  );
  expect(io.failed).toBe(
    'tag-release failed: 502 Server Error (POST /repos/acme/shop/releases). ' +
      'Done before the failure: changelog: CHANGELOG.md updated in 0123456789ab; tag v2.7.0 at 89abcdef0123. ' +
      'Re-run this job to finish: tag-release finds what already exists and creates nothing twice.',
  );
});

test('a failure before any write says nothing was written', async () => {
  const io = memoryIO();
  const progress = createProgress();
  await runMain(
    'preflight-gates',
    async () => {
      throw new Error('socket hang up');
    },
    { io, logger: memoryLogger(), progress },
  );
  expect(io.failed).toMatch(
    /^preflight-gates failed: socket hang up\. Nothing was written before the failure\. Re-run this job/,
  );
});

test('a ConfigurationError stays the message the user fixes', async () => {
  const io = memoryIO();
  const progress = createProgress();
  progress.done('something');
  await runMain(
    'open-promote-pr',
    async () => {
      throw new ConfigurationError('input "token" is required: set it');
    },
    { io, logger: memoryLogger(), progress },
  );
  expect(io.failed).toBe('input "token" is required: set it');
});

test('a request error without a request names status and message only', () => {
  expect(describeFailedRequest(Object.assign(new Error('Not Found'), { status: 404 }))).toBe(
    '404 Not Found',
  );
});
