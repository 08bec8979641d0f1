// Git's smart HTTP protocol for the emulated repository, served by real git (`git http-backend`,
// https://git-scm.com/docs/git-http-backend) so `git fetch` / `git clone` / `git ls-remote` reach
// the same bare repository the REST routes answer from. Read-only (upload-pack), as a fetch needs.
//
// Like github.com (https://docs.github.com/en/get-started/git-basics/about-remote-repositories#cloning-with-https-urls):
// - the repository is private: no credentials, 401 with `WWW-Authenticate: Basic realm="GitHub"`;
// - a token is the password of Basic auth (any user name, e.g. x-access-token, as actions/checkout
//   sends it in an `AUTHORIZATION: basic ...` extraheader), or a bearer header; a bad or revoked
//   token is 401, a minted token without `contents: read` 403;
// - partial clone filters are accepted (uploadpack.allowFilter, https://git-scm.com/docs/partial-clone)
//   and any reachable commit can be fetched by SHA (uploadpack.allowReachableSHA1InWant, what
//   actions/checkout's `git fetch origin +<sha>:...` relies on);
// - protocol v2 when the client asks for it (the Git-Protocol header, https://git-scm.com/docs/protocol-v2).
import { spawn } from 'node:child_process';
import type http from 'node:http';
import path from 'node:path';

/** `/<owner>/<repo>(.git)/info/refs` and `/<owner>/<repo>(.git)/git-upload-pack`. */
const SMART_PATH = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

export function isSmartHttpPath(pathname: string): boolean {
  return SMART_PATH.test(pathname);
}

export interface SmartHttpRepo {
  owner: string;
  repo: string;
  /** The bare repository. */
  dir: string;
}

export type SmartHttpAuth =
  { ok: true; login: string } | { ok: false; status: 401 | 403; message: string };

/** The token of a git HTTP request: Basic auth's password, or a bearer/token header. */
export function gitRequestToken(authorization: string | undefined): string | undefined {
  const basic = /^basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) || undefined : undefined;
  }
  return /^(?:token|bearer)\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
}

/**
 * Answers one smart-HTTP request through `git http-backend` and returns the status sent.
 * `authorize` decides from the token like GitHub does; the request body is passed on as bytes.
 */
export async function serveSmartHttp(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
  target: SmartHttpRepo,
  authorize: (token: string | undefined) => SmartHttpAuth,
): Promise<number> {
  const m = SMART_PATH.exec(url.pathname);
  const [owner, repo, endpoint] = [m?.[1] ?? '', m?.[2] ?? '', m?.[3] ?? ''];
  const plain = (status: number, text: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(text);
    return status;
  };
  const isPush =
    endpoint === 'git-receive-pack' || url.searchParams.get('service') === 'git-receive-pack';
  if (
    owner.toLowerCase() !== target.owner.toLowerCase() ||
    repo.toLowerCase() !== target.repo.toLowerCase()
  )
    return plain(404, 'Repository not found.\n');
  const auth = authorize(gitRequestToken(req.headers.authorization));
  if (!auth.ok) {
    return plain(
      auth.status,
      `${auth.message}\n`,
      auth.status === 401 ? { 'www-authenticate': 'Basic realm="GitHub"' } : {},
    );
  }
  // Pushes go through the REST routes in this emulator; the smart endpoint is read-only.
  if (isPush) return plain(403, 'Write access to repository not granted.\n');

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_PROJECT_ROOT: path.dirname(target.dir),
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${path.basename(target.dir)}/${endpoint}`,
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: url.search.replace(/^\?/, ''),
    CONTENT_TYPE: String(req.headers['content-type'] ?? ''),
    CONTENT_LENGTH: String(body.length),
    REMOTE_USER: auth.login,
    REMOTE_ADDR: '127.0.0.1',
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'uploadpack.allowFilter',
    GIT_CONFIG_VALUE_0: 'true',
    GIT_CONFIG_KEY_1: 'uploadpack.allowReachableSHA1InWant',
    GIT_CONFIG_VALUE_1: 'true',
  };
  const encoding = req.headers['content-encoding'];
  if (typeof encoding === 'string') env.HTTP_CONTENT_ENCODING = encoding;
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol;

  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  child.stdin.end(body);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (c) => resolve(c ?? 1));
  });
  const raw = Buffer.concat(out);
  // CGI response: headers, a blank line, the body (https://www.rfc-editor.org/rfc/rfc3875#section-6).
  const split = raw.indexOf('\r\n\r\n');
  if (code !== 0 && split < 0)
    return plain(500, `git http-backend failed: ${Buffer.concat(err).toString('utf8')}`);
  const head = raw.subarray(0, split).toString('utf8');
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') status = Number(value.split(' ')[0]) || 200;
    else headers[name] = value;
  }
  res.writeHead(status, headers).end(raw.subarray(split + 4));
  return status;
}
