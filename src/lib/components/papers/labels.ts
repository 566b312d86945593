import { t } from '$lib/i18n/t';
import type { AccessLevel, PaperStatus, Visibility } from '$lib/types/paper.types';

export const statusLabel = (status: PaperStatus) => t(`papers.status.${status}`);

/** A paper's state as shown everywhere: approved (frozen) minutes show that, not the paper's own status. */
export interface StatusOfPaper {
	status: PaperStatus;
	minutesState?: 'approved' | 'published' | null;
}
export const paperStatusLabel = (paper: StatusOfPaper) =>
	paper.minutesState
		? t(paper.minutesState === 'published' ? 'papers.status.minutesPublished' : 'papers.status.minutesApproved')
		: statusLabel(paper.status);
/** The badge's class: frozen minutes look like an adopted paper. */
export const paperStatusClass = (paper: StatusOfPaper) => `status-${paper.minutesState ? 'adopted' : paper.status}`;
export const levelLabel = (level: AccessLevel) => t(`papers.level.${level}`);
export const visibilityLabel = (visibility: Visibility) => t(`papers.visibility.${visibility}`);
