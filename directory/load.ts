import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { COUNTY_PLACE_IDS, PLACE_IDS, type PlaceId, TOPIC_IDS, type TopicId } from './ids';
import { type DataOverlay, listDataFolder, overlayKey, readDataText } from './overlay';
import { DirectoryError, type Problem, problemsFromZod } from './problems';
import {
  CONTACT_FIELDS, type CoverageGap, coverageGapsFileSchema, type CrisisBlock, type ChitChat, chitChatSchema, type Shorthand, shorthandSchema, type RiskConceptsFile, riskConceptsSchema, type CrisisExamples, crisisExamplesSchema, crisisSchema, neighboursFileSchema, type Place, type PlaceName, placeNamesFileSchema,
  placesFileSchema, type Service, serviceSchema, type Topic, topicSchema,
} from './schema';
import { type Walkthrough, walkthroughSchema } from './walkthrough-schema';
import { type Cohort, cohortsFileSchema } from './cohort-schema';

export type PlaceNameKind = 'place' | 'town' | 'practice' | 'site';

export interface NamedLocation {
  name: string;
  place: PlaceId;
  kind: PlaceNameKind;
}

export interface Directory {
  /** Content hash: changes whenever any data file changes. */
  version: string;
  topics: Topic[];
  topic(id: TopicId): Topic;
  /** The services staff may be offered: every record that is not retired. */
  services: Service[];
  /** An offered service by id; a retired one is not found. */
  service(id: string): Service | undefined;
  /** Ended or replaced services, kept with the reason for maintainers; never offered to staff. */
  retired: Service[];
  /** Why a Place has only national services for a topic (coverage-gaps.json). */
  coverageGaps: CoverageGap[];
  crisis: CrisisBlock;
  crisisLines: Service[];
  places: Place[];
  place(id: PlaceId): Place;
  /** Every name staff may use for where they are: Place names and aliases, towns, practices, vaccination sites. */
  locations: NamedLocation[];
  /** Towns just outside the area, never to be mistaken for a Derbyshire one. */
  neighbours: string[];
  walkthroughs: Map<TopicId, TrainerScript>;
  /** Example phrasings that train the crisis classifier (understanding/crisis-examples.json). */
  crisisExamples: CrisisExamples;
  /** Messages with no cue at all (understanding/chit-chat.json, optional). */
  chitChat: ChitChat['examples'];
  /** Staff shorthand and what it means (understanding/shorthand.json, optional). */
  shorthand: Shorthand['entries'];
  /** Risk word families and the pairs that make a risk (understanding/risk-concepts.json, optional). */
  riskConcepts?: RiskConceptsFile;
  /** Who to raise which topics with (cohorts.json, optional), most important first. */
  cohorts: Cohort[];
}

/** A walkthrough plus a fingerprint of its content, carried in buttons to spot stale clicks. */
export type TrainerScript = Walkthrough & { contentVersion: string };


/** The data folder, whether running from source (tsx) or from dist/. */
export function defaultDataDir(): string {
  const fromSource = join(__dirname, '..', 'directory-data');
  try {
    if (statSync(fromSource).isDirectory()) return fromSource;
  } catch {
    /* running from dist */
  }
  return join(__dirname, '..', '..', 'directory-data');
}

interface Ctx {
  root: string;
  problems: Problem[];
  hash: ReturnType<typeof createHash>;
  overlay?: DataOverlay;
}

function readJson(ctx: Ctx, path: string): unknown {
  const file = relative(ctx.root, path);
  let raw: string;
  try {
    raw = readDataText(ctx.root, file, ctx.overlay);
  } catch {
    ctx.problems.push({ file, message: 'is missing or cannot be read' });
    return undefined;
  }
  ctx.hash.update(file).update('\0').update(raw).update('\0');
  try {
    return JSON.parse(raw);
  } catch (e) {
    ctx.problems.push({ file, message: `is not valid JSON (${(e as Error).message}); check for a missing comma or quote` });
    return undefined;
  }
}

function parseWith<S extends z.ZodType>(ctx: Ctx, schema: S, path: string, value: unknown, record?: string): z.infer<S> | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const id = record ?? (typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined);
  ctx.problems.push(...problemsFromZod(relative(ctx.root, path), id, result.error));
  return undefined;
}

function jsonFiles(ctx: Ctx, folder: string): string[] {
  const dir = join(ctx.root, folder);
  try {
    return listDataFolder(ctx.root, folder, ctx.overlay).map((f) => join(dir, f));
  } catch {
    ctx.problems.push({ file: folder, message: 'folder is missing' });
    return [];
  }
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
}

