import { BOARD_AREAS, type BoardArea } from '$lib/board-areas';
import { can, type Actor, type BoardContext } from './policy';
import { areaAction } from './route-access';

/** The areas of a board this person may open, in navigation order: exactly the ones the route guard lets through. */
export function areasFor(actor: Actor | null, board: Pick<BoardContext, 'role'>): BoardArea[] {
	return BOARD_AREAS.filter((area) => can(actor, areaAction(area.path), board));
}
