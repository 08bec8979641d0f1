import type { Preset } from './types.js';

/** Every step is the user's command (`overrides.<step>.run`); backup, migrate and restore are required. */
export const commandPreset: Preset = {
  name: 'command',
  tool: 'your commands',
  backupFile: '{backupId}.backup',
  backupFormat: 'opaque',
  restoreCheck: 'none',
  requires: [],
  steps: {},
};