const AREA_PLACES: Record<string, readonly PlaceId[] | undefined> = {
  'derbyshire-county': COUNTY_PLACE_IDS,
  'derby-city': ['derby-city'],
  'derby-and-derbyshire': PLACE_IDS,
  national: PLACE_IDS,
};

function checkService(ctx: Ctx, file: string, s: Service): void {
  const at = (field: string, message: string) => ctx.problems.push({ file, record: s.id, field, message });
  if (baseName(file) !== s.id) at('id', `must match the file name ('${baseName(file)}.json')`);
  const expected = AREA_PLACES[s.area];
  if (expected) {
    const missing = expected.filter((p) => !s.places.includes(p));
    const extra = s.places.filter((p) => !expected.includes(p));
    if (missing.length || extra.length) {
      at('places', `area '${s.area}' means the Places ${expected.join(', ')}` +
        (missing.length ? `; missing ${missing.join(', ')}` : '') + (extra.length ? `; not expected ${extra.join(', ')}` : ''));
    }
  }
  if (new Set(s.places).size !== s.places.length) at('places', 'lists a Place twice');
  if (new Set(s.topics).size !== s.topics.length) at('topics', 'lists a topic twice');
  const supported = new Set(s.sources.flatMap((src) => src.supports));
  if (s.eligibilityRules && !supported.has('eligibility')) at('eligibilityRules', "has no source: add a source whose 'supports' lists 'eligibility', or remove the rules");
  if (s.eligibilityRules && !s.eligibility) at('eligibilityRules', "needs the eligibility in words too ('eligibility'), which staff read");
  const residents = s.eligibilityRules?.residents;
  if (residents && s.area !== residents && !(s.area === 'local' && s.places.every((p) => (AREA_PLACES[residents] ?? []).includes(p)))) {
    at('eligibilityRules.residents', `says residents of ${residents}, but the service's area is ${s.area}`);
  }
  for (const field of CONTACT_FIELDS) {
    if (s.contact[field] && !supported.has(field) && !(field === 'textMessage' && supported.has('text'))) {
      at(`contact.${field}`, `has no source: add a source whose 'supports' lists '${field}', or remove the detail`);
    }
  }
}

/**
 * A retired record's successors, and the service an access route goes through, must be
 * services staff can still be offered.
 */
function checkRetirements(ctx: Ctx, services: Service[], serviceFile: Map<string, string>): void {
  const byId = new Map(services.map((s) => [s.id, s]));
  for (const s of services) {
    const via = s.access?.via;
    if (via) {
      const at = { file: serviceFile.get(s.id)!, record: s.id, field: 'access.via' };
      const target = byId.get(via);
      if (!target) ctx.problems.push({ ...at, message: `names service '${via}', which has no file in services/` });
      else if (target.retired) ctx.problems.push({ ...at, message: `names service '${via}', which is retired: staff could not reach it` });
      else if (via === s.id) ctx.problems.push({ ...at, message: 'names the service itself: give another service to contact, or remove via' });
      else if (!Object.values(target.contact).some(Boolean)) ctx.problems.push({ ...at, message: `names service '${via}', which has no contact details either` });
    }
    for (const [i, id] of (s.retired?.successors ?? []).entries()) {
      const next = byId.get(id);
      const at = { file: serviceFile.get(s.id)!, record: s.id, field: `retired.successors[${i}]` };
      if (!next) ctx.problems.push({ ...at, message: `names service '${id}', which has no file in services/` });
      else if (next.retired) ctx.problems.push({ ...at, message: `names service '${id}', which is retired too: name the service that replaced it` });
      else if (id === s.id) ctx.problems.push({ ...at, message: 'names the retired service itself' });
    }
  }
}

