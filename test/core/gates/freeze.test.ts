import { evaluateFreeze, windowCovers } from '../../../packages/core/src/freeze.js';
import {
  preflightSection,
  type FreezeWindow,
} from '../../../packages/core/src/config/sections/preflight.js';

const windows = (raw: unknown[]): FreezeWindow[] =>
  preflightSection().parse({ freeze: raw }).freeze!;
const fridayAfternoon = windows([{ days: ['fri'], from: '14:00', timezone: 'Europe/Berlin' }]);

describe('freeze windows in IANA zones', () => {
  test('Friday 14:30 in Berlin (winter, UTC+1) is inside "Friday from 14:00"', () => {
    const d = evaluateFreeze(new Date('2026-11-27T13:30:00Z'), fridayAfternoon, 'UTC');
    expect(d.frozen).toBe(true);
    expect(d.localTime).toBe('Friday 14:30 Europe/Berlin');
    expect(d.description).toBe('freeze fri from 14:00 Europe/Berlin');
  });

  test('Friday 13:59 in Berlin is still open, Wednesday 14:30 too', () => {
    expect(evaluateFreeze(new Date('2026-11-27T12:59:00Z'), fridayAfternoon, 'UTC').frozen).toBe(
      false,
    );
    const wed = evaluateFreeze(new Date('2026-11-25T13:30:00Z'), fridayAfternoon, 'Europe/Berlin');
    expect(wed).toEqual({ frozen: false, localTime: 'Wednesday 14:30 Europe/Berlin' });
  });

  test('the Friday after Berlin springs forward (2026-03-29): 14:00 local is 12:00 UTC', () => {
    // Before the change (Fri 27 March, UTC+1) 12:30 UTC is 13:30 local: open.
    expect(windowCovers(fridayAfternoon[0]!, new Date('2026-03-27T12:30:00Z'), 'UTC')).toBe(false);
    // After it (Fri 3 April, UTC+2) the same 12:30 UTC is 14:30 local: frozen.
    expect(windowCovers(fridayAfternoon[0]!, new Date('2026-04-03T12:30:00Z'), 'UTC')).toBe(true);
  });

  test('the week Berlin falls back (2026-10-25): Friday 30 Oct 13:30 UTC is 14:30 local, frozen; 12:30 UTC is open', () => {
    expect(windowCovers(fridayAfternoon[0]!, new Date('2026-10-30T13:30:00Z'), 'UTC')).toBe(true);
    expect(windowCovers(fridayAfternoon[0]!, new Date('2026-10-30T12:30:00Z'), 'UTC')).toBe(false);
  });

  test('New York DST weeks (2026-03-08 forward, 2026-11-01 back) with the section time zone', () => {
    const ny = windows([{ days: ['fri'], from: '16:00' }]);
    // Fri 6 March (EST, UTC-5): 21:00 UTC is 16:00 local.
    expect(evaluateFreeze(new Date('2026-03-06T20:59:00Z'), ny, 'America/New_York').frozen).toBe(
      false,
    );
    expect(evaluateFreeze(new Date('2026-03-06T21:00:00Z'), ny, 'America/New_York').frozen).toBe(
      true,
    );
    // Fri 13 March (EDT, UTC-4): 20:00 UTC is 16:00 local; a fixed -05:00 offset would say 15:00.
    expect(evaluateFreeze(new Date('2026-03-13T20:00:00Z'), ny, 'America/New_York').frozen).toBe(
      true,
    );
    expect(evaluateFreeze(new Date('2026-03-13T19:59:00Z'), ny, 'America/New_York').frozen).toBe(
      false,
    );
    // Fri 30 Oct (EDT) and Fri 6 Nov (EST) around the fall-back Sunday.
    expect(evaluateFreeze(new Date('2026-10-30T20:00:00Z'), ny, 'America/New_York').frozen).toBe(
      true,
    );
    expect(evaluateFreeze(new Date('2026-11-06T20:30:00Z'), ny, 'America/New_York').frozen).toBe(
      false,
    );
    expect(evaluateFreeze(new Date('2026-11-06T21:00:00Z'), ny, 'America/New_York').localTime).toBe(
      'Friday 16:00 America/New_York',
    );
  });

  test('a night window crossing midnight covers Saturday 01:00 but not Saturday 03:00', () => {
    const night = windows([
      { days: ['fri'], from: '22:00', to: '02:00', timezone: 'Europe/Berlin' },
    ]);
    expect(windowCovers(night[0]!, new Date('2026-11-27T22:30:00Z'), 'UTC')).toBe(true); // Fri 23:30
    expect(windowCovers(night[0]!, new Date('2026-11-28T00:00:00Z'), 'UTC')).toBe(true); // Sat 01:00
    expect(windowCovers(night[0]!, new Date('2026-11-28T02:00:00Z'), 'UTC')).toBe(false); // Sat 03:00
    expect(windowCovers(night[0]!, new Date('2026-11-27T00:30:00Z'), 'UTC')).toBe(false); // Fri 01:30
  });

  test('a holiday date range is frozen all day in its zone, inclusive of the last day', () => {
    const holidays = windows([
      { dates: { from: '2026-12-24', to: '2026-12-26' }, reason: 'holidays' },
    ]);
    // 23 Dec 23:30 UTC is already 24 Dec 00:30 in Berlin.
    const d = evaluateFreeze(new Date('2026-12-23T23:30:00Z'), holidays, 'Europe/Berlin');
    expect(d.frozen).toBe(true);
    expect(d.description).toBe('freeze 2026-12-24..2026-12-26 Europe/Berlin (holidays)');
    expect(evaluateFreeze(new Date('2026-12-26T22:59:00Z'), holidays, 'Europe/Berlin').frozen).toBe(
      true,
    );
    expect(evaluateFreeze(new Date('2026-12-26T23:00:00Z'), holidays, 'Europe/Berlin').frozen).toBe(
      false,
    );
  });

  describe('the hours the clocks change', () => {
    const at = (iso: string, w: FreezeWindow[], zone: string) =>
      evaluateFreeze(new Date(iso), w, zone);

    test('Berlin springs forward (Sun 29 Mar 2026, 02:00 -> 03:00): the missing hour is skipped, not frozen twice', () => {
      const early = windows([{ days: ['sun'], from: '01:30', to: '03:30' }]);
      // 00:59 UTC is 01:59 CET; one minute later it is 03:00 CEST.
      expect(at('2026-03-29T00:59:00Z', early, 'Europe/Berlin')).toMatchObject({
        frozen: true,
        localTime: 'Sunday 01:59 Europe/Berlin',
      });
      expect(at('2026-03-29T01:00:00Z', early, 'Europe/Berlin')).toMatchObject({
        frozen: true,
        localTime: 'Sunday 03:00 Europe/Berlin',
      });
      // 01:30 UTC is 03:30 CEST: the window is over after one real hour, not two.
      expect(at('2026-03-29T01:30:00Z', early, 'Europe/Berlin').frozen).toBe(false);
      // A window inside the hour that does not exist that night never freezes anything.
      const gap = windows([{ days: ['sun'], from: '02:00', to: '03:00' }]);
      for (let m = 0; m < 24 * 60; m += 15) {
        const instant = new Date(Date.UTC(2026, 2, 28, 22, 0) + m * 60_000).toISOString();
        expect([instant, at(instant, gap, 'Europe/Berlin').frozen]).toEqual([instant, false]);
      }
    });

    test('Berlin falls back (Sun 25 Oct 2026, 03:00 -> 02:00): the hour that happens twice is frozen both times', () => {
      const twice = windows([{ days: ['sun'], from: '02:00', to: '03:00' }]);
      expect(at('2026-10-24T23:59:00Z', twice, 'Europe/Berlin')).toMatchObject({
        frozen: false,
        localTime: 'Sunday 01:59 Europe/Berlin',
      });
      // 02:30 CEST (00:30 UTC) and, an hour later, 02:30 CET (01:30 UTC).
      expect(at('2026-10-25T00:30:00Z', twice, 'Europe/Berlin')).toMatchObject({
        frozen: true,
        localTime: 'Sunday 02:30 Europe/Berlin',
      });
      expect(at('2026-10-25T01:30:00Z', twice, 'Europe/Berlin')).toMatchObject({
        frozen: true,
        localTime: 'Sunday 02:30 Europe/Berlin',
      });
      expect(at('2026-10-25T02:00:00Z', twice, 'Europe/Berlin')).toMatchObject({
        frozen: false,
        localTime: 'Sunday 03:00 Europe/Berlin',
      });
    });

    test('New York springs forward (Sun 8 Mar 2026, 02:00 -> 03:00) and falls back (Sun 1 Nov 2026, 02:00 -> 01:00)', () => {
      const night = windows([{ days: ['sat'], from: '22:00', to: '02:30' }]);
      // 06:59 UTC is 01:59 EST, frozen; 07:00 UTC is 03:00 EDT, past the window's end.
      expect(at('2026-03-08T06:59:00Z', night, 'America/New_York')).toMatchObject({
        frozen: true,
        localTime: 'Sunday 01:59 America/New_York',
      });
      expect(at('2026-03-08T07:00:00Z', night, 'America/New_York')).toMatchObject({
        frozen: false,
        localTime: 'Sunday 03:00 America/New_York',
      });
      // 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST): frozen both times.
      const early = windows([{ days: ['sun'], from: '01:00', to: '02:00' }]);
      for (const instant of ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']) {
        expect(at(instant, early, 'America/New_York')).toMatchObject({
          frozen: true,
          localTime: 'Sunday 01:30 America/New_York',
        });
      }
      // 07:00 UTC is 02:00 EST: the window has ended.
      expect(at('2026-11-01T07:00:00Z', early, 'America/New_York').frozen).toBe(false);
      // The date of a holiday window follows the local date across the change too.
      const sunday = windows([{ dates: { from: '2026-11-01', to: '2026-11-01' } }]);
      expect(at('2026-11-01T03:59:00Z', sunday, 'America/New_York').frozen).toBe(false); // Sat 23:59 EDT
      expect(at('2026-11-01T04:00:00Z', sunday, 'America/New_York').frozen).toBe(true); // Sun 00:00 EDT
      expect(at('2026-11-02T04:59:00Z', sunday, 'America/New_York').frozen).toBe(true); // Sun 23:59 EST
      expect(at('2026-11-02T05:00:00Z', sunday, 'America/New_York').frozen).toBe(false); // Mon 00:00 EST
    });
  });
});
