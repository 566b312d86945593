import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// Validates OParl objects and list pages against the schemas in ./schema (written from the OParl 1.1
// specification text, see schema/README.md).

const here = path.dirname(fileURLToPath(import.meta.url));
const folder = path.join(here, 'schema');

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.json')))
	ajv.addSchema(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as object);

const BASE = 'https://schema.beirat.example/oparl/1.1/';
const validators = new Map<string, ValidateFunction>();

function validator(name: string): ValidateFunction {
	let found = validators.get(name);
	if (!found) {
		found = ajv.getSchema(`${BASE}${name}.json`);
		if (!found) throw new Error(`no schema for ${name}`);
		validators.set(name, found);
	}
	return found;
}

/** The OParl type name of an object (`https://schema.oparl.org/1.1/Meeting` → `Meeting`). */
export function typeName(object: { type?: unknown }): string {
	const type = String(object.type ?? '');
	const match = /^https:\/\/schema\.oparl\.org\/1\.1\/([A-Za-z]+)$/.exec(type);
	if (!match) throw new Error(`not an OParl 1.1 type: ${type}`);
	return match[1]!;
}

/** The problems of one object against its type's schema ([] when valid). */
export function objectProblems(object: Record<string, unknown>): string[] {
	const validate = validator(typeName(object));
	const id = String(object.id);
	return validate(object) ? [] : (validate.errors ?? []).map((e) => `${id} ${e.instancePath} ${e.message}`);
}

/** The problems of a list page and of every object in it. */
export function listProblems(page: { data?: unknown }): string[] {
	const validate = validator('ObjectList');
	const own = validate(page) ? [] : (validate.errors ?? []).map((e) => `list ${e.instancePath} ${e.message}`);
	const data = Array.isArray(page.data) ? (page.data as Record<string, unknown>[]) : [];
	return [...own, ...data.flatMap((object) => objectProblems(object))];
}
