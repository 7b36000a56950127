/**
 * The directory as Open Referral UK (ORUK, the UK profile of HSDS 3.0) JSON, and back.
 * See FIELD_MAPPING below (also written next to the export) for what goes where.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Directory } from '../directory/load';
import { COUNTY_PLACE_IDS, PLACE_IDS, TOPIC_IDS } from '../directory/ids';
import type { Service } from '../directory/schema';
import { isPlainObject, orderService } from './format';
import type { Candidate, ItemProblem } from './import';

export const TAXONOMY_NAME = 'mecc-topics';

// A fixed namespace for this directory's ids: the same service always gets the same ORUK id.
const NAMESPACE = 'b6c1f0a4-6c5e-4d0e-9a55-3f2f6f0d2e71';

/** A name-based (version 5) UUID, so that ids are stable from one export to the next. */
export function uuid5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const FIELD_MAPPING = `# Field mapping: directory-data services <-> Open Referral UK (HSDS 3.0 UK profile)

Written by \`npm run directory -- export --oruk <dir>\`; read back by \`import --oruk\`.

Files: \`services.json\` (a page of full nested services, as \`GET /services\` returns them),
\`organizations.json\`, \`taxonomies.json\`, \`taxonomy_terms.json\`, \`locations.json\`.

Ids are UUIDs (version 5, from our ids), so they stay the same between exports; our own
id is kept in \`x_mecc_id\`.

| Our field | ORUK |
|---|---|
| id | service.id (UUID from the id) and \`x_mecc_id\` |
| name | service.name |
| description | service.description |
| provider | organization.name (one organization per distinct provider; service.organization_id). A service with no provider points to an organization flagged \`x_provider_not_recorded: true\` |
| topics (main first) | service.attributes[] -> taxonomy_term with taxonomy "${TAXONOMY_NAME}", \`code\` = topic id, name = topic title; order kept |
| area | \`x_area\` (local, derbyshire-county, derby-city, derby-and-derbyshire, national) |
| places | service.service_areas[]: name = Place name, \`x_place_id\` = Place id |
| contact.phone | service.contacts[0].phones[] with type "voice" |
| contact.text | service.contacts[0].phones[] with type "text" |
| contact.textMessage | \`x_text_message\` (also in the text phone's description: "Text SHOUT to 85258") |
| contact.email | service.email |
| contact.website | service.url |
| referral | \`x_referral\` (self, professional, both, unknown) |
| eligibility | \`x_eligibility_text\` (the UK profile has no eligibility text field) |
| eligibilityRules | \`x_eligibility_rules\` (minAge, maxAge, sex, lifeStages, residents: what the bot checks) |
| hours | service.schedules[0].description |
| cost | service.cost_options[0].amount_description |
| sources | \`x_sources\` (our source objects unchanged: url, checked, published, pageDate, supports, note) |
| reviewed | service.assured_date |
| notes | \`x_notes\` |
| access | \`x_access\` (how to reach a service with no contact detail of its own; \`via\` a service id) |
| knownChange | \`x_known_change\` (date, what) |
| retired | not exported: retired services are left out of the export (and an import never removes one) |
| (none) | service.status is always "active" |

Locations: the directory holds no addresses or coordinates for services yet, so
\`locations.json\` is empty and services have no \`service_at_locations\`.

Importing a feed from elsewhere (no \`x_\` fields): the id comes from the name, Places from the
service areas' names, the area is worked out from the Places, topics from any taxonomy term
whose \`code\` or name is one of our topic ids; sources must then be added before the services
pass validation.
`;

type Obj = Record<string, unknown>;

export interface OrukExport {
  services: Obj[];
  organizations: Obj[];
  taxonomies: Obj[];
  taxonomyTerms: Obj[];
  locations: Obj[];
}

