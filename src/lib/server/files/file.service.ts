import { randomBytes, randomUUID } from 'node:crypto';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { insertOnce, rowOfFormToken } from '../db/form-token';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import type { StagedUpload, StoragePort } from '../storage/port';
import { MIME } from '../storage/sniff';
import { checkUpload, tooLarge, type CheckedUpload } from './file-check';
import * as repo from './file.repository';
import { pdfText } from './pdf-text';

/** Signed links are short-lived: long enough to start a download, too short to pass around. */
export const LINK_SECONDS = 300;

export interface FileServiceDeps {
	db: ScopedDb;
	storage: StoragePort;
	actor: { userId: string };
	/** Search text of an upload; PDFs by default. */
	extractText?: (upload: CheckedUpload) => Promise<string>;
}

export interface UploadInput {
	fileName: string;
	bytes: Uint8Array;
	/** Attach to this agenda item (office only) instead of the library. */
	agendaItemId?: string | null;
	/** This file's one-time form token (partToken of the form's token): a repeat returns the first file. */
	formToken?: string | null;
}

const isFull = (board: BoardContext) => allowed(board, 'files.upload');

const defaultText = (upload: CheckedUpload) =>
	upload.contentType === MIME.pdf ? pdfText(upload.bytes) : Promise.resolve('');

