// The glue every route uses between SvelteKit and the services: forms and their refusals, page loads,
// form actions and JSON endpoints. Routes import from '$lib/server/http'.
export { attempt, fieldErrors, formObject, parseForm, readForm, refusalOf, type Refusal } from './form';
export { loadBoard } from './board';
export { boardPage, boardResource, idParam, pageData } from './page';
export {
	boardFormAction,
	customAction,
	customBoardAction,
	formAction,
	type FormFailure,
	type FormSuccess
} from './action';
export { jsonEndpoint, jsonRefusal } from './endpoint';