/** Cohort ids are unique, a row lists a topic once, and a recorded difference names a row that exists. */
function checkCohorts(ctx: Ctx, cohorts: Cohort[]): void {
  const ids = new Set<string>();
  cohorts.forEach((c, i) => {
    const at = (field: string, message: string) => ctx.problems.push({ file: 'cohorts.json', record: c.id, field: `cohorts[${i}].${field}`, message });
    if (ids.has(c.id)) at('id', 'is used by another row: ids must be unique');
    ids.add(c.id);
    if (new Set(c.topics.map((t) => t.topic)).size !== c.topics.length) at('topics', 'lists a topic twice');
  });
  cohorts.forEach((c, i) => {
    const other = c.differsFrom && cohorts.find((x) => x.id === c.differsFrom!.cohort);
    if (c.differsFrom && !other) ctx.problems.push({ file: 'cohorts.json', record: c.id, field: `cohorts[${i}].differsFrom.cohort`, message: `names '${c.differsFrom.cohort}', which is not a row of the table` });
    else if (other && other.basis === c.basis) ctx.problems.push({ file: 'cohorts.json', record: c.id, field: `cohorts[${i}].differsFrom.cohort`, message: `names '${other.id}', a row of the same basis: a difference is recorded between the programme and national eligibility` });
  });
}

/**
 * Reads and validates every file under the data folder. Throws a DirectoryError listing
 * every problem at once, so a maintainer can fix them all in one pass.
 */
