/** Loads the function one entry point of an action runs (what its src/index.ts, post.ts or pre.ts awaits). */
export type EntryLoader = () => Promise<() => Promise<void>>;

/** The entry points of one action, as its action.yml declares them under `runs`. */
export interface StepEntries {
  main: EntryLoader;
  post?: EntryLoader;
  pre?: EntryLoader;
}
