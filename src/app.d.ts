import type { RequestContext } from '$lib/server/context';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals extends RequestContext {}
		interface PageData {
			locale?: 'de' | 'en';
		}
	}
}

export {};
