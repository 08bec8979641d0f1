import * as core from '@actions/core';

/**
 * The runner-facing port: inputs, outputs, job summary, state (for post steps). Actions get
 * `actionsIO()`; in-process tests hand in `memoryIO()` and read what was written.
 */
export interface ActionIO {
  /** The raw input ('' when unset), as the runner passes it in INPUT_<NAME>. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  setFailed(message: string): void;
}

export function actionsIO(): ActionIO {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    appendSummary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    setFailed: (message) => core.setFailed(message),
  };
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
      io.summary += `${markdown}\n`;
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
