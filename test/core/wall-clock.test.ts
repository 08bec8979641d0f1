// Freeze windows, snapshot stamps and PR titles read the local clock through wallClock (Intl).
// It must read exactly what luxon, which they used before, reads: every instant, every zone
// kind (half-hour DST in Lord Howe, 45-minute offsets, southern-hemisphere DST, no DST). Both
// read the time zone database Node ships, through Intl, so they must agree to the minute.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { isUtcZone, wallClock } from '@promote/core/time';
import { propertySeed } from '../support/property-seed.js';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Africa/Casablanca',
  'UTC',
];

function luxonReading(instant: Date, zone: string) {
  const dt = DateTime.fromJSDate(instant, { zone });
  return {
    date: dt.toISODate(),
    time: dt.toFormat('HH:mm'),
    minuteOfDay: dt.hour * 60 + dt.minute,
    weekday: dt.weekday - 1,
  };
}

describe('the wall clock in a time zone', () => {
  test('reads what luxon reads, for any instant from 2000 to 2040 in any kind of zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          const instant = new Date(ms);
          expect(wallClock(instant, zone)).toEqual(luxonReading(instant, zone));
        },
      ),
      { numRuns: 2_000, seed: propertySeed() },
    );
  });

  test('reads what luxon reads around every 2026 change in Berlin and New York, minute by minute', () => {
    const changes = [
      ['Europe/Berlin', '2026-03-29T01:00:00Z'],
      ['Europe/Berlin', '2026-10-25T01:00:00Z'],
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
    ] as const;
    for (const [zone, change] of changes) {
      const at = Date.parse(change);
      for (let m = -120; m <= 120; m++) {
        const instant = new Date(at + m * 60_000);
        expect([instant, wallClock(instant, zone)]).toEqual([instant, luxonReading(instant, zone)]);
      }
    }
  });

  test('midnight reads 00:00, never 24:00', () => {
    expect(wallClock(new Date('2026-11-27T23:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-11-28',
      time: '00:00',
      minuteOfDay: 0,
      weekday: 5,
    });
  });

  test('UTC under any of its names reads what Intl reads, without building a formatter', () => {
    const names = ['UTC', 'utc', 'Etc/UTC', 'GMT', 'Etc/GMT', 'UCT', 'Etc/UCT', 'Zulu', 'Etc/Zulu'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...names),
        (ms, zone) => {
          expect(isUtcZone(zone)).toBe(true);
          const instant = new Date(ms);
          expect(wallClock(instant, zone)).toEqual(luxonReading(instant, 'UTC'));
        },
      ),
      { numRuns: 500, seed: propertySeed() },
    );
    // A zone at UTC+0 in winter is not UTC: London keeps summer time.
    expect(isUtcZone('Europe/London')).toBe(false);
    expect(wallClock(new Date('2026-07-01T12:00:00Z'), 'Europe/London').time).toBe('13:00');
  });

  test('a zone the database does not know is an error, not a guess', () => {
    expect(() => wallClock(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
