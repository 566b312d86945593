import type { JSONContent } from '@tiptap/core';
import { exportableHref } from './safe-link';

// A small Markdown serializer for the paper schema (StarterKit + tables). Comment marks are not part of
// the exported text: comments are discussion, not content.

type Mark = NonNullable<JSONContent['marks']>[number];

const escapeText = (text: string) =>
	text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');

function wrap(text: string, mark: Mark): string {
	switch (mark.type) {
		case 'bold':
			return `**${text}**`;
		case 'italic':
			return `*${text}*`;
		case 'strike':
			return `~~${text}~~`;
		// Pending suggestions in CriticMarkup (when exported marked).
		case 'suggestionInsert':
			return `{++${text}++}`;
		case 'suggestionDelete':
			return `{--${text}--}`;
		case 'code':
			return `\`${text}\``;
		case 'link': {
			// A link the export may not carry (javascript:, data:, relative) keeps only its text.
			const target = exportableHref(mark.attrs?.href);
			if (!target) return text;
			const href = target.replace(
				/[()\s<>]/g,
				(c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
			);
			return `[${text}](${href})`;
		}
		default:
			return text;
	}
}

/** Inline content: text with its marks, hard breaks as Markdown line breaks. */
export function inlineMarkdown(nodes: JSONContent[] = []): string {
	return nodes
		.map((node) => {
			if (node.type === 'hardBreak') return '  \n';
			const isCode = node.marks?.some((m) => m.type === 'code');
			const text = isCode ? (node.text ?? '') : escapeText(node.text ?? '');
			return (node.marks ?? []).reduce((acc, mark) => wrap(acc, mark), text);
		})
		.join('');
}

const indent = (text: string, prefix: string) =>
	text
		.split('\n')
		.map((line, i) => (i === 0 ? line : line ? ' '.repeat(prefix.length) + line : line))
		.join('\n');

function list(node: JSONContent, ordered: boolean): string {
	const start = Number(node.attrs?.start ?? 1);
	return (node.content ?? [])
		.map((item, i) => {
			const prefix = ordered ? `${start + i}. ` : '- ';
			return prefix + indent(blocks(item.content ?? [], '\n'), prefix);
		})
		.join('\n');
}

function cellText(cell: JSONContent): string {
	return (cell.content ?? [])
		.map((block) => inlineMarkdown(block.content))
		.join(' ')
		.replace(/\n/g, ' ');
}

function table(node: JSONContent): string {
	const rows = (node.content ?? []).map((row) => (row.content ?? []).map(cellText));
	if (rows.length === 0) return '';
	const width = Math.max(...rows.map((r) => r.length));
	const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
	return [line(rows[0]!), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n');
}

function block(node: JSONContent): string {
	switch (node.type) {
		case 'heading':
			return `${'#'.repeat(Number(node.attrs?.level ?? 1))} ${inlineMarkdown(node.content)}`;
		case 'paragraph':
			return inlineMarkdown(node.content);
		case 'bulletList':
			return list(node, false);
		case 'orderedList':
			return list(node, true);
		case 'blockquote':
			return blocks(node.content ?? [])
				.split('\n')
				.map((line) => (line ? `> ${line}` : '>'))
				.join('\n');
		case 'codeBlock':
			return `\`\`\`${node.attrs?.language ?? ''}\n${(node.content ?? []).map((t) => t.text ?? '').join('')}\n\`\`\``;
		case 'horizontalRule':
			return '---';
		case 'table':
			return table(node);
		default:
			return blocks(node.content ?? []);
	}
}

function blocks(nodes: JSONContent[], separator = '\n\n'): string {
	return nodes.map(block).join(separator);
}

/** The whole document as Markdown. */
export function toMarkdown(doc: JSONContent): string {
	const text = blocks(doc.content ?? []).trim();
	return text ? `${text}\n` : '';
}
