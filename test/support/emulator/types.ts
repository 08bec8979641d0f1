// The contract between the server and the route files.
import type { GitRepo } from './git.js';
import type { OpenApiOperation } from './openapi.js';
import type { RepoActor, RepoEvent } from './events.js';
import type { EmulatorState } from './state.js';

/** What a route handler may use: the repository's identity, its state, its git and URL helpers. */
export interface EmulatorCore {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  /** the server's base URL, e.g. http://127.0.0.1:43567 */
  readonly url: string;
  readonly state: EmulatorState;
  readonly git: GitRepo;
  /** a fresh id, unique within this emulator */
  nextId(): number;
  /** the next issue/pull number (shared numbering, as on GitHub) */
  nextNumber(): number;
  /** the emulator's clock (replaceable by tests) */
  clock: () => Date;
  /** ISO time without milliseconds, as GitHub writes timestamps */
  now(): string;
  /** `${url}/repos/${owner}/${repo}` */
  readonly apiRepo: string;
  /** `https://github.com/${owner}/${repo}` */
  readonly htmlRepo: string;
}

export interface RouteContext {
  emu: EmulatorCore;
  op: OpenApiOperation;
  /** path parameters, decoded and coerced to their schema types */
  params: Record<string, any>;
  /** query parameters coerced to their schema types, with schema defaults filled in */
  query: Record<string, any>;
  /** the query as sent (to tell "per_page given" from "defaulted") */
  rawQuery: URLSearchParams;
  body: any;
  /** login of the caller (from the token) */
  login: string;
  /** who is calling, for event payloads (`startsWorkflows` false for a GITHUB_TOKEN) */
  actor: RepoActor;
  /** the caller may bypass branch protection and rulesets (a minted token with `bypass: true`) */
  bypass: boolean;
  /** queues an event; delivered to `onEvent` listeners after the response is sent (not on errors) */
  emit(event: RepoEvent): void;
  /** whether any `onEvent` listener is subscribed (events, and the refs/pull refs, cost git work) */
  listening: boolean;
  requestUrl: URL;
  /** the Accept header (e.g. application/vnd.github.diff for a raw diff) */
  accept: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => Promise<Reply> | Reply;

/** operationId (as in GitHub's OpenAPI description, e.g. 'pulls/create') -> handler */
export type RouteTable = Record<string, Handler>;
