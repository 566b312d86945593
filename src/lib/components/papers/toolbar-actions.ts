import type { Editor } from '@tiptap/core';
import type { MessageKey } from '$lib/i18n';
import type { TrackedFormat } from '$lib/editor/paper-editor.svelte';

/** One toolbar button: its label, the shortcut (aria-keyshortcuts syntax) and what it does. */
export interface ToolbarAction {
	id: string;
	label: MessageKey;
	labelParams?: Record<string, string | number>;
	/** Short visible text or symbol; the accessible name is `label`. */
	glyph: string;
	shortcut?: string;
	/** Toggle buttons report their state with aria-pressed. */
	pressed?: TrackedFormat;
	/** Only usable inside a table. */
	inTable?: boolean;
	run(editor: Editor, ask: (question: string, current: string) => string | null): void;
	/** A group boundary follows (visual separator only). */
	groupEnd?: boolean;
}

const chain = (editor: Editor) => editor.chain().focus();

export const TOOLBAR_ACTIONS: ToolbarAction[] = [
	{ id: 'undo', label: 'editor.undo', glyph: '↶', shortcut: 'Control+Z', run: (e) => chain(e).undo().run() },
	{
		id: 'redo',
		label: 'editor.redo',
		glyph: '↷',
		shortcut: 'Control+Shift+Z',
		run: (e) => chain(e).redo().run(),
		groupEnd: true
	},
	...([1, 2, 3] as const).map((level): ToolbarAction => ({
		id: `h${level}`,
		label: 'editor.heading',
		labelParams: { level },
		glyph: `H${level}`,
		shortcut: `Control+Alt+${level}`,
		pressed: `heading${level}`,
		run: (e) => chain(e).toggleHeading({ level }).run(),
		groupEnd: level === 3
	})),
	{
		id: 'bold',
		label: 'editor.bold',
		glyph: 'B',
		shortcut: 'Control+B',
		pressed: 'bold',
		run: (e) => chain(e).toggleBold().run()
	},
	{
		id: 'italic',
		label: 'editor.italic',
		glyph: 'I',
		shortcut: 'Control+I',
		pressed: 'italic',
		run: (e) => chain(e).toggleItalic().run()
	},
	{
		id: 'underline',
		label: 'editor.underline',
		glyph: 'U',
		shortcut: 'Control+U',
		pressed: 'underline',
		run: (e) => chain(e).toggleUnderline().run()
	},
	{
		id: 'strike',
		label: 'editor.strike',
		glyph: 'S',
		shortcut: 'Control+Shift+S',
		pressed: 'strike',
		run: (e) => chain(e).toggleStrike().run(),
		groupEnd: true
	},
	{
		id: 'bullet',
		label: 'editor.bulletList',
		glyph: '•',
		shortcut: 'Control+Shift+8',
		pressed: 'bulletList',
		run: (e) => chain(e).toggleBulletList().run()
	},
	{
		id: 'ordered',
		label: 'editor.orderedList',
		glyph: '1.',
		shortcut: 'Control+Shift+7',
		pressed: 'orderedList',
		run: (e) => chain(e).toggleOrderedList().run()
	},
	{
		id: 'quote',
		label: 'editor.blockquote',
		glyph: '❝',
		shortcut: 'Control+Shift+B',
		pressed: 'blockquote',
		run: (e) => chain(e).toggleBlockquote().run()
	},
	{
		id: 'link',
		label: 'editor.link',
		glyph: '🔗',
		shortcut: 'Control+K',
		pressed: 'link',
		run: (e, ask) => {
			const href = ask('editor.linkPrompt', (e.getAttributes('link').href as string | undefined) ?? '');
			if (href === null) return;
			if (href.trim() === '') chain(e).extendMarkRange('link').unsetLink().run();
			else chain(e).extendMarkRange('link').setLink({ href: href.trim() }).run();
		}
	},
	{
		id: 'rule',
		label: 'editor.horizontalRule',
		glyph: '―',
		run: (e) => chain(e).setHorizontalRule().run(),
		groupEnd: true
	},
	{
		id: 'table',
		label: 'editor.table',
		glyph: '▦',
		run: (e) => chain(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()
	},
	{ id: 'row', label: 'editor.addRow', glyph: '+≡', inTable: true, run: (e) => chain(e).addRowAfter().run() },
	{ id: 'column', label: 'editor.addColumn', glyph: '+‖', inTable: true, run: (e) => chain(e).addColumnAfter().run() },
	{ id: 'untable', label: 'editor.deleteTable', glyph: '✕▦', inTable: true, run: (e) => chain(e).deleteTable().run() }
];
