// What a stand-in for a third-party action gets from the step runner.
import type { RepositorySettings, RunnerEmulator } from '../types.js';
import type { ArtifactStore } from './artifacts.js';

export interface StandInContext {
  /** `with:` of the step, evaluated */
  inputs: Record<string, string>;
  /** the step's process environment */
  env: Record<string, string>;
  workspace: string;
  runnerTemp: string;
  emulator: RunnerEmulator;
  settings: RepositorySettings;
  github: { repository: string; sha: string; ref: string; token: string; runId: string };
  /** the job's id in the run (`caller/called` for a called workflow's job) */
  job: string;
  /** the workflow run's artifacts (shared by every job of the run) */
  artifacts?: ArtifactStore;
  /** appends a line to the step's log (masked like every log line) */
  log(line: string): void;
  /** `::add-mask::` */
  mask(value: string): void;
  setOutput(name: string, value: string): void;
  /** values the post step gets back (GITHUB_STATE) */
  state: Record<string, string>;
}

export interface StandIn {
  /** the real action's action.yml inputs: name -> default (undefined = no default) */
  inputs: Record<string, string | undefined>;
  /** inputs whose action.yml has a deprecationMessage */
  deprecated?: Record<string, string>;
  main(ctx: StandInContext): Promise<void>;
  post?(ctx: StandInContext): Promise<void>;
  /** action.yml runs.post-if; default always() */
  postIf?: string;
}
