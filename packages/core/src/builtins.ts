// Node's network modules, taken when first used instead of imported. An ES module `import` of
// node:http, node:https or node:tls makes Node build the module's whole namespace, reading every
// lazily defined export, and node:http's load undici: measured on Node 24 for issue #18, `import`
// of node:http costs ~70 ms of CPU before a line of ours runs, process.getBuiltinModule ~0 ms.
// https://nodejs.org/api/process.html#processgetbuiltinmoduleid
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Tls from 'node:tls';
import type * as Zlib from 'node:zlib';

export const nodeHttp = (): typeof Http => process.getBuiltinModule('node:http');
export const nodeHttps = (): typeof Https => process.getBuiltinModule('node:https');
export const nodeTls = (): typeof Tls => process.getBuiltinModule('node:tls');
export const nodeZlib = (): typeof Zlib => process.getBuiltinModule('node:zlib');
