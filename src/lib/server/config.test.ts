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

describe('configuration: single sign-on (#17)', () => {
	const supabase = { SUPABASE_URL: 'https://x.supabase.co', SUPABASE_ANON_KEY: 'a', SUPABASE_SERVICE_ROLE_KEY: 's' };

	it('offers none unless configured', () => {
		expect(parseConfig({}).sso).toBeUndefined();
	});

	it('takes OIDC_* for local auth and SUPABASE_SSO_* for Supabase Auth', () => {
		expect(
			parseConfig({
				OIDC_ISSUER: 'https://id.hamm.de/realms/stadt',
				OIDC_CLIENT_ID: 'beirat',
				OIDC_LABEL: 'Stadt Hamm'
			}).sso
		).toEqual({
			kind: 'oidc',
			label: 'Stadt Hamm',
			issuer: 'https://id.hamm.de/realms/stadt',
			clientId: 'beirat',
			clientSecret: undefined
		});
		expect(parseConfig({ ...supabase, SUPABASE_SSO_PROVIDER: 'keycloak' }).sso).toEqual({
			kind: 'supabase',
			label: 'Single Sign-on',
			provider: 'keycloak'
		});
		expect(parseConfig({ ...supabase, SUPABASE_SSO_DOMAIN: 'hamm.de' }).sso).toMatchObject({ kind: 'supabase-saml' });
	});

	it.each([
		[{ OIDC_ISSUER: 'https://id.example' }, 'OIDC_CLIENT_ID'],
		[{ OIDC_ISSUER: 'id.example', OIDC_CLIENT_ID: 'b' }, 'OIDC_ISSUER'],
		[{ ...supabase, OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'b' }, 'OIDC_ISSUER'],
		[{ SUPABASE_SSO_PROVIDER: 'keycloak' }, 'SUPABASE_SSO_PROVIDER'],
		[{ ...supabase, SUPABASE_SSO_PROVIDER: 'Key Cloak' }, 'SUPABASE_SSO_PROVIDER'],
		[{ ...supabase, SUPABASE_SSO_PROVIDER: 'azure', SUPABASE_SSO_DOMAIN: 'hamm.de' }, 'SUPABASE_SSO_DOMAIN']
	])('refuses %o, naming %s', (env, name) => {
		expect(() => parseConfig(env)).toThrow(ConfigError);
		expect(() => parseConfig(env)).toThrow(name);
	});
});
