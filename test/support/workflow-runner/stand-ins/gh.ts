// A small `gh` stand-in on every job's PATH (the GitHub CLI is not installed here): `gh api
// <endpoint> [--jq <expr>] [-X <method>] [-f/-F key=value] [-H header]`, against the emulator
// (GITHUB_API_URL), authenticated by GH_TOKEN or GITHUB_TOKEN as gh does in Actions. `{owner}`
// and `{repo}` placeholders are filled from GITHUB_REPOSITORY; `--jq` runs jq with raw string
// output, like gh. Errors: gh's "gh: <message> (HTTP <status>)" on stderr, exit 1.
// https://cli.github.com/manual/gh_api
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = String.raw`
import { spawnSync } from 'node:child_process';
const argv = process.argv.slice(2);
const fail = (msg, code = 1) => { process.stderr.write(msg + '\n'); process.exit(code); };
if (argv[0] !== 'api') fail('gh stand-in: only "gh api" is implemented (got: gh ' + argv.join(' ') + ')', 2);
const token = process.env.GH_TOKEN || process.env.GITHUB_TOKEN;
if (!token) fail('gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable. Example:\n  env:\n    GH_TOKEN: $' + '{{ github.token }}', 4);
let endpoint; let jq; let method; const fields = {}; const headers = {};
for (let i = 1; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--jq' || a === '-q') jq = argv[++i];
  else if (a === '-X' || a === '--method') method = argv[++i];
  else if (a === '-f' || a === '--raw-field' || a === '-F' || a === '--field') {
    const kv = argv[++i]; const eq = kv.indexOf('=');
    let v = kv.slice(eq + 1);
    if (a === '-F' || a === '--field') v = v === 'true' ? true : v === 'false' ? false : /^-?\d+$/.test(v) ? Number(v) : v;
    fields[kv.slice(0, eq)] = v;
  } else if (a === '-H' || a === '--header') { const h = argv[++i]; const c = h.indexOf(':'); headers[h.slice(0, c).trim()] = h.slice(c + 1).trim(); }
  else if (a.startsWith('-')) fail('gh stand-in: flag ' + a + ' is not implemented', 2);
  else endpoint = a;
}
if (!endpoint) fail('gh stand-in: gh api needs an endpoint', 2);
const [owner, repo] = (process.env.GITHUB_REPOSITORY || '/').split('/');
endpoint = endpoint.replace('{owner}', owner).replace('{repo}', repo).replace(/^\//, '');
const base = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
const hasFields = Object.keys(fields).length > 0;
method = method || (hasFields ? 'POST' : 'GET');
let url = base + '/' + endpoint;
let body;
if (hasFields && method === 'GET') url += (url.includes('?') ? '&' : '?') + new URLSearchParams(fields).toString();
else if (hasFields) body = JSON.stringify(fields);
const res = await fetch(url, { method, body, headers: { accept: 'application/vnd.github+json', authorization: 'token ' + token, 'content-type': 'application/json', 'user-agent': 'GitHub CLI stand-in', ...headers } });
const text = await res.text();
if (res.status >= 400) {
  let message = text; try { message = JSON.parse(text).message; } catch {}
  process.stdout.write(text + '\n');
  fail('gh: ' + message + ' (HTTP ' + res.status + ')');
}
if (jq !== undefined) {
  const out = spawnSync('jq', ['-r', jq], { input: text || 'null', encoding: 'utf8' });
  process.stdout.write(out.stdout); process.stderr.write(out.stderr);
  process.exit(out.status ?? 1);
}
process.stdout.write(text ? JSON.stringify(JSON.parse(text), null, 2) + '\n' : '');
`;

/** Writes `gh` into `<dir>/bin` and returns that directory (to put first on PATH). */
export function installGh(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(dir, 'gh.mjs'), SCRIPT);
  writeFileSync(
    join(bin, 'gh'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(dir, 'gh.mjs')}" "$@"\n`,
  );
  chmodSync(join(bin, 'gh'), 0o755);
  return bin;
}
