import { allowed, type BoardContext } from '../boards/policy';
import { deviceVoteService, liveService } from '../services';

/**
 * What meeting mode and its projector both read (#19): the live picture and, for those who may read votes,
 * the vote on people's devices.
 */
export async function livePageData(locals: App.Locals, board: BoardContext, meetingId: string) {
	const page = await liveService(locals).page(board, meetingId);
	const votes = allowed(board, 'votes.read') ? await deviceVoteService(locals).state(board, meetingId) : null;
	return { ...page, votes };
}
