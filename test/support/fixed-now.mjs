// Preload for a bundle under test that must see a given "now" (a Friday 14:30 in Berlin for the
// freeze gate). The harness loads it only when a test asks, before the bundle:
//
//   node --import file:///…/test/support/fixed-now.mjs?now=2026-11-27T13:30:00Z dist/<action>/index.js
//
// The process's wall clock starts at `now` and runs on at real speed: Date.now(), new Date() and
// Date() read the given instant plus the time elapsed since this module loaded. Timers, sleeps,
// request timeouts and retries keep working as on any machine (they run on the monotonic clock,
// or on differences of Date.now(), which are unchanged); a frozen clock would instead turn a
// "poll until the deadline" loop into one that never ends. Only this process: commands it starts
// keep the real clock. Plain JavaScript: the bundle's Node loads it without a TypeScript loader.
// Nothing in dist/ knows of it; the actions read time through their Clock, i.e. new Date().
const given = new URL(import.meta.url).searchParams.get('now') ?? '';
const start = Date.parse(given);
if (Number.isNaN(start)) {
  throw new Error(`fixed-now.mjs: ?now=${JSON.stringify(given)} is not an ISO date-time.`);
}

const RealDate = Date;
const offset = start - RealDate.now();
const now = () => RealDate.now() + offset;

globalThis.Date = new Proxy(RealDate, {
  // new Date() is "now"; new Date(anything) is that date, as always.
  construct: (target, args, newTarget) =>
    Reflect.construct(target, args.length ? args : [now()], newTarget),
  // Date() called as a function returns the current time as a string.
  apply: () => new RealDate(now()).toString(),
  get: (target, key, receiver) => (key === 'now' ? now : Reflect.get(target, key, receiver)),
});
