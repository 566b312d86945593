import { BOARD_ROLES, type BoardRole } from '$lib/roles';

// The only home of role rules. Services and pages ask `can()` before they show or offer something;
// route guards in hooks.server.ts ask `routeAction()` + `can()` for every request, whatever the client
// asks for; RLS in the database stays the enforcement underneath.

/** The board as the current request sees it. */
export interface BoardContext {
	id: string;
	slug: string;
	name: string;
	/** The current user's role, or null for a platform admin who is not a member. */
	role: BoardRole | null;
}

/** Who is asking (null when signed out): rules depend on the board role and on being a platform admin. */
export interface Actor {
	isAdmin: boolean;
}

interface Rule {
	/** Board roles that may. */
	roles: readonly BoardRole[];
	/** Whether a platform admin may, with or without a role in the board. */
	admin?: boolean;
}

const everyone = BOARD_ROLES;
/** Everyone who sees the whole board: all but guests. */
const full: readonly BoardRole[] = ['office', 'chair', 'deputy', 'member', 'advisor'];
/** The chair and deputies with the office: those who run the board's business. */
const oversight: readonly BoardRole[] = ['office', 'chair', 'deputy'];
/** Those with a vote; the office and advisors take part without one. */
const voting: readonly BoardRole[] = ['chair', 'deputy', 'member'];
/** Those who answer invitations, declare conflicts and propose items. */
const participants: readonly BoardRole[] = ['chair', 'deputy', 'member', 'advisor'];
const office: readonly BoardRole[] = ['office'];

const RULES = {
	/** Open the board at all (its start page, meetings, members list). */
	'board.visit': { roles: everyone, admin: true },
	/** Work in the board with a role of one's own (guests see what RLS shares with them). */
	'board.enter': { roles: everyone },
	/** Read everything of the board, not only what is shared with a guest. */
	'board.read': { roles: full },
	/** Change the board's settings (quorum, proposal deadlines). */
	'board.configure': { roles: office },
	'members.manage': { roles: office, admin: true },
	'meetings.manage': { roles: office },
	'meetings.rsvp': { roles: participants },
	/** Meeting mode (#19): start and end it, move through the items, run the speakers list. */
	'meetings.run': { roles: oversight },
	/** Meeting mode: check oneself in and out, ask for the floor. */
	'meetings.attend': { roles: participants },
	'agenda.participate': { roles: participants },
	'agenda.oversee': { roles: oversight },
	'polls.use': { roles: full },
	'votes.read': { roles: full },
	'votes.cast': { roles: voting },
	'votes.run': { roles: oversight },
	/** Record a meeting's vote results per item. */
	'votes.record': { roles: office },
	'decisions.record': { roles: oversight },
	'decisions.verify': { roles: oversight, admin: true },
	'minutes.keep': { roles: office },
	'minutes.approve': { roles: ['chair', 'deputy'] },
	/** Approve minutes by a later meeting's decision (the office records it). */
	'minutes.approveByMeeting': { roles: oversight },
	'minutes.publish': { roles: oversight },
	'tasks.read': { roles: full },
	'tasks.manage': { roles: oversight },
	'tasks.remove': { roles: office },
	/** Work on the tasks the office as a whole owns. */
	'tasks.office': { roles: office },
	'papers.create': { roles: full },
	'files.upload': { roles: full },
	/** Attach files to agenda items and manage everyone's files. */
	'files.manage': { roles: office },
	'audit.read': { roles: office, admin: true },
	/** What the public sees (#14): the board's public switch, public decisions, published papers. */
	'publication.manage': { roles: office },
	'search.use': { roles: everyone },
	/** The strategy map (#16): fields, goals, measures, indicators and their reports. */
	'strategy.read': { roles: full },
	/** Build and change the map, import indicator values, publish a field. */
	'strategy.edit': { roles: oversight },
	'strategy.comment': { roles: full },
	/** Open a consultation round on a paper (#15); the office or the paper's author closes it (the service decides). */
	'rounds.open': { roles: office },
	/** IT operations: boards, accounts, the outbox, the platform's audit trail. */
	'platform.admin': { roles: [], admin: true }
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

/**
 * Whether `actor` may do `action` in `board` (or on the platform when no board is given).
 * Signed-out visitors may do nothing here; their public pages have no action.
 */
export function can(actor: Actor | null, action: Action, board?: Pick<BoardContext, 'role'> | null): boolean {
	if (!actor) return false;
	const rule: Rule = RULES[action];
	return (rule.admin === true && actor.isAdmin) || allowed(board ?? null, action);
}

/** What the person's role in the board allows, leaving platform admins aside (for services that act for members only). */
export function allowed(board: Pick<BoardContext, 'role'> | null, action: Action): boolean {
	const role = board?.role ?? null;
	return role !== null && (RULES[action] as Rule).roles.includes(role);
}

/** The roles a rule allows, for SQL that picks people by role (`role = any($n::text[]::public.board_role[])`). */
export function rolesAllowed(action: Action): readonly BoardRole[] {
	return (RULES[action] as Rule).roles;
}

/** Whether a role (not a person) is one that votes: quorum and conflict counts use it. */
export const isVotingRole = (role: string | null): boolean =>
	role !== null && (voting as readonly string[]).includes(role);

/** Whether a role sees the whole board (all but guests). */
export const isFullRole = (role: string | null): boolean => role !== null && (full as readonly string[]).includes(role);
