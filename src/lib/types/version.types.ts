// The paper versions' shared words: the version pages in the browser and the version service agree on them.

/** In a comparison, the paper's text as it is now instead of a saved version. */
export const CURRENT_TEXT = 'current';
