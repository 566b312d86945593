import { t } from '$lib/i18n/t';

/** "Version 3 – Entwurf für Sitzung 12.03." or "Version 4 – Automatische Version". */
export function versionLabel(version: { number: number; name: string | null }): string {
	return `${t('comments.version.number', { number: version.number })} – ${version.name ?? t('comments.version.unnamed')}`;
}
