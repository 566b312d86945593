// The English messages of the pages, every area (./areas.ts) merged; every German key (the unit test holds the files
// to it). Only the server imports this module (./catalogs.server.ts); the browser loads the area files one by one
// (./index.ts, loadAreas).
import type { Catalog } from './index';
import app from './messages/app.en.json';
import account from './messages/account.en.json';
import members from './messages/members.en.json';
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
import citizens from './messages/citizens.en.json';
import strategy from './messages/strategy.en.json';
import live from './messages/live.en.json';
import rounds from './messages/rounds.en.json';

const english: Catalog = {
	...app,
	...account,
	...members,
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
	...personalData,
	...citizens,
	...strategy,
	...live,
	...rounds
};

export default english;
