/** Changed blocks the paper page renders at most (the server caps what it sends as well). */
export const MAX_SHOWN_BLOCKS = 300;
