import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A small in-memory stand-in for Supabase Storage behind the API gateway (`/storage/v1`), for the calls
 * the Supabase adapter makes through storage-js: upload (POST /object/<bucket>/<path>, x-upsert),
 * createSignedUrl (POST /object/sign/<bucket>/<path> {expiresIn} -> {signedURL}), download through the
 * signed URL (GET /object/sign/<bucket>/<path>?token=…&download=…) and remove
 * (DELETE /object/<bucket> {prefixes}), and a download with the anon key (GET /object[/authenticated]/<bucket>/<path>),
 * which Storage answers under its RLS: `anonMayRead` stands in for the anon policies on storage.objects (tests
 * ask the real database as anon). Error bodies follow storage-api: {statusCode, error, message}.
 */

export interface FakeObject {
	bytes: Buffer;
	contentType: string;
}

export type FakeStorage = Awaited<ReturnType<typeof startFakeStorage>>;

export async function startFakeStorage(
	options: { anonMayRead?: (bucket: string, name: string) => Promise<boolean> } = {}
) {
	const serviceRoleKey = `service-${randomUUID()}`;
	const anonKey = `anon-${randomUUID()}`;
	const secret = randomBytes(32);
	const objects = new Map<string, FakeObject>();
	const requests: { method: string; path: string }[] = [];
	let url = '';

	const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url');
	const issue = (key: string, expiresIn: number) => {
		const body = Buffer.from(JSON.stringify({ url: key, exp: Math.floor(Date.now() / 1000) + expiresIn })).toString(
			'base64url'
		);
		return `${body}.${sign(body)}`;
	};
	function check(token: string, key: string): 'ok' | 'invalid' | 'expired' {
		const [body, mac] = token.split('.');
		if (!body || !mac) return 'invalid';
		const expected = Buffer.from(sign(body));
		if (expected.length !== mac.length || !timingSafeEqual(expected, Buffer.from(mac))) return 'invalid';
		const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { url: string; exp: number };
		if (claims.url !== key) return 'invalid';
		return claims.exp * 1000 < Date.now() ? 'expired' : 'ok';
	}

	const send = (res: ServerResponse, status: number, body: unknown) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	};
	const problem = (res: ServerResponse, status: number, error: string, message: string) =>
		send(res, 400, { statusCode: String(status), error, message });
	const authorised = (req: IncomingMessage) =>
		req.headers.authorization === `Bearer ${serviceRoleKey}` && req.headers.apikey === serviceRoleKey;

	async function body(req: IncomingMessage): Promise<Buffer> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks);
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const parsed = new URL(req.url ?? '/', url);
		const path = decodeURIComponent(parsed.pathname.replace(/^\/storage\/v1/, ''));
		requests.push({ method: req.method ?? '', path });
		const signed = path.match(/^\/object\/sign\/(.+)$/);
		if (req.method === 'GET' && signed) {
			const verdict = check(parsed.searchParams.get('token') ?? '', signed[1]!);
			if (verdict !== 'ok')
				return problem(
					res,
					verdict === 'expired' ? 400 : 403,
					'InvalidSignature',
					verdict === 'expired' ? 'jwt expired' : 'invalid signature'
				);
			const object = objects.get(signed[1]!);
			if (!object) return problem(res, 404, 'not_found', 'Object not found');
			const download = parsed.searchParams.get('download');
			res.writeHead(200, {
				'content-type': object.contentType,
				...(download !== null
					? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download)}` }
					: {})
			});
			return res.end(object.bytes);
		}
		const anonRead = path.match(/^\/object\/(?:authenticated\/)?([^/]+)\/(.+)$/);
		if (req.method === 'GET' && anonRead && req.headers.authorization === `Bearer ${anonKey}`) {
			const object = objects.get(`${anonRead[1]}/${anonRead[2]}`);
			// Like Storage: an object RLS hides is as unknown as a missing one.
			if (!object || !(await (options.anonMayRead?.(anonRead[1]!, anonRead[2]!) ?? false)))
				return problem(res, 404, 'not_found', 'Object not found');
			res.writeHead(200, { 'content-type': object.contentType });
			return res.end(object.bytes);
		}
		if (!authorised(req)) return problem(res, 403, 'Unauthorized', 'invalid JWT');
		if (req.method === 'POST' && signed) {
			const { expiresIn } = JSON.parse((await body(req)).toString()) as { expiresIn: number };
			if (!objects.has(signed[1]!)) return problem(res, 404, 'not_found', 'Object not found');
			return send(res, 200, { signedURL: `/object/sign/${signed[1]}?token=${issue(signed[1]!, expiresIn)}` });
		}
		const object = path.match(/^\/object\/([^/]+)\/(.+)$/);
		if (req.method === 'POST' && object) {
			const key = `${object[1]}/${object[2]}`;
			if (objects.has(key) && req.headers['x-upsert'] !== 'true')
				return problem(res, 409, 'Duplicate', 'The resource already exists');
			objects.set(key, {
				bytes: await body(req),
				contentType: String(req.headers['content-type'] ?? 'application/octet-stream')
			});
			return send(res, 200, { Id: randomUUID(), Key: key });
		}
		const bucket = path.match(/^\/object\/([^/]+)$/);
		if (req.method === 'DELETE' && bucket) {
			const { prefixes } = JSON.parse((await body(req)).toString()) as { prefixes: string[] };
			const removed = prefixes.filter((name) => objects.delete(`${bucket[1]}/${name}`));
			return send(
				res,
				200,
				removed.map((name) => ({ name, bucket_id: bucket[1] }))
			);
		}
		return problem(res, 404, 'not_found', 'route not found');
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) =>
			send(res, 500, { statusCode: '500', error: 'internal', message: String(error) })
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		serviceRoleKey,
		anonKey,
		objects,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
