// The OParl object types this interface serves, by their address segment (`/oparl/v1/<type>/<id>`).
export const OPARL_TYPES = [
	'body',
	'organization',
	'person',
	'membership',
	'meeting',
	'agendaitem',
	'consultation',
	'paper',
	'file',
	'location',
	'legislativeterm'
] as const;
export type OparlType = (typeof OPARL_TYPES)[number];

/** Types with rows of their own (the body is configuration). */
export type RowType = Exclude<OparlType, 'body'>;

export const isOparlType = (value: string): value is OparlType => (OPARL_TYPES as readonly string[]).includes(value);

/** The spec's type names, as in `https://schema.oparl.org/1.1/<Name>`. */
export const TYPE_NAMES: Record<OparlType | 'system', string> = {
	system: 'System',
	body: 'Body',
	organization: 'Organization',
	person: 'Person',
	membership: 'Membership',
	meeting: 'Meeting',
	agendaitem: 'AgendaItem',
	consultation: 'Consultation',
	paper: 'Paper',
	file: 'File',
	location: 'Location',
	legislativeterm: 'LegislativeTerm'
};

export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
export const typeUri = (type: OparlType | 'system') => `${OPARL_VERSION}${TYPE_NAMES[type]}`;

/** When an object first became public and when its public form last changed (or it was withdrawn). */
export interface Stamps {
	created: Date;
	modified: Date;
}

/** An object that is no longer public: id, type and stamps only (spec: deleted objects). */
export interface Tombstone extends Stamps {
	id: string;
	type: RowType;
}