function omitEmpty(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

/** The whole directory as ORUK objects. */
export function toOruk(directory: Directory): OrukExport {
  const taxonomyId = uuid5(`taxonomy:${TAXONOMY_NAME}`);
  const taxonomies = [{
    id: taxonomyId,
    name: TAXONOMY_NAME,
    description: 'Make Every Contact Count topics used by the Derby and Derbyshire signposting bot (see docs/topics.md).',
    version: '1',
  }];
  const terms = new Map(directory.topics.map((t) => [t.id, {
    id: uuid5(`topic:${t.id}`), code: t.id, name: t.title, description: t.summary, taxonomy: TAXONOMY_NAME, taxonomy_id: taxonomyId,
  }]));
  const organizations = new Map<string, Obj>();
  const noProvider = { id: uuid5('organization:'), name: 'Provider not recorded', description: 'The directory does not record who provides this service.', x_provider_not_recorded: true };
  const services = directory.services.map((s) => serviceToOruk(s, directory, terms, organizations, noProvider));
  const orgs = [...organizations.values()];
  if (directory.services.some((s) => !s.provider)) orgs.push(noProvider);
  return { services, organizations: orgs, taxonomies, taxonomyTerms: [...terms.values()], locations: [] };
}

const AREA_LABEL: Record<Service['area'], string> = {
  local: 'local service',
  'derbyshire-county': 'Derbyshire County-wide service',
  'derby-city': 'Derby City-wide service',
  'derby-and-derbyshire': 'Derby and Derbyshire-wide service',
  national: 'national service',
};

function serviceToOruk(s: Service, directory: Directory, terms: Map<string, Obj>, organizations: Map<string, Obj>, noProvider: Obj): Obj {
  const id = uuid5(`service:${s.id}`);
  let organization = noProvider;
  if (s.provider) {
    if (!organizations.has(s.provider)) organizations.set(s.provider, { id: uuid5(`organization:${s.provider}`), name: s.provider, description: s.provider });
    organization = organizations.get(s.provider)!;
  }
  const phones: Obj[] = [];
  const contactId = uuid5(`contact:${s.id}`);
  if (s.contact.phone) phones.push({ id: uuid5(`phone:${s.id}:voice`), contact_id: contactId, number: s.contact.phone, type: 'voice', description: 'Call' });
  if (s.contact.text) {
    phones.push({
      id: uuid5(`phone:${s.id}:text`), contact_id: contactId, number: s.contact.text, type: 'text',
      description: s.contact.textMessage ? `Text ${s.contact.textMessage} to ${s.contact.text}` : `Text ${s.contact.text}`,
    });
  }
  const areaLabel = AREA_LABEL[s.area];
  return omitEmpty({
    id,
    organization_id: organization.id,
    name: s.name,
    description: s.description,
    url: s.contact.website,
    email: s.contact.email,
    status: 'active',
    assured_date: s.reviewed,
    organization,
    contacts: phones.length ? [{ id: contactId, service_id: id, name: s.name, phones }] : [],
    schedules: s.hours ? [{ id: uuid5(`schedule:${s.id}`), service_id: id, description: s.hours }] : [],
    cost_options: s.cost ? [{ id: uuid5(`cost:${s.id}`), service_id: id, amount_description: s.cost }] : [],
    service_areas: s.places.map((p) => ({
      id: uuid5(`service_area:${s.id}:${p}`), service_id: id, name: directory.place(p)?.name ?? p, description: `${directory.place(p)?.name ?? p} (${areaLabel})`, x_place_id: p,
    })),
    attributes: s.topics.map((t) => {
      const term = terms.get(t)!;
      return { id: uuid5(`attribute:${s.id}:${t}`), link_id: id, link_type: 'service', link_entity: 'service', taxonomy_term_id: term.id, taxonomy_term: term };
    }),
    x_mecc_id: s.id,
    x_area: s.area,
    x_referral: s.referral,
    x_eligibility_text: s.eligibility,
    x_eligibility_rules: s.eligibilityRules,
    x_text_message: s.contact.textMessage,
    x_sources: s.sources,
    x_access: s.access,
    x_known_change: s.knownChange,
    x_notes: s.notes,
  });
}

/** Writes the export files and the field-mapping note into `dir` (created if need be). */
export function writeOruk(dir: string, directory: Directory): OrukExport {
  const data = toOruk(directory);
  mkdirSync(dir, { recursive: true });
  const write = (file: string, value: unknown) => writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  write('services.json', {
    total_items: data.services.length, total_pages: 1, page_number: 1, size: data.services.length,
    first_page: true, last_page: true, empty: data.services.length === 0, contents: data.services,
  });
  write('organizations.json', data.organizations);
  write('taxonomies.json', data.taxonomies);
  write('taxonomy_terms.json', data.taxonomyTerms);
  write('locations.json', data.locations);
  writeFileSync(join(dir, 'FIELD-MAPPING.md'), FIELD_MAPPING);
  return data;
}

/**
 * Reads ORUK services from an export folder (its services.json), or from one file holding a
 * page (`{ contents: [...] }`), an array of services, or a single service.
 */
export function readOrukServices(path: string): unknown[] {
  const file = statSync(path).isDirectory() ? join(path, 'services.json') : path;
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (Array.isArray(value)) return value;
  if (isPlainObject(value) && Array.isArray(value.contents)) return value.contents;
  if (isPlainObject(value) && Array.isArray(value.items)) return value.items;
  return [value];
}

const AREA_PLACES: [string, readonly string[]][] = [
  ['derby-and-derbyshire', PLACE_IDS],
  ['derbyshire-county', COUNTY_PLACE_IDS],
  ['derby-city', ['derby-city']],
];

function areaFor(places: string[]): string {
  for (const [area, ids] of AREA_PLACES) {
    if (places.length === ids.length && ids.every((p) => places.includes(p))) return area;
  }
  return 'local';
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);

function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * Turns ORUK services back into directory services. `placeNames` maps a Place's name (lower
 * case) to its id, for feeds without our `x_place_id`.
 */
