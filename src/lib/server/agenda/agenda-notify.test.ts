import { describe, expect, it } from 'vitest';
import { collapse } from './agenda-notify';

const snap = (number: string, title = 'Haushalt') => ({ number, title, isPublic: true });

describe('a batch of agenda changes', () => {
	it('reads several changes of one item as one, from its state before the first to after the last', () => {
		const notes = collapse([
			{ id: '1', itemId: 'a', action: 'edit', before: snap('Ö 1'), after: snap('Ö 1', 'Haushalt 2027') },
			{
				id: '2',
				itemId: 'a',
				action: 'move',
				before: snap('Ö 1', 'Haushalt 2027'),
				after: snap('Ö 2', 'Haushalt 2027')
			},
			{ id: '3', itemId: 'b', action: 'move', before: snap('Ö 2', 'B'), after: snap('Ö 1', 'B') }
		]);
		expect(notes).toEqual([
			{ itemId: 'a', action: 'edit', before: snap('Ö 1'), after: snap('Ö 2', 'Haushalt 2027') },
			{ itemId: 'b', action: 'move', before: snap('Ö 2', 'B'), after: snap('Ö 1', 'B') }
		]);
	});

	it('drops an item added and deleted, and one moved away and back', () => {
		expect(
			collapse([
				{ id: '1', itemId: 'n', action: 'add', before: null, after: snap('Ö 3', 'Neu') },
				{ id: '2', itemId: 'n', action: 'delete', before: snap('Ö 3', 'Neu'), after: null },
				{ id: '3', itemId: 'v', action: 'move', before: snap('Ö 3', 'V'), after: snap('Ö 2', 'V') },
				{ id: '4', itemId: 'v', action: 'move', before: snap('Ö 2', 'V'), after: snap('Ö 3', 'V') }
			])
		).toEqual([]);
	});
});
