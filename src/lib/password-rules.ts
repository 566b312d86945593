/** Password length limits, shared by forms (hints, minlength) and server validation. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 72;
