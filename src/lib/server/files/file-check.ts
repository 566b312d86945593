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

/** The file name as the person's system had it, without any path and control characters. */
export function cleanFileName(raw: string): string {
	const base = raw.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const name = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
	if (!name || name === '.' || name === '..') throw new ServiceError(400, 'files.error.noName');
	return name;
}

export interface CheckedUpload {
	name: string;
	bytes: Uint8Array;
	contentType: string;
	size: number;
	sha256: string;
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Size and type per the bucket's settings. The type must be the same from the extension and from the
 * content: a PNG named `.pdf` is refused, so is anything the sniffer does not recognise.
 */
export function checkUpload(input: { fileName: string; bytes: Uint8Array }, limits: BucketLimits): CheckedUpload {
	const name = cleanFileName(input.fileName);
	if (input.bytes.byteLength === 0) throw new ServiceError(400, 'files.error.empty');
	if (input.bytes.byteLength > limits.fileSizeLimit) throw new UploadRefused(413, 'files.error.tooLarge', { max: mib(limits.fileSizeLimit) });
	const claimed = mimeForName(name);
	if (!claimed || !limits.allowedMimeTypes.includes(claimed)) throw new UploadRefused(415, 'files.error.type');
	const actual = sniffType(input.bytes);
	if (actual !== claimed) throw new UploadRefused(415, 'files.error.mismatch');
	return { name, bytes: input.bytes, contentType: actual, size: input.bytes.byteLength, sha256: createHash('sha256').update(input.bytes).digest('hex') };
}
