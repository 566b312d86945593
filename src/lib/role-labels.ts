import { t } from '$lib/i18n/t';
import type { MessageKey } from '$lib/i18n';
import type { BoardRole } from './roles';

const keys: Record<BoardRole, MessageKey> = {
	office: 'role.office',
	chair: 'role.chair',
	deputy: 'role.deputy',
	member: 'role.member',
	advisor: 'role.advisor',
	guest: 'role.guest'
};

/** A role's name in the current language (components only). */
export function roleLabel(role: BoardRole): string {
	return t(keys[role]);
}
