// Values of a paper's fields, shared by the server (validation, SQL) and the browser (forms, labels).

export const PAPER_STATUSES = ['draft', 'discussion', 'adopted', 'archived'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];
export const ACCESS_LEVELS = ['view', 'comment', 'edit'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const VISIBILITIES = ['board', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const PAPER_SORTS = ['edited', 'title'] as const;
export type PaperSort = (typeof PAPER_SORTS)[number];

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_TITLE_LENGTH = 200;
