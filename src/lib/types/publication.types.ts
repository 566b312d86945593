/** Why a decision can or cannot go on the public pages (#14). */
export type DecisionPublicity = 'publishable' | 'notPublic' | 'notAdopted';

/** A decision's publication as its page shows it. */
export interface DecisionPublicationView {
	/** When the office published it (ISO), or null. */
	publishedAt: string | null;
	publicity: DecisionPublicity;
	/** Whether the person may publish or withdraw it (the office). */
	canManage: boolean;
}

/** A paper's publication as its settings page shows it. */
export interface PaperPublicationView {
	publishedAt: string | null;
	/** The frozen version the public pages show. */
	versionId: string | null;
	versionNumber: number | null;
	canManage: boolean;
}
