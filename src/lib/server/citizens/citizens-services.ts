import { scopedDb } from '../db/scoped';
import type { RequestContext } from '../context';
import { createCitizensService } from './citizens.service';
import { createCitizensExportService } from './citizens-export.service';

// The citizens' pages' services per request. Not the request's own handle (locals.db, which runs as the
// signed-in person): always the anon one, so a signed-in visitor of /p/<board> reads exactly what everyone reads.

const anonDb = (locals: RequestContext) => scopedDb(locals.app.db, null);

export const citizensService = (locals: RequestContext) => createCitizensService({ db: anonDb(locals) });

export const citizensExportService = (locals: RequestContext) =>
	createCitizensExportService({ db: anonDb(locals), storage: locals.app.storage, origin: locals.app.config.origin });