export function orukToCandidates(items: unknown[], placeNames: Map<string, string> = new Map()): Candidate[] {
  return items.map((item, i) => {
    const label = `service ${i + 1}`;
    const problems: ItemProblem[] = [];
    if (!isPlainObject(item)) return { label, problems: [{ message: 'is not a JSON object' }] };
    const name = s(item.name);
    const id = s(item.x_mecc_id) ?? (name ? slug(name) : undefined);
    if (!id) problems.push({ column: 'x_mecc_id', message: 'has neither an x_mecc_id nor a name to make an id from' });

    const org = isPlainObject(item.organization) ? item.organization : undefined;
    const provider = org && !org.x_provider_not_recorded ? s(org.name) : undefined;

    const topics = arr(item.attributes)
      .map((a) => (isPlainObject(a.taxonomy_term) ? a.taxonomy_term : {}))
      .filter((t) => !s(t.taxonomy) || t.taxonomy === TAXONOMY_NAME || (TOPIC_IDS as readonly string[]).includes(String(t.code)))
      .map((t) => s(t.code) ?? s(t.name) ?? '')
      .filter(Boolean);

    const places = arr(item.service_areas)
      .map((a) => s(a.x_place_id) ?? placeNames.get((s(a.name) ?? '').toLowerCase()) ?? s(a.name) ?? '')
      .filter(Boolean);

    const phones = arr(item.contacts).flatMap((c) => arr(c.phones));
    const voice = phones.find((p) => p.type !== 'text');
    const text = phones.find((p) => p.type === 'text');
    const contact: Obj = {
      phone: s(voice?.number),
      text: s(text?.number),
      textMessage: s(item.x_text_message) ?? /^Text (.+) to /.exec(s(text?.description) ?? '')?.[1],
      email: s(item.email),
      website: s(item.url),
    };
    for (const k of Object.keys(contact)) if (contact[k] === undefined) delete contact[k];

    const service = orderService({
      id,
      name,
      provider,
      description: s(item.description),
      topics,
      area: s(item.x_area) ?? areaFor(places),
      places,
      contact,
      referral: s(item.x_referral),
      eligibility: s(item.x_eligibility_text),
      eligibilityRules: isPlainObject(item.x_eligibility_rules) ? item.x_eligibility_rules : undefined,
      hours: s(arr(item.schedules)[0]?.description),
      cost: s(arr(item.cost_options)[0]?.amount_description) ?? s(arr(item.cost_options)[0]?.option),
      sources: Array.isArray(item.x_sources) ? item.x_sources : [],
      reviewed: s(item.assured_date) ?? '',
      access: isPlainObject(item.x_access) ? item.x_access : undefined,
      knownChange: isPlainObject(item.x_known_change) ? item.x_known_change : undefined,
      notes: s(item.x_notes),
    });
    return { label: `${label}${name ? ` ('${name}')` : ''}`, id, service, problems };
  });
}

/** Maps a field of a service to the ORUK field that holds it, for import problems. */
export function orukFieldFor(field: string): { column: string; detail?: string } {
  const map: Record<string, string> = {
    id: 'x_mecc_id', name: 'name', provider: 'organization.name', description: 'description', topics: 'attributes[].taxonomy_term.code',
    area: 'x_area', places: 'service_areas[].x_place_id', 'contact.phone': 'contacts[].phones[] (voice)', 'contact.text': 'contacts[].phones[] (text)',
    'contact.textMessage': 'x_text_message', 'contact.email': 'email', 'contact.website': 'url', referral: 'x_referral',
    eligibility: 'x_eligibility_text', eligibilityRules: 'x_eligibility_rules', hours: 'schedules[0].description', cost: 'cost_options[0].amount_description', sources: 'x_sources',
    reviewed: 'assured_date', notes: 'x_notes', access: 'x_access', knownChange: 'x_known_change',
  };
  const sources = /^sources(\[\d+\].*)$/.exec(field);
  if (sources) return { column: `x_sources${sources[1]}` };
  const top = field.startsWith('contact.') ? field.replace(/^(contact\.\w+).*$/, '$1') : field.replace(/[.[].*$/, '');
  return { column: map[top] ?? field, detail: map[top] && field !== top ? field : undefined };
}
