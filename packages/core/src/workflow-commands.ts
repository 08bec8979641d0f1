import { appendFileSync, existsSync } from 'node:fs';
import { access, appendFile, constants } from 'node:fs/promises';
import { EOL } from 'node:os';
import { randomToken } from './random-token.js';

/**
 * The runner's side of an action: inputs from INPUT_* variables, workflow commands on stdout and
 * the GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands).
 *
 * Written out here, byte for byte what @actions/core writes, because @actions/core cannot be
 * bundled without undici: its OIDC helper imports @actions/http-client, which loads undici
 * (about 400 KiB, CommonJS, so a bundler cannot drop it) into every action whether or not it
 * asks for an OIDC token, which none of ours does. test/core/workflow-commands.test.ts holds the
 * two side by side.
 */

/** `::name key=value,key=value::message`, escaped as the runner unescapes it. */
export function issueCommand(
  name: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): void {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`);
}

// The runner's ActionCommand unescapes these (https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs).
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The input as the runner passes it (INPUT_<NAME>, spaces as _), trimmed; '' when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) return appendKeyValue('OUTPUT', name, value);
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, value);
}

export function saveState(name: string, value: string): void {
  if (process.env.GITHUB_STATE) return appendKeyValue('STATE', name, value);
  issueCommand('save-state', { name }, value);
}

/** What the main step saved, as the runner hands it to the post step (STATE_<name>). */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

/** `name<<delimiter` lines, so a value may span lines; the delimiter is random per call. */
function appendKeyValue(command: 'OUTPUT' | 'STATE', name: string, value: string): void {
  const path = process.env[`GITHUB_${command}`] as string;
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`);
  const delimiter = `ghadelimiter_${randomToken()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: ${name} should not contain the delimiter "${delimiter}"`);
  }
  appendFileSync(path, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

/** Appends markdown and a line end to the step's job summary file. */
export async function appendStepSummary(markdown: string): Promise<void> {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
    );
  }
  try {
    await access(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(
      `Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`,
    );
  }
  await appendFile(path, `${markdown}${EOL}`, 'utf8');
}
