import type { RequestContext } from '$lib/server/context';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- SvelteKit's Locals is declared by extending
		interface Locals extends RequestContext {}
		interface PageData {
			locale?: 'de' | 'en';
		}
	}
}

export {};