export function createFileService({ db, storage, actor, extractText = defaultText }: FileServiceDeps) {
	/** Office changes everything; others their own library files (the database says the same). */
	const mayChange = (board: BoardContext, file: repo.FileRow) =>
		allowed(board, 'files.manage') || (isFull(board) && file.agendaItemId === null && file.createdBy === actor.userId);

	function requireBoard(board: BoardContext) {
		if (!allowed(board, 'board.enter')) throw forbidden();
	}

	async function limits(tx: Tx) {
		const found = await repo.bucketLimits(tx);
		if (!found) throw new ServiceError(503, 'files.error.unavailable');
		return found;
	}

	/**
	 * Bytes first (staged), then the rows in the same transaction, then the bytes made final: a failure
	 * anywhere removes the staged bytes, so no row ever lacks its bytes and no bytes lack a row.
	 */
	async function store(
		run: (tx: Tx, stage: (objectName: string, upload: CheckedUpload) => Promise<void>) => Promise<void>
	) {
		const held: { staged?: StagedUpload } = {};
		try {
			await db.run((tx) =>
				run(tx, async (objectName, upload) => {
					held.staged = await storage.stage({
						bucket: repo.BUCKET,
						name: objectName,
						bytes: upload.bytes,
						contentType: upload.contentType,
						ownerId: actor.userId
					});
					await held.staged.record(tx);
				})
			);
		} catch (error) {
			await held.staged?.abort().catch(() => {});
			throw error;
		}
		await held.staged?.commit();
	}

	const objectName = (boardId: string, fileId: string, version: number) =>
		`${boardId}/${fileId}/v${version}-${randomBytes(6).toString('hex')}`;

	async function version(
		tx: Tx,
		fileId: string,
		n: number,
		upload: CheckedUpload,
		stage: (name: string, u: CheckedUpload) => Promise<void>,
		boardId: string
	) {
		const name = objectName(boardId, fileId, n);
		await stage(name, upload);
		await repo.insertVersion(tx, {
			fileId,
			version: n,
			objectName: name,
			name: upload.name,
			size: upload.size,
			contentType: upload.contentType,
			sha256: upload.sha256,
			uploadedBy: actor.userId
		});
	}

	/** Checks and text extraction run before the transaction: a slow PDF must not hold the database. */
	async function prepare(input: { fileName: string; bytes: Uint8Array }) {
		const upload = checkUpload(input, await db.run(limits));
		return { upload, searchText: await extractText(upload) };
	}

	return {
		async list(board: BoardContext) {
			requireBoard(board);
			return db.run(async (tx) => {
				const files = await repo.listFiles(tx, board.id);
				return {
					files: files.map((file) => ({ ...file, canChange: mayChange(board, file) })),
					canUpload: isFull(board),
					limits: await limits(tx)
				};
			});
		},

		async get(board: BoardContext, id: string) {
			requireBoard(board);
			return db.run(async (tx) => {
				const file = await repo.findFile(tx, board.id, id);
				if (!file) throw notFound();
				return {
					file,
					versions: await repo.listVersions(tx, id),
					canChange: mayChange(board, file),
					limits: await limits(tx)
				};
			});
		},

		/**
		 * A new file in the library or on an agenda item; returns its id. The same form token again (a double
		 * submit, a resent form) returns the file it made, with `created: false`, and stores no bytes.
		 */
		async upload(board: BoardContext, input: UploadInput): Promise<{ id: string; version: number; created: boolean }> {
			if (!isFull(board)) throw forbidden();
			const itemId = input.agendaItemId ?? null;
			if (itemId && !allowed(board, 'files.manage')) throw forbidden();
			const formToken = input.formToken ?? null;
			// A plain repeat needs neither the checks nor the text extraction.
			const earlier = formToken ? await db.run((tx) => rowOfFormToken(tx, 'files', formToken)) : null;
			if (earlier) return { id: earlier, version: 1, created: false };
			const { upload, searchText } = await prepare(input);
			const written = { id: randomUUID(), created: true };
			await store(async (tx, stage) => {
				if (itemId && (await repo.itemBoard(tx, itemId)) !== board.id) throw notFound();
				const id = written.id;
				const row = await insertOnce(tx, {
					table: 'files',
					id,
					formToken,
					insert: () =>
						repo.insertFile(tx, {
							id,
							boardId: board.id,
							agendaItemId: itemId,
							name: upload.name,
							createdBy: actor.userId,
							searchText,
							formToken
						})
				});
				Object.assign(written, row);
				// A twin sent at the same time wrote the file first: no second version, no bytes.
				if (row.created) await version(tx, id, 1, upload, stage, board.id);
			});
			return { id: written.id, version: 1, created: written.created };
		},

		/** A new version of an existing file; older versions stay listed and downloadable. */
		async replace(
			board: BoardContext,
			fileId: string,
			input: { fileName: string; bytes: Uint8Array }
		): Promise<{ id: string; version: number }> {
			requireBoard(board);
			let next = 0;
			const { upload, searchText } = await prepare(input);
			await store(async (tx, stage) => {
				const file = await repo.findFile(tx, board.id, fileId);
				if (!file) throw notFound();
				if (!mayChange(board, file)) throw forbidden();
				next = file.currentVersion + 1;
				await version(tx, fileId, next, upload, stage, board.id);
				if (!(await repo.setCurrentVersion(tx, { fileId, version: next, name: upload.name, searchText })))
					throw forbidden();
			});
			return { id: fileId, version: next };
		},

		/** Deletes the file with every version: rows first (one transaction), then the bytes. */
		async remove(board: BoardContext, fileId: string): Promise<void> {
			requireBoard(board);
			const cleanup = await db.run(async (tx) => {
				const file = await repo.findFile(tx, board.id, fileId);
				if (!file) throw notFound();
				if (!mayChange(board, file)) throw forbidden();
				const names = (await repo.listVersions(tx, fileId)).map((v) => v.objectName);
				// Object rows go first, while the file (which makes them visible under RLS) still exists.
				const cleanup = await storage.remove(tx, repo.BUCKET, names);
				if (!(await repo.deleteFile(tx, fileId))) throw forbidden();
				return cleanup;
			});
			await cleanup().catch((error: unknown) => console.warn('files: removing bytes failed:', String(error)));
		},

		/** The refusal of an upload request over the server's body limit, naming the file size limit. */
		async requestTooLarge(): Promise<ServiceError> {
			return tooLarge(await db.run(limits), 'files.error.requestTooLarge');
		},

		/** A short-lived link to one version (the current one by default), for whoever may see the file. */
		async downloadUrl(board: BoardContext, fileId: string, versionNumber?: number): Promise<string> {
			requireBoard(board);
			const picked = await db.run(async (tx) => {
				const file = await repo.findFile(tx, board.id, fileId);
				if (!file) throw notFound();
				const versions = await repo.listVersions(tx, fileId);
				return versions.find((v) => v.version === (versionNumber ?? file.currentVersion)) ?? null;
			});
			if (!picked) throw notFound();
			return storage.signedUrl({
				bucket: repo.BUCKET,
				name: picked.objectName,
				expiresIn: LINK_SECONDS,
				downloadName: picked.name,
				contentType: picked.contentType
			});
		}
	};
}

export type FileService = ReturnType<typeof createFileService>;
