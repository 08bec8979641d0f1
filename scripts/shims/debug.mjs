// The `debug` package as secretlint's core uses it (a namespace logger printed only when the
// DEBUG variable names it), as a no-op in the bundles: an action's log is the runner's, and the
// package and its color detection cost ~8 KB in bundles that must stay under 1 MB.
function createDebug() {
  const log = () => {};
  log.enabled = false;
  log.extend = () => log;
  return log;
}
createDebug.enable = () => {};
createDebug.disable = () => '';
createDebug.enabled = () => false;
export default createDebug;
