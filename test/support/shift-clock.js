// Preloaded with `node --require` to run a program as if it were another day: Date.now() and new Date()
// report SHIFT_CLOCK_TO (an ISO instant) plus the real time elapsed since start. Synth output must not change.
const target = Date.parse(process.env.SHIFT_CLOCK_TO || '2031-02-03T04:05:06Z');
if (Number.isNaN(target)) throw new Error(`SHIFT_CLOCK_TO is not a date: ${process.env.SHIFT_CLOCK_TO}`);
const RealDate = Date;
const offset = target - RealDate.now();
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = ShiftedDate;
