import { isUuid } from '../common.schema';
import { ServiceError, notFound } from '../errors';

// Route helpers of the files area: uploaded parts out of a form (refusals as JSON: $lib/server/http).

/** The non-empty file parts of a multipart form (an empty file input sends one empty part). */
export function fileParts(data: FormData, field = 'file'): File[] {
	return data.getAll(field).filter((value): value is File => typeof value !== 'string' && value.size > 0);
}

export const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

/** A file's or agenda item's id from an address or a form: anything that is no uuid names nothing (404). */
export function idOrNotFound(value: unknown): string {
	if (!isUuid(value)) throw notFound();
	return value;
}

/** An optional id form field: empty is none, anything else must be an id. */
export const optionalId = (value: FormDataEntryValue | null): string | null =>
	typeof value === 'string' && value ? idOrNotFound(value) : null;

/**
 * The multipart form of an upload. A body over the server's limit (BODY_SIZE_LIMIT, see server.js:
 * the adapter fails the read with status 413) is refused with `oversized()`, which names the size
 * limit; a body that ends midway (a cancelled upload) or is not multipart is refused as unreadable.
 * Either way the answer says what was wrong, not "choose a file".
 */
export async function readUploadForm(request: Request, oversized: () => Promise<ServiceError>): Promise<FormData> {
	try {
		return await request.formData();
	} catch (error) {
		if ((error as { status?: unknown } | null)?.status === 413) throw await oversized();
		throw new ServiceError(400, 'files.error.unreadable');
	}
}

/** Where a no-JS upload returns to: only pages of the same board (never an open redirect). */
export function returnTarget(value: FormDataEntryValue | null, boardSlug: string): string | null {
	if (typeof value !== 'string') return null;
	return value.startsWith(`/b/${boardSlug}/`) && !value.includes('//') && !value.includes('\\') ? value : null;
}