export function loadDirectory(root: string = defaultDataDir(), options: { overlay?: DataOverlay } = {}): Directory {
  const ctx: Ctx = { root, problems: [], hash: createHash('sha256'), overlay: options.overlay };
  const exists = (path: string) => ctx.overlay?.has(overlayKey(relative(root, path))) || existsSync(path);

  const topics: Topic[] = [];
  for (const path of jsonFiles(ctx, 'topics')) {
    const topic = parseWith(ctx, topicSchema, path, readJson(ctx, path));
    if (!topic) continue;
    if (baseName(path) !== topic.id) ctx.problems.push({ file: relative(root, path), record: topic.id, field: 'id', message: `must match the file name ('${baseName(path)}.json')` });
    topics.push(topic);
  }
  const topicById = new Map(topics.map((t) => [t.id, t]));
  for (const id of TOPIC_IDS) {
    if (!topicById.has(id) && !ctx.problems.some((p) => p.file === join('topics', `${id}.json`))) {
      ctx.problems.push({ file: join('topics', `${id}.json`), message: `topic '${id}' has no file: every topic in docs/topics.md needs one` });
    }
  }

  const services: Service[] = [];
  const serviceFile = new Map<string, string>();
  // Files that exist but did not validate: already reported, so not reported again as missing.
  const brokenServiceIds = new Set<string>();
  for (const path of jsonFiles(ctx, 'services')) {
    const service = parseWith(ctx, serviceSchema, path, readJson(ctx, path));
    if (!service) {
      brokenServiceIds.add(baseName(path));
      continue;
    }
    const file = relative(root, path);
    if (serviceFile.has(service.id)) {
      ctx.problems.push({ file, record: service.id, field: 'id', message: `is also used by ${serviceFile.get(service.id)}: ids must be unique` });
      continue;
    }
    serviceFile.set(service.id, file);
    checkService(ctx, file, service);
    services.push(service);
  }
  const retired = services.filter((s) => s.retired);
  const offered = services.filter((s) => !s.retired);
  const serviceById = new Map(offered.map((s) => [s.id, s]));
  checkRetirements(ctx, services, serviceFile);

  for (const id of TOPIC_IDS) {
    if (!offered.some((s) => s.topics.includes(id) && s.area === 'national')) {
      ctx.problems.push({ file: 'services', message: `topic '${id}' has no national service: every topic must reach at least one` });
    }
  }

  const crisisPath = join(root, 'crisis.json');
  const crisis = parseWith(ctx, crisisSchema, crisisPath, readJson(ctx, crisisPath), 'crisis');
  const crisisLines: Service[] = [];
  for (const [i, id] of (crisis?.lines ?? []).entries()) {
    const s = serviceById.get(id);
    if (s) crisisLines.push(s);
    else if (retired.some((r) => r.id === id)) ctx.problems.push({ file: 'crisis.json', record: 'crisis', field: `lines[${i}]`, message: `names service '${id}', which is retired: a crisis line must be one staff can call; replace it in the list first` });
    else if (!brokenServiceIds.has(id)) ctx.problems.push({ file: 'crisis.json', record: 'crisis', field: `lines[${i}]`, message: `names service '${id}', which has no file in services/` });
  }

  const placesPath = join(root, 'places', 'places.json');
  const placesFile = parseWith(ctx, placesFileSchema, placesPath, readJson(ctx, placesPath), 'places');
  const places = placesFile?.places ?? [];
  const locations: NamedLocation[] = places.flatMap((p) => [p.name, ...p.aliases].map((name) => ({ name, place: p.id, kind: 'place' as const })));
  const kinds: [string, PlaceNameKind][] = [['towns.json', 'town'], ['gp-practices.json', 'practice'], ['vaccination-sites.json', 'site']];
  for (const [fileName, kind] of kinds) {
    const path = join(root, 'places', fileName);
    const parsed = parseWith(ctx, placeNamesFileSchema, path, readJson(ctx, path), fileName.replace('.json', ''));
    for (const entry of parsed?.entries ?? []) {
      locations.push(...[entry.name, ...entry.aliases].map((name: string) => ({ name, place: entry.place, kind })));
    }
  }

  const neighboursPath = join(root, 'places', 'neighbours.json');
  const neighbours = exists(neighboursPath) ? (parseWith(ctx, neighboursFileSchema, neighboursPath, readJson(ctx, neighboursPath), 'neighbours')?.names ?? []) : [];

  // Optional: a folder without it simply has no recorded reasons for its gaps.
  const gapsPath = join(root, 'coverage-gaps.json');
  const coverageGaps = exists(gapsPath) ? (parseWith(ctx, coverageGapsFileSchema, gapsPath, readJson(ctx, gapsPath), 'coverage-gaps')?.gaps ?? []) : [];

  const walkthroughs = new Map<TopicId, TrainerScript>();
  for (const path of jsonFiles(ctx, 'walkthroughs')) {
    const raw = readJson(ctx, path);
    const w = parseWith(ctx, walkthroughSchema, path, raw, typeof (raw as { topic?: unknown })?.topic === 'string' ? (raw as { topic: string }).topic : baseName(path));
    if (!w) continue;
    if (baseName(path) !== w.topic) ctx.problems.push({ file: relative(root, path), record: w.topic, field: 'topic', message: `must match the file name ('${baseName(path)}.json')` });
    const fingerprint = createHash('sha256').update(JSON.stringify(w)).digest('hex').slice(0, 8);
    walkthroughs.set(w.topic, { ...w, contentVersion: `${w.version}-${fingerprint}` });
  }
  for (const id of TOPIC_IDS) {
    if (!walkthroughs.has(id) && !ctx.problems.some((p) => p.file === join('walkthroughs', `${id}.json`))) {
      ctx.problems.push({ file: join('walkthroughs', `${id}.json`), message: `topic '${id}' has no walkthrough: trainers need one for every topic` });
    }
  }

  const examplesPath = join(root, 'understanding', 'crisis-examples.json');
  const crisisExamples = parseWith(ctx, crisisExamplesSchema, examplesPath, readJson(ctx, examplesPath), 'crisis-examples');
  const chitChatPath = join(root, 'understanding', 'chit-chat.json');
  const chitChat = exists(chitChatPath) ? (parseWith(ctx, chitChatSchema, chitChatPath, readJson(ctx, chitChatPath), 'chit-chat')?.examples ?? []) : [];

  const shorthandPath = join(root, 'understanding', 'shorthand.json');
  const shorthand = existsSync(shorthandPath) ? (parseWith(ctx, shorthandSchema, shorthandPath, readJson(ctx, shorthandPath), 'shorthand')?.entries ?? []) : [];

  const riskPath = join(root, 'understanding', 'risk-concepts.json');
  const riskConcepts = existsSync(riskPath) ? parseWith(ctx, riskConceptsSchema, riskPath, readJson(ctx, riskPath), 'risk-concepts') : undefined;
  // Optional: a folder without it has no cohort answers.
  const cohortsPath = join(root, 'cohorts.json');
  const cohorts = existsSync(cohortsPath) ? (parseWith(ctx, cohortsFileSchema, cohortsPath, readJson(ctx, cohortsPath), 'cohorts')?.cohorts ?? []) : [];
  checkCohorts(ctx, cohorts);

  const version = ctx.hash.digest('hex').slice(0, 12);
  if (ctx.problems.length) throw new DirectoryError(ctx.problems, version);

  const placeById = new Map(places.map((p) => [p.id, p]));
  return {
    version,
    topics,
    topic: (id) => topicById.get(id)!,
    services: offered,
    service: (id) => serviceById.get(id),
    retired,
    coverageGaps,
    crisis: crisis!,
    crisisLines,
    places,
    place: (id) => placeById.get(id)!,
    locations,
    neighbours,
    walkthroughs,
    crisisExamples: crisisExamples!,
    chitChat,
    shorthand,
    riskConcepts,
    cohorts,
  };
}

export type { PlaceName };
