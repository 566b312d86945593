import { generateHTML } from '@tiptap/html/server';
import { translate, type Locale } from '$lib/i18n';
import type { CollabHub } from '../collab/hub';
import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden, notFound } from '../errors';
import type { BoardContext } from '../boards/policy';
import { isUuid, type FormTokenInput } from '../common.schema';
import { CURRENT_TEXT } from '$lib/types/version.types';
import { findPaper } from '../comments/comment.repository';
import {
	documentExtensions,
	isEmptyUpdate,
	stateToJSON,
	stateToNode,
	updateTowards
} from '../documents/paper-document';
import { diffDocuments, type SuggestionView } from './version-diff';
import * as repo from './version.repository';

export interface VersionServiceDeps {
	db: ScopedDb;
	hub: CollabHub;
	/** Language of the actor: the safety copy before a restore is named in it. */
	locale: Locale;
	actor: { userId: string };
}

export function createVersionService(deps: VersionServiceDeps) {
	const { db, hub, locale, actor } = deps;

	async function paperFor(board: BoardContext, paperId: string, need: 'read' | 'edit') {
		const paper = await db.run((tx) => findPaper(tx, { boardId: board.id, paperId }));
		if (!paper) throw notFound();
		if (need === 'edit' && paper.access !== 'edit') throw forbidden();
		return paper;
	}

	async function versionFor(paperId: string, versionId: string) {
		if (!isUuid(versionId)) throw new ServiceError(404, 'comments.version.error.unknown');
		const version = await db.run((tx) => repo.findVersion(tx, { paperId, versionId }));
		if (!version) throw new ServiceError(404, 'comments.version.error.unknown');
		return version;
	}

	const meta = ({ state: _state, ...rest }: repo.VersionRow & { state: Uint8Array }) => rest;

	return {
		async list(board: BoardContext, paperId: string) {
			const paper = await paperFor(board, paperId, 'read');
			const versions = await db.run((tx) => repo.listVersions(tx, paperId));
			return { paper: { id: paper.id, title: paper.title }, canEdit: paper.access === 'edit', versions };
		},

		/**
		 * A named version of the current document ("Entwurf für Sitzung 12.03."). With the form's token a
		 * repeat returns the version it made, with its number, instead of saving the next one.
		 */
		async createNamed(board: BoardContext, input: { paperId: string; name: string } & FormTokenInput) {
			const paper = await paperFor(board, input.paperId, 'edit');
			const name = input.name.trim();
			if (!name || name.length > 200) throw new ServiceError(400, 'comments.version.error.name');
			const state = await hub.getState(paper.id);
			const version = await db.run((tx) =>
				repo.insertVersionOnce(tx, {
					paperId: paper.id,
					name,
					state,
					createdBy: actor.userId,
					formToken: input.formToken
				})
			);
			return { id: version.id, number: version.number };
		},

		/** A version rendered read-only as HTML (the schema's own rendering, no editor). */
		async view(board: BoardContext, input: { paperId: string; versionId: string }) {
			const paper = await paperFor(board, input.paperId, 'read');
			const version = await versionFor(paper.id, input.versionId);
			const html = generateHTML(stateToJSON(version.state), documentExtensions);
			return {
				paper: { id: paper.id, title: paper.title },
				canEdit: paper.access === 'edit',
				version: meta(version),
				html
			};
		},

		/**
		 * What changed from version `a` to version `b`, older to newer. Either side may be `current`, the paper's
		 * text as it is now (always the newer side, reported as `newer: null`).
		 */
		async compare(board: BoardContext, input: { paperId: string; a: string; b: string; suggestions?: SuggestionView }) {
			const paper = await paperFor(board, input.paperId, 'read');
			const [versionId, otherId] = input.a === CURRENT_TEXT ? [input.b, input.a] : [input.a, input.b];
			const a = await versionFor(paper.id, versionId);
			const b = otherId === CURRENT_TEXT ? null : await versionFor(paper.id, otherId);
			const [older, newer] = b === null || a.number <= b.number ? [a, b] : [b, a];
			const newerState = newer ? newer.state : await hub.getState(paper.id);
			const suggestions = input.suggestions ?? 'agreed';
			const segments = diffDocuments(stateToJSON(older.state), stateToJSON(newerState), suggestions);
			return {
				paper: { id: paper.id, title: paper.title },
				older: meta(older),
				newer: newer && meta(newer),
				segments,
				suggestions
			};
		},

		/**
		 * Restores a version as a new forward change: first a safety copy of the current state, then the minimal
		 * update from the current document to the version's content, sent through the hub like any edit.
		 */
		async restore(board: BoardContext, input: { paperId: string; versionId: string }) {
			const paper = await paperFor(board, input.paperId, 'edit');
			const version = await versionFor(paper.id, input.versionId);
			const current = await hub.getState(paper.id);
			const name = translate(locale, 'comments.version.beforeRestore', { number: version.number });
			await db.run((tx) =>
				repo.insertVersion(tx, { paperId: paper.id, kind: 'auto', name, state: current, createdBy: actor.userId })
			);
			const update = updateTowards(current, stateToNode(version.state));
			if (!isEmptyUpdate(update)) await hub.applyUpdate(paper.id, update, actor.userId);
			return { restored: version.number };
		}
	};
}

export type VersionService = ReturnType<typeof createVersionService>;
