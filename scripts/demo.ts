// `npm run demo`: the whole promotion chain on a local sandbox (see scripts/demo/story.ts).
import { runDemo } from './demo/story.js';

const started = Date.now();
const result = await runDemo();
console.log(
  `\nFinished in ${((Date.now() - started) / 1000).toFixed(1)} s. Sandbox left at ${result.sandbox}`,
);
