// Test-only preload: `node --import ./tests/support/clock-shift.mjs …` with BEIRAT_CLOCK_START=<ISO instant>
// runs the process (and the embedded PGlite, whose now() reads Date.now()) at that instant, with time
// advancing normally from there. Never loaded by the production server: only Playwright's webServer
// config and tests that start a child process name this file.
//
// BEIRAT_CLOCK_ANCHOR (optional, epoch milliseconds of the real clock) is the real moment at which the
// shifted clock reads BEIRAT_CLOCK_START; without it, that moment is when this module loads. Sharing one
// anchor lets the test runner and the server it starts read the same shifted time.

const start = process.env.BEIRAT_CLOCK_START;

if (start) {
	const target = Date.parse(start);
	if (Number.isNaN(target)) throw new Error(`BEIRAT_CLOCK_START is not an instant: ${start}`);
	const RealDate = Date;
	const realNow = RealDate.now;
	const anchorText = process.env.BEIRAT_CLOCK_ANCHOR;
	const anchor = anchorText ? Number(anchorText) : realNow();
	if (!Number.isFinite(anchor)) throw new Error(`BEIRAT_CLOCK_ANCHOR is not epoch milliseconds: ${anchorText}`);
	const offset = target - anchor;
	const shiftedNow = () => realNow() + offset;

	// A function, not a class: `Date()` called without `new` must keep returning a string. Instances are
	// real Dates (Reflect.construct), so internal slots, Date.prototype methods and `instanceof` all hold,
	// for code holding the original constructor too.
	function ShiftedDate(...args) {
		if (!new.target) return new RealDate(shiftedNow()).toString();
		return Reflect.construct(RealDate, args.length === 0 ? [shiftedNow()] : args, new.target);
	}
	Object.setPrototypeOf(ShiftedDate, RealDate);
	Object.defineProperties(ShiftedDate, {
		prototype: { value: RealDate.prototype, writable: false, enumerable: false, configurable: false },
		now: {
			value: function now() {
				return shiftedNow();
			},
			writable: true,
			enumerable: false,
			configurable: true
		},
		name: { value: 'Date' },
		length: { value: 7 }
	});
	globalThis.Date = ShiftedDate;
}
