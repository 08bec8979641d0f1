// Node's network modules (and crypto, child_process), taken when first used instead of
// imported. An ES module `import` of node:http, node:https or node:tls makes Node build the
// module's whole namespace, reading every lazily defined export, and node:http's load undici:
// measured on Node 24 for issue #18, `import` of node:http costs ~70 ms of CPU before a line of
// ours runs, process.getBuiltinModule ~0 ms. node:crypto's namespace reads its lazy webcrypto
// export too, and node:child_process loads dgram: a few ms of CPU at every start, for modules a
// run uses late or not at all. node:util's namespace costs ~12 ms of CPU the same way.
// https://nodejs.org/api/process.html#processgetbuiltinmoduleid
import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Tls from 'node:tls';
import type * as Util from 'node:util';
import type * as Zlib from 'node:zlib';

export const nodeHttp = (): typeof Http => process.getBuiltinModule('node:http');
export const nodeHttps = (): typeof Https => process.getBuiltinModule('node:https');
export const nodeTls = (): typeof Tls => process.getBuiltinModule('node:tls');
export const nodeCrypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');
export const nodeChildProcess = (): typeof ChildProcess =>
  process.getBuiltinModule('node:child_process');
export const nodeZlib = (): typeof Zlib => process.getBuiltinModule('node:zlib');
export const nodeUtil = (): typeof Util => process.getBuiltinModule('node:util');
