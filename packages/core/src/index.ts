// The public surface of @promote/core. Each module is also importable as @promote/core/<module>.
export * from './clock.js';
export * from './context.js';
export * from './errors.js';
export * from './io.js';
export * from './logger.js';
export * from './report.js';
export * from './config/schema.js';
export * from './commits.js';
export * from './markdown.js';
export * from './secrets.js';
export * from './exec.js';
export * from './time.js';
export * from './config/types.js';
export * from './config/errors.js';
export * from './config/load.js';
export * from './config/merge.js';
export * from './events.js';
export * as gates from './gates/index.js';
