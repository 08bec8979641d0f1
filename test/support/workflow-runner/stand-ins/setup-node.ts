// Stand-in for actions/setup-node: the runner machine's own Node.js stands for the version the
// hosted image would install (the test world cannot download one). What it does not model, it
// says in the step log: the version asked for and the one on PATH. Caching is never modelled
// (`cache` other than empty fails the step, naming it). Inputs as in actions/setup-node v5+
// action.yml. https://github.com/actions/setup-node#usage
import type { StandIn } from './types.js';

const setupNode: StandIn = {
  inputs: {
    'node-version': undefined,
    'node-version-file': undefined,
    architecture: undefined,
    'check-latest': 'false',
    'registry-url': undefined,
    scope: undefined,
    token: undefined,
    cache: undefined,
    'package-manager-cache': 'true',
    'cache-dependency-path': undefined,
    mirror: undefined,
    'mirror-token': undefined,
  },
  async main(ctx) {
    if (ctx.inputs.cache) {
      throw new Error(`setup-node stand-in: cache '${ctx.inputs.cache}' is not modelled`);
    }
    const asked = ctx.inputs['node-version'] || ctx.inputs['node-version-file'] || '(none)';
    ctx.log(
      `setup-node stand-in: Node.js ${asked} requested; the runner machine's Node.js ${process.version} is used`,
    );
    ctx.setOutput('node-version', process.version);
  },
};

export default setupNode;
