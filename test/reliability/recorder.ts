// Scenario outcomes for the report: appended as JSON lines to $PROMOTE_RELIABILITY_RESULTS
// (set by scripts/reliability-report.ts); a no-op otherwise.
import { appendFileSync } from 'node:fs';
import type { ScenarioGroup } from './scenarios.js';

export type Outcome = 'passed' | 'state-wrong' | 'failed';

export function record(group: ScenarioGroup, scenario: string, outcome: Outcome): void {
  const file = process.env.PROMOTE_RELIABILITY_RESULTS;
  if (!file) return;
  appendFileSync(file, JSON.stringify({ group, scenario, outcome }) + '\n');
}

export const isFullTier = () => process.env.PROMOTE_RELIABILITY === 'full';
