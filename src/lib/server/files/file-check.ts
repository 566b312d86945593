import { createHash } from 'node:crypto';
import { ServiceError } from '../errors';
import type { MessageKey } from '$lib/i18n';
import { mimeForName, sniffType } from '../storage/sniff';
import type { BucketLimits } from './file.repository';

/** A refused upload: answered as 413 (too large) or 415 (type) by the upload endpoints. */
export class UploadRefused extends ServiceError {
	constructor(status: 413 | 415, messageKey: MessageKey, params: Record<string, string | number> = {}) {
		super(status, messageKey, params);
	}
}

/** Longest file name the tables keep (characters, as `char_length` counts them). */
export const MAX_FILE_NAME = 255;

/**
 * The file name as the person's system had it, without any path and control characters. A longer
 * name is refused rather than cut: cutting would lose the extension, and the refusal would then
 * wrongly blame the file's type.
 */
export function cleanFileName(raw: string): string {
	const base = raw.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const name = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	if (!name || name === '.' || name === '..') throw new ServiceError(400, 'files.error.noName');
	if ([...name].length > MAX_FILE_NAME)
		throw new ServiceError(400, 'files.error.nameTooLong', { count: MAX_FILE_NAME });
	return name;
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * The refusal of a file over the bucket's size limit, naming the limit; `requestTooLarge` when the
 * whole request was over the server's body limit, which may hold several files.
 */
export function tooLarge(
	limits: BucketLimits,
	messageKey: 'files.error.tooLarge' | 'files.error.requestTooLarge' = 'files.error.tooLarge'
): UploadRefused {
	return new UploadRefused(413, messageKey, { max: mib(limits.fileSizeLimit) });
}

export interface CheckedUpload {
	name: string;
	bytes: Uint8Array;
	contentType: string;
	size: number;
	sha256: string;
}

/**
 * Size and type per the bucket's settings. The type must be the same from the extension and from the
 * content: a PNG named `.pdf` is refused, so is anything the sniffer does not recognise.
 */
export function checkUpload(input: { fileName: string; bytes: Uint8Array }, limits: BucketLimits): CheckedUpload {
	const name = cleanFileName(input.fileName);
	if (input.bytes.byteLength === 0) throw new ServiceError(400, 'files.error.empty');
	if (input.bytes.byteLength > limits.fileSizeLimit) throw tooLarge(limits);
	const claimed = mimeForName(name);
	if (!claimed || !limits.allowedMimeTypes.includes(claimed)) throw new UploadRefused(415, 'files.error.type');
	const actual = sniffType(input.bytes);
	if (actual !== claimed) throw new UploadRefused(415, 'files.error.mismatch');
	return {
		name,
		bytes: input.bytes,
		contentType: actual,
		size: input.bytes.byteLength,
		sha256: createHash('sha256').update(input.bytes).digest('hex')
	};
}
