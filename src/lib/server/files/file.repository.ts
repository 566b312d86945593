import type { Tx } from '../db/types';

// All SQL of the files area; every statement runs under the caller's RLS.

export const BUCKET = 'board-files';

export interface FileRow {
	id: string;
	boardId: string;
	agendaItemId: string | null;
	agendaItemTitle: string | null;
	name: string;
	currentVersion: number;
	size: number;
	contentType: string;
	createdBy: string | null;
	createdByName: string | null;
	updatedAt: Date;
}

export interface VersionRow extends Omit<NewVersion, 'fileId' | 'uploadedBy'> {
	uploadedByName: string | null;
	createdAt: Date;
}

export interface BucketLimits {
	fileSizeLimit: number;
	allowedMimeTypes: string[];
}

const FILE_COLUMNS = `f.id, f.board_id as "boardId", f.agenda_item_id as "agendaItemId", i.title as "agendaItemTitle", f.name,
	f.current_version as "currentVersion", v.size::float8 as size, v.content_type as "contentType", f.created_by as "createdBy",
	p.display_name as "createdByName", f.updated_at as "updatedAt"`;
const FILE_FROM = `public.files f
	join public.file_versions v on v.file_id = f.id and v.version = f.current_version
	left join public.agenda_items i on i.id = f.agenda_item_id
	left join public.profiles p on p.user_id = f.created_by`;

export async function bucketLimits(tx: Tx): Promise<BucketLimits | null> {
	const [row] = await tx.query<{ fileSizeLimit: number | null; allowedMimeTypes: string[] | null }>(
		`select file_size_limit::float8 as "fileSizeLimit", allowed_mime_types as "allowedMimeTypes" from storage.buckets where id = $1`,
		[BUCKET]
	);
	return row
		? { fileSizeLimit: row.fileSizeLimit ?? Number.MAX_SAFE_INTEGER, allowedMimeTypes: row.allowedMimeTypes ?? [] }
		: null;
}

export const listFiles = (tx: Tx, boardId: string) =>
	tx.query<FileRow>(
		`select ${FILE_COLUMNS} from ${FILE_FROM} where f.board_id = $1 order by f.updated_at desc, f.name`,
		[boardId]
	);

export async function findFile(tx: Tx, boardId: string, id: string): Promise<FileRow | null> {
	const [row] = await tx.query<FileRow>(
		`select ${FILE_COLUMNS} from ${FILE_FROM} where f.board_id = $1 and f.id = $2`,
		[boardId, id]
	);
	return row ?? null;
}

/** Files attached to the items of one meeting (the agenda shows them per item). */
export const listMeetingFiles = (tx: Tx, meetingId: string) =>
	tx.query<FileRow>(
		`select ${FILE_COLUMNS} from ${FILE_FROM} where f.agenda_item_id in (select id from public.agenda_items where meeting_id = $1) order by f.name`,
		[meetingId]
	);

export interface AttachmentRow {
	itemId: string;
	name: string;
	contentType: string;
	objectName: string;
}

/** The current version of every file on the items of one meeting the caller may see (for the board book). */
export const listMeetingAttachments = (tx: Tx, meetingId: string) =>
	tx.query<AttachmentRow>(
		`select f.agenda_item_id as "itemId", v.name, v.content_type as "contentType", v.object_name as "objectName"
		 from public.files f join public.file_versions v on v.file_id = f.id and v.version = f.current_version
		 where f.agenda_item_id in (select id from public.agenda_items where meeting_id = $1) order by v.name, f.id`,
		[meetingId]
	);

export const listVersions = (tx: Tx, fileId: string) =>
	tx.query<VersionRow>(
		`select v.version, v.object_name as "objectName", v.name, v.size::float8 as size, v.content_type as "contentType", v.sha256,
			p.display_name as "uploadedByName", v.created_at as "createdAt"
		 from public.file_versions v left join public.profiles p on p.user_id = v.uploaded_by
		 where v.file_id = $1 order by v.version desc`,
		[fileId]
	);

/** The agenda item's board (null when the item is unknown or invisible). */
export async function itemBoard(tx: Tx, itemId: string): Promise<string | null> {
	const [row] = await tx.query<{ boardId: string }>(
		`select m.board_id as "boardId" from public.agenda_items i join public.meetings m on m.id = i.meeting_id where i.id = $1`,
		[itemId]
	);
	return row?.boardId ?? null;
}

export interface NewFile {
	id: string;
	boardId: string;
	agendaItemId: string | null;
	name: string;
	createdBy: string;
	searchText: string;
	/** The upload form's token for this file (see partToken); a repeat writes nothing. */
	formToken?: string | null;
}

// Ids come from the app: `insert … returning` would run the select policy on a row it cannot see yet.
// `on conflict do nothing` is for the form token (the id is random); see insertOnce.
export async function insertFile(tx: Tx, file: NewFile): Promise<void> {
	await tx.query(
		`insert into public.files (id, board_id, agenda_item_id, name, created_by, search_text, form_token) values ($1, $2, $3, $4, $5, $6, $7)
		 on conflict do nothing`,
		[file.id, file.boardId, file.agendaItemId, file.name, file.createdBy, file.searchText, file.formToken ?? null]
	);
}

export interface NewVersion {
	fileId: string;
	version: number;
	objectName: string;
	name: string;
	size: number;
	contentType: string;
	sha256: string;
	uploadedBy: string;
}

export async function insertVersion(tx: Tx, v: NewVersion): Promise<void> {
	await tx.query(
		`insert into public.file_versions (file_id, version, object_name, name, size, content_type, sha256, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
		[v.fileId, v.version, v.objectName, v.name, v.size, v.contentType, v.sha256, v.uploadedBy]
	);
}

/** Points the file at its new version; false when RLS refused the change. */
export async function setCurrentVersion(
	tx: Tx,
	input: { fileId: string; version: number; name: string; searchText: string }
): Promise<boolean> {
	const rows = await tx.query(
		`update public.files set current_version = $2, name = $3, search_text = $4, updated_at = now() where id = $1 returning 1`,
		[input.fileId, input.version, input.name, input.searchText]
	);
	return rows.length === 1;
}

/** Deletes the file (its versions cascade); false when RLS refused. */
export async function deleteFile(tx: Tx, fileId: string): Promise<boolean> {
	return (await tx.query(`delete from public.files where id = $1 returning 1`, [fileId])).length === 1;
}
