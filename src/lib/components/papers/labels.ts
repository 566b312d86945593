import { t } from '$lib/i18n/t';
import type { AccessLevel, PaperStatus, Visibility } from '$lib/editor/paper-model';

export const statusLabel = (status: PaperStatus) => t(`papers.status.${status}`);
export const levelLabel = (level: AccessLevel) => t(`papers.level.${level}`);
export const visibilityLabel = (visibility: Visibility) => t(`papers.visibility.${visibility}`);
