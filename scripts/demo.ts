// `npm run demo`: the whole promotion chain on a local sandbox (see scripts/demo/story.ts).
import { formatDuration } from '../packages/core/src/time.js';
import { PrerequisiteError } from '../test/support/prerequisites.js';
import { runDemo } from './demo/story.js';

const started = Date.now();
try {
  const result = await runDemo();
  console.log(
    `\nFinished in ${formatDuration(Date.now() - started)}. Sandbox left at ${result.sandbox}`,
  );
} catch (error) {
  if (!(error instanceof PrerequisiteError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
