// `promote` command line (package.json bin -> bin/promote.mjs -> dist/cli/index.js).
import { run } from './main.js';

process.exitCode = await run();
