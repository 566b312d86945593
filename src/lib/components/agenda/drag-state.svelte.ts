import { onMount } from 'svelte';

/**
 * Native drag and drop over the agenda rows. Dragging is switched on only once the page runs
 * JavaScript: without it the rows are plain list items and the buttons do the moving.
 */
export class DragState {
	enabled = $state(false);
	/** The row (or "end") the pointer is over, for the drop marker. */
	over = $state<string | null>(null);
	#dragged: string | null = null;

	constructor() {
		onMount(() => {
			this.enabled = true;
		});
	}

	start(event: DragEvent, itemId: string): void {
		this.#dragged = itemId;
		event.dataTransfer?.setData('text/plain', itemId);
		if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
	}

	overItem(event: DragEvent, target: string): void {
		if (!this.#dragged) return;
		event.preventDefault();
		if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
		this.over = target;
	}

	leave(target: string): void {
		if (this.over === target) this.over = null;
	}

	/** Ends the drag; returns the dragged item's id (null when nothing was dragged). */
	end(): string | null {
		const dragged = this.#dragged;
		this.#dragged = null;
		this.over = null;
		return dragged;
	}
}
