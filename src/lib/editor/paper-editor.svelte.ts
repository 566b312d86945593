// Reactive state of the paper editor page: the TipTap editor over a CollabSession, with what the
// page shows around it (connection, saved state, presence, active formatting).
import { Editor } from '@tiptap/core';
import type { CollabAccess } from '$lib/collab/protocol';
import { CollabSession, type ConnectionState } from './collab-session';
import { collabExtensions, type CaretUser } from './extensions';
import { colourFor, isHexColour } from './colour';

export interface Participant extends CaretUser {
	/** The local person (in any of their tabs). */
	self: boolean;
}

/** Formatting states the toolbar reflects with aria-pressed. */
const TRACKED = [
	'bold',
	'italic',
	'underline',
	'strike',
	'bulletList',
	'orderedList',
	'blockquote',
	'link',
	'table'
] as const;
export type TrackedFormat = (typeof TRACKED)[number] | 'heading1' | 'heading2' | 'heading3';

export interface PaperEditorInput {
	element: HTMLElement;
	paperId: string;
	user: CaretUser;
	/** Access from the page load; a ticket may narrow or widen it later. */
	access: CollabAccess;
	/** Accessible name of the editable area. */
	label: string;
}

export class PaperEditorState {
	connection = $state<ConnectionState>('connecting');
	saved = $state(false);
	access = $state<CollabAccess>('view');
	tooLarge = $state(false);
	/** Local changes the server refused (read-only now): whether the paper is approved minutes, and the local text. */
	refused = $state<{ frozen: boolean; text: string } | null>(null);
	participants = $state<Participant[]>([]);
	active = $state<Partial<Record<TrackedFormat, boolean>>>({});
	canUndo = $state(false);
	canRedo = $state(false);
	ready = $state(false);
	/** Editors choose; commenters can only suggest (the server refuses anything else from them). */
	mode = $state<'edit' | 'suggest'>('edit');
	readonly editable = $derived(
		(this.access === 'edit' || this.access === 'comment') && !this.tooLarge && !this.refused
	);
	readonly suggesting = $derived(this.access === 'comment' || this.mode === 'suggest');
	/** Editors accept and reject; everyone who suggests may withdraw their own. */
	readonly canDecide = $derived(this.access === 'edit' && !this.tooLarge && !this.refused);
	/** Bumped on every document change: the suggestions list re-reads the document. */
	revision = $state(0);

	editor: Editor | null = null;
	private session: CollabSession | null = null;
	private userId = '';

	/** Starts the session and the editor inside `element`; returns the cleanup. */
	mount(input: PaperEditorInput): () => void {
		this.access = input.access;
		this.userId = input.user.id;
		const session = new CollabSession({
			paperId: input.paperId,
			userId: input.user.id,
			events: {
				connection: (state) => (this.connection = state),
				saved: (saved) => (this.saved = saved),
				access: (access) => this.setAccess(access),
				tooLarge: () => {
					this.tooLarge = true;
					this.editor?.setEditable(false);
				},
				refused: (frozen) => {
					this.refused = { frozen, text: this.editor?.getText({ blockSeparator: '\n\n' }) ?? '' };
					this.editor?.setEditable(false);
				}
			}
		});
		this.session = session;
		session.provider.awareness.setLocalStateField('user', { ...input.user });
		session.provider.awareness.on('change', () => this.readParticipants());
		this.editor = new Editor({
			element: input.element,
			extensions: collabExtensions({
				doc: session.doc,
				provider: session.provider,
				user: input.user,
				suggesting: () => this.suggesting
			}),
			editable: this.editable,
			editorProps: {
				// A function: ProseMirror recomputes it on every update, so aria-readonly follows access changes.
				attributes: () => ({
					role: 'textbox',
					'aria-multiline': 'true',
					'aria-label': input.label,
					'aria-readonly': String(!this.editable),
					class: 'paper-content'
				})
			},
			onTransaction: ({ transaction }) => {
				this.readActive();
				if (transaction.docChanged) this.revision += 1;
			}
		});
		this.readParticipants();
		this.ready = true;
		const online = () => session.retryNow();
		const offline = () => session.wentOffline();
		window.addEventListener('online', online);
		window.addEventListener('offline', offline);
		void session.connect();
		return () => {
			window.removeEventListener('online', online);
			window.removeEventListener('offline', offline);
			this.editor?.destroy();
			this.editor = null;
			session.destroy();
			this.session = null;
			this.ready = false;
		};
	}

	/** After a refusal: drops the changes kept in this browser and loads the server's text. */
	async discardAndReload() {
		await this.session?.discardLocal();
		window.location.reload();
	}

	private setAccess(access: CollabAccess) {
		this.access = access;
		this.editor?.setEditable(this.editable);
	}

	private readActive() {
		const editor = this.editor;
		if (!editor) return;
		const active: Partial<Record<TrackedFormat, boolean>> = {};
		for (const name of TRACKED) active[name] = editor.isActive(name);
		for (const level of [1, 2, 3] as const) active[`heading${level}`] = editor.isActive('heading', { level });
		this.active = active;
		this.canUndo = editor.can().undo();
		this.canRedo = editor.can().redo();
	}

	/** Everyone in the paper, once per person (several tabs show once), the local person first. */
	private readParticipants() {
		const states = this.session?.provider.awareness.getStates();
		if (!states) return;
		// A local index while building the list; the list itself is the state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const byId = new Map<string, Participant>();
		for (const state of states.values()) {
			const user = (state as { user?: Partial<CaretUser> }).user;
			if (!user?.id || !user.name || byId.has(user.id)) continue;
			byId.set(user.id, {
				id: user.id,
				name: user.name,
				color: isHexColour(user.color) ? user.color : colourFor(user.id),
				self: user.id === this.userId
			});
		}
		this.participants = [...byId.values()].sort(
			(a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name)
		);
	}

	/** Runs an editor command chain and keeps focus in the text (formatting is not suggested). */
	run(command: (editor: Editor) => void) {
		if (this.editor && this.editable && !this.suggesting) command(this.editor);
	}

	setMode(mode: 'edit' | 'suggest') {
		if (this.access === 'edit') this.mode = mode;
	}
}
