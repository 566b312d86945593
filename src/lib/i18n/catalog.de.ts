// The German messages of the pages, every area (./areas.ts) merged: the reference language, MessageKey is typed from
// it. Only the server imports this module (./catalogs.server.ts); the browser loads the area files one by one
// (./index.ts, loadAreas).
import app from './messages/app.de.json';
import account from './messages/account.de.json';
import members from './messages/members.de.json';
import meetings from './messages/meetings.de.json';
import agenda from './messages/agenda.de.json';
import papers from './messages/papers.de.json';
import collab from './messages/collab.de.json';
import comments from './messages/comments.de.json';
import decisions from './messages/decisions.de.json';
import votes from './messages/votes.de.json';
import minutes from './messages/minutes.de.json';
import audit from './messages/audit.de.json';
import search from './messages/search.de.json';
import dashboard from './messages/dashboard.de.json';
import notifications from './messages/notifications.de.json';
import files from './messages/files.de.json';
import personalData from './messages/personaldata.de.json';
import citizens from './messages/citizens.de.json';
import strategy from './messages/strategy.de.json';
import live from './messages/live.de.json';
import rounds from './messages/rounds.de.json';

const german = {
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

export default german;
