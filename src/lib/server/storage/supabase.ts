import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import type { StagedUpload, StageInput, StoragePort, SignInput } from './port';

/**
 * Supabase Storage through storage-js. Storage keeps the storage.objects row and the bytes together, so
 * the upload happens inside the caller's transaction (record) and is removed again when that fails.
 * The server uses the service-role key: it acts only after the file service checked the person's rights
 * under RLS on public.files; the storage.objects policies (migration) hold for direct client access.
 */
// Node 20 has no native WebSocket and supabase-js refuses to build its (unused) realtime client without one.
const realtime = {
	transport: ws as unknown as NonNullable<NonNullable<Parameters<typeof createClient>[2]>['realtime']>['transport']
};

export function createSupabaseStorage(input: {
	url: string;
	serviceRoleKey: string;
	/** For signed-out visitors' reads (readPublic): Storage applies its anon policies to them. */
	anonKey?: string;
	fetch?: typeof fetch;
}): StoragePort {
	const clientWith = (key: string) =>
		createClient(input.url, key, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
			realtime,
			global: input.fetch ? { fetch: input.fetch } : undefined
		});
	const client = clientWith(input.serviceRoleKey);
	const anon = input.anonKey ? clientWith(input.anonKey) : null;
	const bucketOf = (bucket: string) => client.storage.from(bucket);

	async function removeObjects(bucket: string, names: string[]) {
		if (names.length === 0) return;
		const { error } = await bucketOf(bucket).remove(names);
		if (error) throw new Error(`storage: remove failed: ${error.message}`);
	}

	return {
		kind: 'supabase',
		async stage(upload: StageInput): Promise<StagedUpload> {
			let uploaded = false;
			return {
				async record() {
					const { error } = await bucketOf(upload.bucket).upload(upload.name, upload.bytes, {
						contentType: upload.contentType,
						upsert: false
					});
					if (error) throw new Error(`storage: upload failed: ${error.message}`);
					uploaded = true;
				},
				async commit() {},
				async abort() {
					if (uploaded) await removeObjects(upload.bucket, [upload.name]);
				}
			};
		},
		async remove(_tx, bucket, names) {
			return () => removeObjects(bucket, names);
		},
		async read(bucket: string, name: string) {
			const { data, error } = await bucketOf(bucket).download(name);
			if (error || !data) throw new Error(`storage: download failed: ${error?.message ?? 'no data'}`);
			return new Uint8Array(await data.arrayBuffer());
		},
		async readPublic(_anon, bucket, name) {
			if (!anon) throw new Error('storage: no anon key for public reads');
			const { data, error } = await anon.storage.from(bucket).download(name);
			// Storage answers a hidden object as not found (400/404): the same as a missing one.
			if (error || !data) {
				const status = Number((error as { status?: unknown } | null)?.status ?? 0);
				if (status === 400 || status === 404) return null;
				throw new Error(`storage: public download failed: ${error?.message ?? 'no data'}`);
			}
			return new Uint8Array(await data.arrayBuffer());
		},
		async signedUrl(sign: SignInput) {
			const { data, error } = await bucketOf(sign.bucket).createSignedUrl(sign.name, sign.expiresIn);
			if (error || !data) throw new Error(`storage: signing failed: ${error?.message ?? 'no data'}`);
			// Added here rather than through the `download` option, which storage-js encodes twice (encodeURI
			// over URLSearchParams), garbling names with umlauts or spaces.
			return `${data.signedUrl}&download=${encodeURIComponent(sign.downloadName)}`;
		}
	};
}
