import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Tx } from '../db/types';
import type { ScopedDb } from '../db/scoped';
import type { StagedUpload, StageInput, StoragePort, SignInput } from './port';
import { signToken, verifyToken, type TokenPayload } from './signed-token';

export type OpenResult =
	{ ok: true; payload: TokenPayload; bytes: Buffer } | { ok: false; reason: 'invalid' | 'expired' | 'missing' };

/**
 * Files on local disk under `<root>/<bucket>/<name>`, with their storage.objects rows written in the
 * caller's transaction under the user's RLS (the same rows Supabase Storage keeps). Download links are
 * `/storage/<token>`: an HMAC over bucket, object name, expiry and download name.
 */
export interface LocalStorage extends StoragePort {
	readonly kind: 'local';
	/** Checks a download token and opens the bytes it is bound to. */
	openSigned(token: string): Promise<OpenResult>;
	/** Absolute path of an object (tests check that nothing is left behind). */
	pathOf(bucket: string, name: string): string;
}

const SAFE_NAME = /^[0-9A-Za-z][0-9A-Za-z._-]*(\/[0-9A-Za-z][0-9A-Za-z._-]*)*$/;

/** The signing secret lives in a key file next to the data, readable by the app only. */
async function loadSecret(file: string): Promise<Buffer> {
	try {
		return Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'hex');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		const secret = randomBytes(32);
		await fs.mkdir(path.dirname(file), { recursive: true });
		// 'wx': when two processes race, the second keeps the first one's key.
		await fs
			.writeFile(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' })
			.catch(async (e: NodeJS.ErrnoException) => {
				if (e.code !== 'EEXIST') throw e;
			});
		return Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'hex');
	}
}

export async function createLocalStorage(input: { dataDir: string }): Promise<LocalStorage> {
	const root = path.join(input.dataDir, 'storage');
	const secret = await loadSecret(path.join(input.dataDir, 'storage-signing.key'));

	function pathOf(bucket: string, name: string): string {
		if (!SAFE_NAME.test(bucket) || !SAFE_NAME.test(name) || name.split('/').includes('..'))
			throw new Error('invalid object name');
		return path.join(root, bucket, name);
	}

	async function stage(upload: StageInput): Promise<StagedUpload> {
		const target = pathOf(upload.bucket, upload.name);
		const temp = path.join(root, '.tmp', randomUUID());
		await fs.mkdir(path.dirname(temp), { recursive: true });
		await fs.writeFile(temp, upload.bytes, { mode: 0o600 });
		return {
			async record(tx: Tx) {
				const metadata = { size: upload.bytes.byteLength, mimetype: upload.contentType };
				await tx.query(
					`insert into storage.objects (bucket_id, name, owner, owner_id, metadata) values ($1, $2, $3, $4, $5)`,
					[upload.bucket, upload.name, upload.ownerId, upload.ownerId, JSON.stringify(metadata)]
				);
			},
			async commit() {
				await fs.mkdir(path.dirname(target), { recursive: true });
				await fs.rename(temp, target);
			},
			abort: () => fs.rm(temp, { force: true })
		};
	}

	async function remove(tx: Tx, bucket: string, names: string[]) {
		const paths = names.map((name) => pathOf(bucket, name));
		if (names.length > 0) {
			// As Supabase's storage API does: the delete-protection trigger lets this transaction through.
			await tx.query(`select set_config('storage.allow_delete_query', 'true', true)`);
			const deleted = await tx.query(
				`delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning 1`,
				[bucket, names]
			);
			// Fewer rows than names: RLS hid some; failing rolls the whole deletion back.
			if (deleted.length !== names.length) throw new Error('storage: not allowed to remove every object');
		}
		return async () => {
			await Promise.all(paths.map((p) => fs.rm(p, { force: true })));
		};
	}

	return {
		kind: 'local',
		stage,
		remove,
		pathOf,
		async read(bucket: string, name: string) {
			return new Uint8Array(await fs.readFile(pathOf(bucket, name)));
		},
		async readPublic(anon: ScopedDb, bucket: string, name: string) {
			const path = pathOf(bucket, name);
			const visible = await anon.run((tx) =>
				tx.query(`select 1 from storage.objects where bucket_id = $1 and name = $2`, [bucket, name])
			);
			return visible.length > 0 ? new Uint8Array(await fs.readFile(path)) : null;
		},
		async signedUrl(sign: SignInput) {
			pathOf(sign.bucket, sign.name);
			const exp = Math.floor(Date.now() / 1000) + sign.expiresIn;
			return `/storage/${signToken(secret, { b: sign.bucket, n: sign.name, e: exp, f: sign.downloadName, t: sign.contentType })}`;
		},
		async openSigned(token: string): Promise<OpenResult> {
			const verdict = verifyToken(secret, token);
			if (!verdict.ok) return verdict;
			try {
				return {
					ok: true,
					payload: verdict.payload,
					bytes: await fs.readFile(pathOf(verdict.payload.b, verdict.payload.n))
				};
			} catch {
				return { ok: false, reason: 'missing' };
			}
		}
	};
}
