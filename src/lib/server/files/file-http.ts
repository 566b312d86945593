import { fail, json, redirect } from '@sveltejs/kit';
import { translate, type Locale } from '$lib/i18n';
import { ServiceError } from '../errors';
import { UploadRefused } from './file-check';

// Route helpers of the files area: uploaded parts out of a form, refusals as JSON or form failures.

/** The non-empty file parts of a multipart form (an empty file input sends one empty part). */
export function fileParts(data: FormData, field = 'file'): File[] {
	return data.getAll(field).filter((value): value is File => typeof value !== 'string' && value.size > 0);
}

export const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

/** HTTP status and translated message of a refusal; anything unexpected is rethrown. */
export function refusalOf(error: unknown, locale: Locale): { status: number; message: string } {
	if (!(error instanceof ServiceError)) throw error;
	const status = error instanceof UploadRefused ? error.httpStatus : error.status;
	return { status, message: translate(locale, error.messageKey, error.params) };
}

/** For the XHR endpoint: `{ message }` with 401/403/404/413/415. */
export function jsonRefusal(error: unknown, locale: Locale) {
	const { status, message } = refusalOf(error, locale);
	return json({ message }, { status });
}

export function formRefusal(error: unknown, locale: Locale) {
	const { status, message } = refusalOf(error, locale);
	return fail(status, { message });
}

/** Where a no-JS upload returns to: only pages of the same board (never an open redirect). */
export function returnTarget(value: FormDataEntryValue | null, boardSlug: string): string | null {
	if (typeof value !== 'string') return null;
	return value.startsWith(`/b/${boardSlug}/`) && !value.includes('//') && !value.includes('\\') ? value : null;
}

export function backTo(target: string | null): void {
	if (target) redirect(303, target);
}
