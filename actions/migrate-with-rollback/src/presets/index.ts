import type { MigratePresetName } from '@promote/core/config/sections/migrate';
import { commandPreset } from './command.js';
import { d1Preset } from './d1.js';
import { frappePreset } from './frappe.js';
import { postgresPreset } from './postgres.js';
import { prismaPreset } from './prisma.js';
import { sqlitePreset } from './sqlite.js';
import type { Preset } from './types.js';

export const PRESETS: Record<MigratePresetName, Preset> = {
  frappe: frappePreset,
  d1: d1Preset,
  prisma: prismaPreset,
  postgres: postgresPreset,
  sqlite: sqlitePreset,
  command: commandPreset,
};

export type { Preset, CommandTemplate, ArgTemplate, BackupFormat, RestoreCheck } from './types.js';
