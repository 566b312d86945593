import { t } from '$lib/i18n/t';

/** "Control+Shift+Z" as the reader's keyboard labels it ("Strg+Umschalt+Z" in German). */
export function shortcutText(shortcut: string): string {
	return shortcut
		.split('+')
		.map((key) => (key === 'Control' ? t('editor.key.mod') : key === 'Shift' ? t('editor.key.shift') : key))
		.join('+');
}
