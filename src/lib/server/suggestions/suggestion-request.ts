import type { RequestContext } from '../context';
import { requireUser } from '../services';
import { createSuggestionService } from './suggestion.service';

/** The suggestions service for a request (signed in). */
export const suggestionService = (locals: RequestContext) =>
	createSuggestionService({ db: locals.db, actor: { userId: requireUser(locals).userId } });
