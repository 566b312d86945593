// The request gate of two-factor sign-in (#17, local auth). A person with a confirmed factor whose session
// has not passed it (aal1) may only give the code; a person of whom a factor is required (office or chair of
// a board that requires it, or anyone the platform setting covers) and who has none may only enrol.

export type TwoFactorGate = 'verify' | 'enrol';

const OPEN: Record<TwoFactorGate, readonly string[]> = {
	verify: ['/login/2fa', '/logout', '/locale'],
	enrol: ['/profile/2fa', '/logout', '/locale']
};

/** The gate a request stands at, or null when it may go anywhere its roles allow. */
export function twoFactorGate(
	state: { enrolled: boolean; required: boolean } | null,
	aal: unknown
): TwoFactorGate | null {
	if (!state || aal === 'aal2') return null;
	if (state.enrolled) return 'verify';
	return state.required ? 'enrol' : null;
}

/** Where a request at `gate` must go instead of `pathname`, or null when that address is open at the gate. */
export function gateRedirect(gate: TwoFactorGate, pathname: string, search: string): string | null {
	if (OPEN[gate].includes(pathname)) return null;
	const target = OPEN[gate][0]!;
	const back = pathname + search;
	return back === '/' || gate === 'enrol' ? target : `${target}?redirectTo=${encodeURIComponent(back)}`;
}
