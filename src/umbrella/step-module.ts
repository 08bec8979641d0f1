/** What the umbrella needs from an action's `src/main.ts`. */
export interface StepModule {
  run: () => Promise<void>;
  /** Present when the action's action.yml declares `runs.post`. */
  post?: () => Promise<void>;
  /** Present when the action's action.yml declares `runs.pre`. */
  pre?: () => Promise<void>;
}
