// The English messages of the pages, one file per area; every German key (the unit test holds the files to it). The
// server imports this module statically, the browser loads it only when the page is English (./index.ts,
// loadCatalog).
import type { Catalog } from './index';
import app from './messages/app.en.json';
import meetings from './messages/meetings.en.json';
import agenda from './messages/agenda.en.json';
import papers from './messages/papers.en.json';
import collab from './messages/collab.en.json';
import comments from './messages/comments.en.json';
import decisions from './messages/decisions.en.json';
import votes from './messages/votes.en.json';
import minutes from './messages/minutes.en.json';
import audit from './messages/audit.en.json';
import search from './messages/search.en.json';
import dashboard from './messages/dashboard.en.json';
import notifications from './messages/notifications.en.json';
import files from './messages/files.en.json';
import personalData from './messages/personaldata.en.json';

const english: Catalog = {
	...app,
	...meetings,
	...agenda,
	...papers,
	...collab,
	...comments,
	...decisions,
	...votes,
	...minutes,
	...audit,
	...search,
	...dashboard,
	...notifications,
	...files,
	...personalData
};

export default english;
