import { stat } from 'node:fs/promises';
import * as runner from './workflow-commands.js';
import { fitJobSummary } from './report.js';

/**
 * The runner-facing port: inputs, outputs, job summary, state (for post steps). Actions get
 * `actionsIO()`; in-process tests hand in `memoryIO()` and read what was written.
 */
export interface ActionIO {
  /** The raw input ('' when unset), as the runner passes it in INPUT_<NAME>. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Appends to the step's job summary, cut to fit GitHub's 1 MiB per step (fitJobSummary). */
  appendSummary(markdown: string): Promise<void>;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  setFailed(message: string): void;
}

export function actionsIO(): ActionIO {
  return {
    getInput: (name) => runner.getInput(name),
    setOutput: (name, value) => runner.setOutput(name, value),
    appendSummary: async (markdown) => {
      const fitted = fitJobSummary(markdown, await summaryBytes(process.env.GITHUB_STEP_SUMMARY));
      if (fitted !== undefined) await runner.appendStepSummary(fitted);
    },
    saveState: (name, value) => runner.saveState(name, value),
    getState: (name) => runner.getState(name),
    setFailed: (message) => {
      process.exitCode = 1;
      runner.issueCommand('error', {}, message);
    },
  };
}

/** Bytes already in the step summary file (anything earlier in the step wrote counts too). */
async function summaryBytes(path: string | undefined): Promise<number> {
  if (!path) return 0; // appendStepSummary says what is missing when it writes.
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export interface MemoryIO extends ActionIO {
  readonly inputs: Record<string, string>;
  readonly outputs: Record<string, string>;
  readonly state: Record<string, string>;
  summary: string;
  failed: string | undefined;
}

export function memoryIO(inputs: Record<string, string> = {}): MemoryIO {
  const io: MemoryIO = {
    inputs,
    outputs: {},
    state: {},
    summary: '',
    failed: undefined,
    getInput: (name) => (inputs[name] ?? '').trim(),
    setOutput: (name, value) => {
      io.outputs[name] = value;
    },
    appendSummary: async (markdown) => {
      const fitted = fitJobSummary(markdown, Buffer.byteLength(io.summary));
      if (fitted !== undefined) io.summary += `${fitted}\n`;
    },
    saveState: (name, value) => {
      io.state[name] = value;
    },
    getState: (name) => io.state[name] ?? '',
    setFailed: (message) => {
      io.failed = message;
    },
  };
  return io;
}
