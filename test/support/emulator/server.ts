// The emulator's HTTP pipeline: match the operation in GitHub's description, apply faults,
// authenticate, validate the request, run the route, validate the response, answer, count.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { checkParams, checkRequestBody, checkResponse } from './contract.js';
import { HttpError } from './errors.js';
import { Faults, SECONDARY_RATE_LIMIT_MESSAGE, type FaultKind } from './faults.js';
import { GitRepo } from './git.js';
import { openApi, type OpenApiOperation } from './openapi.js';
import type { RepoActor, RepoEvent, RepoEventListener } from './events.js';
import { allRoutes } from './routes/index.js';
import { normalizeRuleset, type RulesetInput, type RulesetRecord } from './rulesets.js';
import {
  gitRequestToken,
  isSmartHttpPath,
  serveSmartHttp,
  type SmartHttpAuth,
} from './smart-http.js';
import { createState, type EmulatorState } from './state.js';
import {
  allows,
  APP_ONLY_OPERATIONS,
  requiredPermission,
  TokenRegistry,
  type TokenRecord,
} from './tokens.js';
import type { EmulatorCore, Reply, RouteContext, RouteTable } from './types.js';

export interface EmulatorOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** validate requests and responses against GitHub's OpenAPI description (default true) */
  validate?: boolean;
  /** extra or replacement routes for this emulator only (operationId -> handler) */
  routes?: RouteTable;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  operationId?: string;
  status: number;
  /** parsed JSON body of writes (POST/PUT/PATCH/DELETE) */
  body?: unknown;
  rawBody?: string;
  headers: http.IncomingHttpHeaders;
  token?: string;
  login?: string;
  fault?: FaultKind;
  /** A git smart-HTTP request (`git fetch` / `ls-remote`), not a REST call. */
  git?: boolean;
}

export interface RequestFilter {
  method?: string;
  operationId?: string;
  path?: RegExp | string;
  /** only POST/PUT/PATCH/DELETE */
  writes?: boolean;
  status?: number;
  /** true: only git smart-HTTP requests; false: only REST requests. */
  git?: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class Emulator implements EmulatorCore {
  readonly state: EmulatorState;
  readonly faults = new Faults();
  readonly requests: RecordedRequest[] = [];
  /** responses that broke GitHub's schema (each also answered 500): a test seeing any has found an emulator bug */
  readonly contractViolations: string[] = [];
  /** operations a caller used that no route implements (answered 501) */
  readonly unimplemented: string[] = [];
  /** unexpected exceptions inside routes (answered 500) */
  readonly errors: string[] = [];
  readonly debug = {
    /** Mutates the next response body of `operationId` after the route built it (to prove validation). */
    corruptNextResponse: (operationId: string, mutate: (body: any) => unknown) => {
      this.corruptions.set(operationId, mutate);
    },
  };
  /** tokens with GitHub's permission model: `tokens.mint({ kind, permissions, login?, bypass? })` */
  readonly tokens = new TokenRegistry();
  readonly routes: RouteTable;
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly validate: boolean;
  url = '';
  private idCounter = 1000;
  private numberCounter = 0;
  private readonly corruptions = new Map<string, (body: any) => unknown>();
  private server?: http.Server;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly listeners = new Set<RepoEventListener>();
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    readonly git: GitRepo,
    opts: EmulatorOptions,
  ) {
    this.owner = opts.owner ?? 'acme';
    this.repo = opts.repo ?? 'app';
    this.defaultBranch = opts.defaultBranch ?? 'main';
    this.validate = opts.validate ?? true;
    this.state = createState(this.owner);
    this.routes = { ...allRoutes(), ...opts.routes };
  }

  get apiRepo(): string {
    return `${this.url}/repos/${this.owner}/${this.repo}`;
  }

  get htmlRepo(): string {
    return `https://github.com/${this.owner}/${this.repo}`;
  }

  nextId(): number {
    return ++this.idCounter;
  }

  nextNumber(): number {
    return ++this.numberCounter;
  }

