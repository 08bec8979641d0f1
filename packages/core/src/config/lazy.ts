/**
 * A value built on its first use and kept: the config schema is a tree of zod objects whose
 * construction (every `.optional().describe()` clones) cost ~45-50 ms of CPU when it ran at
 * import, at every start of every action, also of the sections an action never reads (issue #18).
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
