import { runPostStep } from './post-cleanup.js';
await runPostStep();
