/**
 * DORA performance bands. Thresholds from the software delivery performance clusters of the
 * Accelerate State of DevOps Report 2023 (DORA, Google Cloud: https://dora.dev/research/2023/dora-report/,
 * "How do you compare?"): elite deploys on demand, changes in under a day, 5% failed, recovery
 * in under an hour; high between daily and weekly, a day to a week, 10%, under a day; medium
 * between weekly and monthly, a week to a month, 15%, a day to a week; low below that. Where the
 * report gives a range, the band's boundary is the range's slower end; where low repeats
 * medium's range (deployment frequency, lead time), low is what is slower than medium.
 * docs/delivery-report.md lists them in a table.
 */

export type Band = 'elite' | 'high' | 'medium' | 'low';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface BandRule {
  measure: string;
  /** The threshold of each band better than low, as the report states it. */
  thresholds: { band: Exclude<Band, 'low'>; text: string }[];
  band(value: number): Band;
}

/** Successful deploys per week (the period's average). On demand ~ at least daily: 7 a week. */
export const deploymentFrequencyBand: BandRule = {
  measure: 'deployment frequency',
  thresholds: [
    { band: 'elite', text: 'on demand (at least daily: 7 or more a week)' },
    { band: 'high', text: 'between once a day and once a week (1 or more a week)' },
    { band: 'medium', text: 'between once a week and once a month (12 or more a year)' },
  ],
  band: (perWeek) =>
    perWeek >= 7 ? 'elite' : perWeek >= 1 ? 'high' : perWeek >= 12 / 52 ? 'medium' : 'low',
};

/** Median lead time for changes, ms. */
export const leadTimeBand: BandRule = {
  measure: 'lead time for changes',
  thresholds: [
    { band: 'elite', text: 'less than one day' },
    { band: 'high', text: 'between one day and one week' },
    { band: 'medium', text: 'between one week and one month' },
  ],
  band: (ms) => (ms < DAY ? 'elite' : ms <= 7 * DAY ? 'high' : ms <= 30 * DAY ? 'medium' : 'low'),
};

/** Change failure rate, a fraction 0..1. */
export const changeFailureRateBand: BandRule = {
  measure: 'change failure rate',
  thresholds: [
    { band: 'elite', text: '5% or less' },
    { band: 'high', text: '10% or less' },
    { band: 'medium', text: '15% or less' },
  ],
  band: (rate) => (rate <= 0.05 ? 'elite' : rate <= 0.1 ? 'high' : rate <= 0.15 ? 'medium' : 'low'),
};

/** Median time to restore, ms. */
export const timeToRestoreBand: BandRule = {
  measure: 'time to restore',
  thresholds: [
    { band: 'elite', text: 'less than one hour' },
    { band: 'high', text: 'less than one day' },
    { band: 'medium', text: 'between one day and one week' },
  ],
  band: (ms) => (ms < HOUR ? 'elite' : ms < DAY ? 'high' : ms <= 7 * DAY ? 'medium' : 'low'),
};

export const BANDS_SOURCE = {
  title: 'Accelerate State of DevOps Report 2023 (DORA)',
  url: 'https://dora.dev/research/2023/dora-report/',
};
