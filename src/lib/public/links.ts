import { decisionSlug } from '$lib/components/decisions/decision-labels';

// The addresses of everything public (#14), in one place: the citizens' pages link to the OParl objects and
// the OParl objects link back (`web`, `accessUrl`, `downloadUrl`), so both sides build them here. Paths only;
// OParl prefixes the configured ORIGIN because its ids are absolute URLs. Ids are the rows' uuids, which never
// change, so every address stays stable.

export const citizenPath = {
	board: (board: string) => `/p/${board}`,
	members: (board: string) => `/p/${board}/members`,
	person: (board: string, userId: string) => `/p/${board}/members#person-${userId}`,
	meetings: (board: string) => `/p/${board}/meetings`,
	meeting: (board: string, meetingId: string) => `/p/${board}/meetings/${meetingId}`,
	agendaItem: (board: string, meetingId: string, itemId: string) => `/p/${board}/meetings/${meetingId}#item-${itemId}`,
	/** iCalendar of the board's public meetings. */
	calendar: (board: string) => `/p/${board}/meetings.ics`,
	resolutions: (board: string) => `/p/${board}/resolutions`,
	/** A resolution by its number ("2026/07" → 2026-07), like the decision log's own address. */
	resolution: (board: string, number: string) => `/p/${board}/resolutions/${decisionSlug(number)}`,
	/** Atom feed of new resolutions. */
	feed: (board: string) => `/p/${board}/resolutions.atom`,
	papers: (board: string) => `/p/${board}/papers`,
	/** The published fields of the strategy map (#16); OParl 1.1 has no type for them. */
	strategy: (board: string) => `/p/${board}/strategy`,
	paper: (board: string, paperId: string) => `/p/${board}/papers/${paperId}`,
	/** The published version of a paper as PDF. */
	paperPdf: (board: string, paperId: string) => `/p/${board}/papers/${paperId}.pdf`,
	/** A public file shown in the browser (OParl accessUrl). */
	file: (board: string, fileId: string) => `/p/${board}/files/${fileId}`,
	/** The same file as a download (OParl downloadUrl). */
	fileDownload: (board: string, fileId: string) => `/p/${board}/files/${fileId}/download`
};

export const OPARL_ROOT = '/oparl/v1';

/** OParl object addresses by type; lists hang below their parent (`/oparl/v1/body/<id>/meetings`). */
/** The body's external object lists (OParl 1.1 Body: organization, person, meeting, … membership). */
export const OPARL_LISTS = [
	'organizations',
	'people',
	'memberships',
	'meetings',
	'agenda-items',
	'consultations',
	'papers',
	'files',
	'locations',
	'legislative-terms'
] as const;
export type OparlList = (typeof OPARL_LISTS)[number];

export const oparlPath = {
	system: () => `${OPARL_ROOT}/system`,
	/** The system's list of bodies. */
	bodies: () => `${OPARL_ROOT}/bodies`,
	bodyList: (id: string, list: OparlList) => `${OPARL_ROOT}/body/${id}/${list}`,
	body: (id: string) => `${OPARL_ROOT}/body/${id}`,
	organization: (id: string) => `${OPARL_ROOT}/organization/${id}`,
	/** The meetings of one organization (an external list, like the body's). */
	organizationMeetings: (id: string) => `${OPARL_ROOT}/organization/${id}/meetings`,
	person: (id: string) => `${OPARL_ROOT}/person/${id}`,
	membership: (id: string) => `${OPARL_ROOT}/membership/${id}`,
	meeting: (id: string) => `${OPARL_ROOT}/meeting/${id}`,
	agendaItem: (id: string) => `${OPARL_ROOT}/agendaitem/${id}`,
	consultation: (id: string) => `${OPARL_ROOT}/consultation/${id}`,
	paper: (id: string) => `${OPARL_ROOT}/paper/${id}`,
	file: (id: string) => `${OPARL_ROOT}/file/${id}`,
	location: (id: string) => `${OPARL_ROOT}/location/${id}`,
	legislativeTerm: (id: string) => `${OPARL_ROOT}/legislativeterm/${id}`
};