  /** The emulator's clock (timestamps on PRs, check runs, releases...); tests may replace it. */
  clock: () => Date = () => new Date();

  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  /** Subscribes to repository events (push, pull_request, workflow_dispatch ...); returns the unsubscribe. */
  onEvent(listener: RepoEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Delivers an event to every listener, on a later turn (never inside a request). A listener's
   * error is recorded in `errors`, never thrown back.
   */
  emit(event: RepoEvent): void {
    const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      for (const listener of [...this.listeners]) {
        try {
          await listener(event);
        } catch (e) {
          this.errors.push(`event listener for ${event.name}: ${String((e as Error)?.stack ?? e)}`);
        }
      }
    });
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  /**
   * Resolves when no request is being handled: a request whose caller gave up (a timeout) still
   * lands, as on GitHub, so a test judges the final state only after the last one has.
   */
  async drained(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves when every event emitted so far has been delivered to its listeners. */
  async settled(): Promise<void> {
    while (this.deliveries.size) await Promise.all([...this.deliveries]);
  }

  /** Adds a repository ruleset (GitHub's shape; defaults: active, branch, `~DEFAULT_BRANCH`). */
  addRuleset(input: RulesetInput): RulesetRecord {
    const ruleset = normalizeRuleset(input.id ?? this.nextId(), input);
    this.state.rulesets.push(ruleset);
    return ruleset;
  }

  async listen(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const handled = this.handle(req, res);
      this.inFlight.add(handled);
      void handled.finally(() => this.inFlight.delete(handled)).catch(() => undefined);
      handled.catch((e: unknown) => {
        this.errors.push(String((e as Error)?.stack ?? e));
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.faults.clear();
    this.listeners.clear();
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    }
    await this.git.remove();
  }

  countRequests(filter: RequestFilter = {}): number {
    return this.filterRequests(filter).length;
  }

  filterRequests(filter: RequestFilter = {}): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        (!filter.method || r.method === filter.method.toUpperCase()) &&
        (!filter.operationId || r.operationId === filter.operationId) &&
        (!filter.writes || WRITE_METHODS.has(r.method)) &&
        (filter.status === undefined || r.status === filter.status) &&
        (filter.git === undefined || (r.git === true) === filter.git) &&
        (!filter.path ||
          (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))),
    );
  }

  resetCounters(): void {
    this.requests.length = 0;
  }

  /** Every URL and body sent to the emulator, as one text (for secret scans). */
  allRequestBodies(): string {
    return this.requests
      .map((r) => `${r.method} ${r.path}${r.query}\n${r.rawBody ?? ''}`)
      .join('\n');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = (req.method ?? 'GET').toUpperCase();
    const requestUrl = new URL(req.url ?? '/', this.url);
    if (isSmartHttpPath(requestUrl.pathname))
      return this.handleGit(req, res, requestUrl, Buffer.concat(chunks));
    const rawBody = Buffer.concat(chunks).toString('utf8');
    // GitHub Enterprise Server serves the API under /api/v3.
    const pathname = requestUrl.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const auth = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const token = auth?.[1]?.trim();
    const record: RecordedRequest = {
      method,
      path: pathname,
      query: requestUrl.search,
      status: 0,
      headers: req.headers,
      ...(token ? { token } : {}),
      ...(rawBody ? { rawBody } : {}),
    };
    this.requests.push(record);
    const matched = openApi().match(method, pathname);
    if (matched) record.operationId = matched.op.operationId;

    const fault = this.faults.take({
      method,
      path: pathname,
      operationId: matched?.op.operationId,
    });
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'reset') {
      record.status = -1;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') {
      if (fault.untilAbandoned) await abandoned(res);
      else await (fault.until ?? delay(fault.delayMs ?? 1000, undefined, { ref: false }));
    }
    if (fault?.kind === '5xx') {
      return this.send(res, record, {
        status: fault.status ?? 502,
        body: { message: 'Server Error' },
      });
    }
    if (fault?.kind === 'secondary-rate-limit') {
      return this.send(res, record, {
        status: 403,
        body: {
          message: SECONDARY_RATE_LIMIT_MESSAGE,
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        },
        headers: { 'retry-after': '1' },
      });
    }
    if (fault?.kind === 'rate-limit') {
      // GITHUB_TOKEN has 1,000 requests per hour per repository
      // (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#primary-rate-limit-for-github_token-in-github-actions).
      return this.send(res, record, {
        status: 403,
        body: {
          message: 'API rate limit exceeded for installation ID 1.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
        },
        headers: {
          'x-ratelimit-limit': '1000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '1000',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
        },
      });
    }

    const accept = String(req.headers.accept ?? '');
    const events: RepoEvent[] = [];
    const reply = await this.dispatch(matched, {
      method,
      requestUrl,
      rawBody,
      token,
      record,
      accept,
      events,
    });
    // Events follow the answer (a listener never runs inside the request), and only a success has any.
    const flush = () => {
      if (reply.status < 400) for (const e of events) this.emit(e);
    };
    if (fault?.kind === 'crash-after-write') {
      // Applied; the answer never comes (the socket stays open until the caller dies or close()).
      record.status = reply.status;
      fault.onApplied?.({ method, path: pathname, operationId: matched?.op.operationId });
      flush();
      return;
    }
    if (fault?.kind === 'lost-response') {
      // The side effect happened; the caller never learns it (then retries the create).
      record.status = reply.status;
      req.socket.destroy();
      flush();
      return;
    }
    this.send(res, record, reply);
    flush();
  }

  /** `git fetch` over smart HTTP (smart-http.ts): counted with the REST requests, marked `git`. */
  private async handleGit(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    requestUrl: URL,
    body: Buffer,
  ): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = {
      method,
      path: requestUrl.pathname,
      query: requestUrl.search,
      status: 0,
      headers: req.headers,
      git: true,
    };
    const token = gitRequestToken(req.headers.authorization);
    if (token) record.token = token;
    this.requests.push(record);
    const fault = this.faults.take({ method, path: requestUrl.pathname });
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'reset') {
      record.status = -1;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === '5xx') {
      record.status = fault.status ?? 502;
      res.writeHead(record.status).end();
      return;
    }
    record.status = await serveSmartHttp(
      req,
      res,
      requestUrl,
      body,
      { owner: this.owner, repo: this.repo, dir: this.git.dir },
      (t) => this.authorizeGit(t),
    );
  }

  /** GitHub's answer to a git client: private repository, token as password, contents: read. */
  private authorizeGit(token: string | undefined): SmartHttpAuth {
    if (!token) return { ok: false, status: 401, message: 'Authentication required' };
    try {
      const caller = this.authenticate(token);
      if (caller.minted && !allows(caller.minted, { scopes: ['contents'], level: 'read' }))
        return { ok: false, status: 403, message: 'Permission to read repository denied.' };
      return { ok: true, login: caller.login };
    } catch {
      return { ok: false, status: 401, message: 'Invalid username or token.' };
    }
  }

  private async dispatch(
    matched: ReturnType<ReturnType<typeof openApi>['match']>,
    req: {
      method: string;
      accept: string;
      requestUrl: URL;
      rawBody: string;
      token?: string;
      record: RecordedRequest;
      events: RepoEvent[];
    },
  ): Promise<Reply> {
    if (!matched) return errorReply(undefined, new HttpError(404, 'Not Found'));
    const { op } = matched;
    try {
      const caller = this.authenticate(req.token);
      const login = caller.login;
      req.record.login = login;
      if (caller.minted) this.authorize(op, caller.minted);
      let body: unknown;
      if (req.rawBody.trim()) {
        try {
          body = JSON.parse(req.rawBody);
        } catch {
          throw new HttpError(400, 'Problems parsing JSON');
        }
      }
      if (WRITE_METHODS.has(req.method) && body !== undefined) req.record.body = body;
      const params: Record<string, unknown> = { ...matched.params };
      if ('owner' in params && 'repo' in params) {
        if (
          String(params.owner).toLowerCase() !== this.owner.toLowerCase() ||
          String(params.repo).toLowerCase() !== this.repo.toLowerCase()
        ) {
          throw new HttpError(404, 'Not Found');
        }
      }
      const query: Record<string, unknown> = {};
      for (const key of new Set(req.requestUrl.searchParams.keys())) {
        const all = req.requestUrl.searchParams.getAll(key);
        query[key] = all.length > 1 ? all : all[0];
      }
      if (this.validate) {
        const bad = checkParams(op, params, query);
        if (bad?.where === 'path') throw new HttpError(404, 'Not Found');
        if (bad) throw new HttpError(422, bad.problem.message, { errors: bad.problem.errors });
        const badBody = checkRequestBody(op, body);
        if (badBody) throw new HttpError(422, badBody.message, { errors: badBody.errors });
      }
      const handler = this.routes[op.operationId];
      if (!handler) {
        this.unimplemented.push(op.operationId);
        return errorReply(
          op,
          new HttpError(
            501,
            `emulator: ${op.operationId} (${op.method} ${op.pathTemplate}) is not implemented; add it in test/support/emulator/routes/<area>.ts`,
          ),
        );
      }
      const ctx: RouteContext = {
        emu: this,
        op,
        params,
        query,
        rawQuery: req.requestUrl.searchParams,
        body,
        login,
        actor: caller.actor,
        bypass: caller.minted?.bypass === true,
        emit: (event) => req.events.push(event),
        listening: this.listeners.size > 0,
        requestUrl: req.requestUrl,
        accept: req.accept,
      };
      const reply = await handler(ctx);
      return this.checkReply(op, reply);
    } catch (e) {
      if (e instanceof HttpError) return this.checkReply(op, errorReply(op, e));
      const message = `emulator error in ${op.operationId}: ${String((e as Error)?.stack ?? e)}`;
      this.errors.push(message);
      return { status: 500, body: { message, documentation_url: op.docsUrl, status: '500' } };
    }
  }

  private checkReply(op: OpenApiOperation, reply: Reply): Reply {
    const corrupt = this.corruptions.get(op.operationId);
    if (corrupt && reply.status < 300) {
      this.corruptions.delete(op.operationId);
      const copy = structuredClone(reply.body);
      const mutated = corrupt(copy);
      reply = { ...reply, body: mutated === undefined ? copy : mutated };
    }
    // Raw media types (a diff, a patch) are text, outside the JSON schemas.
    if (!this.validate || typeof reply.body === 'string') return reply;
    const violation = checkResponse(op, reply.status, reply.body);
    if (!violation) return reply;
    this.contractViolations.push(violation);
    return {
      status: 500,
      body: {
        message: `emulator contract violation: ${violation}`,
        documentation_url: op.docsUrl,
        status: '500',
      },
    };
  }

  /**
   * Who is calling. A minted token is enforced; no token, or a token of the legacy `state.tokens`
   * map, acts with full access (as every test before the registry expects).
   */
  private authenticate(token: string | undefined): {
    login: string;
    actor: RepoActor;
    minted?: TokenRecord;
  } {
    const legacy = (login: string) => ({
      login,
      actor: { login, tokenKind: 'default' as const, startsWorkflows: true },
    });
    if (!token) return legacy(this.state.defaultLogin);
    const kind = this.tokens.classify(token);
    if (kind === 'refused') throw new HttpError(401, 'Bad credentials');
    if (kind === 'minted') {
      const minted = this.tokens.describe(token) as TokenRecord;
      const login = minted.login as string;
      return {
        login,
        minted,
        actor: { login, tokenKind: minted.kind, startsWorkflows: minted.kind !== 'github-token' },
      };
    }
    const known = this.state.tokens[token];
    if (known) return legacy(known);
    if (Object.keys(this.state.tokens).length > 0) throw new HttpError(401, 'Bad credentials');
    return legacy(this.state.defaultLogin);
  }

  /**
   * GitHub's permission check for a minted token. A GITHUB_TOKEN or App token without the scope:
   * 403 `Resource not accessible by integration` (e.g. joshmfrankel/simplecov-check-action#14,
   * https://github.com/joshmfrankel/simplecov-check-action/pull/14). A PAT creating a check run:
   * 403 `You must authenticate via a GitHub App.` (EnricoMi/publish-unit-test-result-action#53,
   * https://github.com/EnricoMi/publish-unit-test-result-action/issues/53; dorny/test-reporter#150).
   */
  private authorize(op: OpenApiOperation, token: TokenRecord): void {
    if (token.kind === 'pat') {
      if (APP_ONLY_OPERATIONS.has(op.operationId))
        throw new HttpError(403, 'You must authenticate via a GitHub App.');
      return;
    }
    if (!allows(token, requiredPermission(op)))
      throw new HttpError(403, 'Resource not accessible by integration');
  }

  private send(res: http.ServerResponse, record: RecordedRequest, reply: Reply): void {
    record.status = reply.status;
    const used = this.requests.length;
    const headers: Record<string, string> = {
      'x-github-request-id': `EMU:${String(used)}`,
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - used)),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
    };
    if (reply.status === 204 || reply.status === 304 || reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
    res.writeHead(reply.status, headers).end(text);
  }
}

/** Resolves when the caller closes the connection before an answer (its client timeout fired). */
function abandoned(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.socket?.destroyed ?? true) resolve();
    else res.once('close', () => resolve());
  });
}

function errorReply(op: OpenApiOperation | undefined, e: HttpError): Reply {
  return {
    status: e.status,
    body: {
      message: e.message,
      ...(e.extra.errors ? { errors: e.extra.errors } : {}),
      documentation_url: op?.docsUrl ?? 'https://docs.github.com/rest',
      status: String(e.status),
    },
    headers: e.extra.headers,
  };
}

/** Starts an emulator for one repository (default acme/app, branch main) on a loopback port. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  openApi(); // parse once per process, before the first request
  const git = await GitRepo.create(opts.defaultBranch ?? 'main');
  const emulator = new Emulator(git, opts);
  await emulator.listen();
  return emulator;
}
