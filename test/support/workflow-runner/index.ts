// The workflow runner: runs this repository's workflow files as GitHub does (see README.md).
export { WorkflowRunner, type WorkflowRunnerOptions } from './runner.js';
export { ConcurrencyGroups, MAX_QUEUE } from './concurrency.js';
export { evaluate, evaluateToken } from './expressions.js';
export { matchesFilter, workflowMatches, dispatchInputs } from './triggers.js';
export { secretsFor, type SecretSource } from './secrets.js';
export { STAND_INS, resolveUses } from './steps.js';
export type * from './types.js';
export * from './events.js';
