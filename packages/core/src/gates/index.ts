// Gate implementations shared by preflight-gates and open-promote-pr (in-process).
export * from './types.js';
export * from './facts.js';
export * from './diff.js';
export * from './freeze-gate.js';
export * from './findings.js';
export * from './tests.js';
export * from './drift.js';
export * from './backup.js';
export * from './change-size.js';
export * from './approvals.js';
export * from './diff-guard.js';
export * from './branch-protection.js';
export * from './ci.js';
export * from './custom.js';
export * from './override.js';
export * from './evaluate.js';
export * from './collect.js';
