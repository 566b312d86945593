import { z } from 'zod';

// The forms of two-factor sign-in: a six-digit code, or at sign-in and when turning it off a recovery code.

/** A code as typed: digits of the app, or a recovery code `xxxxx-xxxxx`; spaces allowed. */
const codeSchema = z.string().trim().min(6).max(20);

export const confirmCodeSchema = z.object({ code: codeSchema });

export const verifyCodeSchema = z.object({ code: codeSchema, redirectTo: z.string().max(2000).optional() });

export const disableSchema = z.object({ password: z.string().min(1).max(200), code: codeSchema });

/** New recovery codes: the password and a current code from the app. */
export const renewCodesSchema = z.object({ password: z.string().min(1).max(200), code: codeSchema });
