import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration: the OParl body (#14)', () => {
	it('defaults to the city of Hamm', () => {
		expect(parseConfig({}).oparlBody).toEqual({
			key: 'hamm',
			name: 'Stadt Hamm',
			shortName: 'Hamm',
			website: 'https://www.hamm.de',
			ags: '05915000',
			contactEmail: undefined,
			contactName: undefined
		});
	});

	it('takes the OPARL_* variables', () => {
		const body = parseConfig({
			OPARL_BODY_KEY: 'muenster',
			OPARL_BODY_NAME: 'Stadt Münster',
			OPARL_BODY_SHORT_NAME: 'Münster',
			OPARL_BODY_WEBSITE: '',
			OPARL_BODY_AGS: '05515000',
			OPARL_CONTACT_EMAIL: 'opendata@stadt.example',
			OPARL_CONTACT_NAME: 'Open Data'
		}).oparlBody;
		expect(body).toMatchObject({ key: 'muenster', name: 'Stadt Münster', ags: '05515000', website: undefined });
		expect(body.contactEmail).toBe('opendata@stadt.example');
	});

	it.each([
		['OPARL_BODY_KEY', 'Hamm City'],
		['OPARL_BODY_AGS', '5915'],
		['OPARL_BODY_WEBSITE', 'ftp://hamm.de'],
		['OPARL_CONTACT_EMAIL', 'not-an-address']
	])('refuses %s=%s, naming it', (name, value) => {
		expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
		expect(() => parseConfig({ [name]: value })).toThrow(name);
	});
});
