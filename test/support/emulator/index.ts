// The GitHub REST emulator: `const gh = await startEmulator(); ... await gh.close();`
export {
  Emulator,
  startEmulator,
  type EmulatorOptions,
  type RecordedRequest,
  type RequestFilter,
} from './server.js';
export type { FaultKind, FaultSpec } from './faults.js';
export { GitRepo, type CommitInfo, type CommitOptions, type TagInfo } from './git.js';
export type * from './state.js';
export type { EmulatorCore, Handler, Reply, RouteContext, RouteTable } from './types.js';
export { HttpError, notFound, validationFailed, unprocessable } from './errors.js';
export { pageReply, paginate } from './pagination.js';
export {
  TokenRegistry,
  requiredPermission,
  type MintOptions,
  type PermissionLevel,
  type PermissionScope,
  type TokenKind,
  type TokenRecord,
} from './tokens.js';
export type { RepoActor, RepoEvent, RepoEventListener } from './events.js';
export type { RulesetBypassActor, RulesetInput, RulesetRecord, RulesetRule } from './rulesets.js';
