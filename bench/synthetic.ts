/**
 * A synthetic national directory for benchmarks: N plausible, schema-valid service records
 * generated deterministically from a seed. Nothing here is a real service: every record
 * says so in its notes and source, websites and e-mails are on example.org (reserved), and
 * phone numbers come from Ofcom's 01 and 03 ranges reserved for drama and fiction (e.g.
 * 0113 496 0xxx, 01632 960xxx, 0306 999 0xxx), each used once, so nobody could ever ring a
 * real line and no two services share a number.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../directory/load';
import { COUNTY_PLACE_IDS, PLACE_IDS, TOPIC_IDS, type PlaceId, type TopicId } from '../directory/ids';

/** A service record as written to services/<id>.json (the input of serviceSchema). */
export interface SyntheticService {
  id: string;
  name: string;
  provider: string;
  description: string;
  topics: TopicId[];
  area: 'local' | 'derbyshire-county' | 'derby-city' | 'derby-and-derbyshire' | 'national';
  places: PlaceId[];
  contact: { phone?: string; website: string; email?: string };
  referral: 'self' | 'professional' | 'both' | 'unknown';
  eligibility?: string;
  hours?: string;
  cost: string;
  sources: { url: string; checked: string; published: string; supports: string[]; note: string }[];
  reviewed: string;
  notes: string;
}

export const SYNTHETIC_ID_PREFIX = 'syn-';
export const DEFAULT_SEED = 20261122;

/** mulberry32: small, fast and the same on every machine and Node version. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

/** English towns, so names look like a national directory's (a few are Derbyshire's own). */
const TOWNS = [
  'Aldershot', 'Alnwick', 'Andover', 'Ashford', 'Aylesbury', 'Banbury', 'Barnsley', 'Barnstaple', 'Basildon', 'Basingstoke',
  'Bath', 'Bedford', 'Berwick', 'Beverley', 'Birkenhead', 'Bishop Auckland', 'Blackburn', 'Blackpool', 'Bodmin', 'Bognor Regis',
  'Bolton', 'Boston', 'Bournemouth', 'Bracknell', 'Bradford', 'Braintree', 'Bridgwater', 'Bridlington', 'Brighton', 'Bristol',
  'Burnley', 'Bury St Edmunds', 'Buxton', 'Cambridge', 'Cannock', 'Canterbury', 'Carlisle', 'Chelmsford', 'Cheltenham', 'Chester',
  'Chesterfield', 'Chichester', 'Chippenham', 'Chorley', 'Clacton', 'Colchester', 'Congleton', 'Corby', 'Coventry', 'Crawley',
  'Crewe', 'Darlington', 'Dartford', 'Derby', 'Dewsbury', 'Doncaster', 'Dorchester', 'Dover', 'Dudley', 'Durham',
  'Eastbourne', 'Ely', 'Exeter', 'Exmouth', 'Falmouth', 'Fareham', 'Folkestone', 'Frome', 'Gainsborough', 'Gateshead',
  'Glossop', 'Gloucester', 'Grantham', 'Gravesend', 'Grimsby', 'Guildford', 'Halifax', 'Harlow', 'Harrogate', 'Hartlepool',
  'Hastings', 'Hereford', 'Hexham', 'High Wycombe', 'Hinckley', 'Huddersfield', 'Hull', 'Huntingdon', 'Ilkeston', 'Ipswich',
  'Kendal', 'Keswick', 'Kettering', 'Kidderminster', 'Kings Lynn', 'Lancaster', 'Leamington', 'Leeds', 'Leek', 'Leicester',
  'Lewes', 'Lichfield', 'Lincoln', 'Liverpool', 'Loughborough', 'Lowestoft', 'Ludlow', 'Luton', 'Macclesfield', 'Maidstone',
  'Malton', 'Manchester', 'Mansfield', 'Margate', 'Matlock', 'Melton Mowbray', 'Middlesbrough', 'Milton Keynes', 'Morecambe', 'Newark',
  'Newbury', 'Newcastle', 'Newquay', 'Northallerton', 'Northampton', 'Norwich', 'Nottingham', 'Nuneaton', 'Oldham', 'Oxford',
  'Penrith', 'Penzance', 'Peterborough', 'Plymouth', 'Poole', 'Portsmouth', 'Preston', 'Reading', 'Redditch', 'Retford',
  'Richmond', 'Ripon', 'Rochdale', 'Rotherham', 'Rugby', 'Salisbury', 'Scarborough', 'Scunthorpe', 'Sheffield', 'Shrewsbury',
  'Skegness', 'Skipton', 'Slough', 'Southampton', 'Southport', 'Stafford', 'Stamford', 'Stevenage', 'Stockport', 'Stoke',
  'Stroud', 'Sunderland', 'Swadlincote', 'Swindon', 'Tamworth', 'Taunton', 'Telford', 'Thetford', 'Torquay', 'Truro',
  'Tunbridge Wells', 'Wakefield', 'Walsall', 'Warrington', 'Warwick', 'Watford', 'Wellingborough', 'Weston', 'Weymouth', 'Whitby',
  'Wigan', 'Winchester', 'Windsor', 'Wolverhampton', 'Worcester', 'Workington', 'Worksop', 'Worthing', 'Yeovil', 'York',
] as const;

/** What services for each topic are called, and what they offer. */
const TOPIC_NAMES: Record<TopicId, { names: string[]; offer: string }> = {
  smoking: { names: ['Stop Smoking Support', 'Smokefree Service', 'Quit Smoking Clinic'], offer: 'stop smoking support with behavioural advice and stop-smoking medicines or a vape starter kit' },
  'alcohol-drugs': { names: ['Drug and Alcohol Service', 'Recovery Hub', 'Alcohol Advice Team'], offer: 'confidential drug and alcohol advice, treatment and recovery support' },
  'mental-wellbeing': { names: ['Talking Therapies', 'Wellbeing Cafe', 'Mental Health Support'], offer: 'talking therapies and wellbeing groups for low mood, stress and anxiety' },
  'suicide-prevention': { names: ['Suicide Prevention Network', 'Crisis Cafe', 'Bereavement by Suicide Support'], offer: 'out-of-hours crisis support and suicide bereavement support' },
  'healthy-weight': { names: ['Healthy Weight Programme', 'Weight Management Service', 'Eat Well Group'], offer: 'a free 12-week healthy weight programme with diet and activity coaching' },
  'physical-activity': { names: ['Active Lives', 'Health Walks', 'Get Moving Programme'], offer: 'free health walks, chair exercise and supported gym sessions' },
  'sexual-health': { names: ['Sexual Health Clinic', 'Contraception Service', 'Sexual Health Outreach'], offer: 'STI testing, treatment and contraception, walk-in and by appointment' },
  loneliness: { names: ['Befriending Service', 'Friendship Group', 'Community Connectors'], offer: 'befriending calls, visits and social groups for people who feel lonely or isolated' },
  'falls-frailty': { names: ['Falls Prevention Service', 'Strength and Balance Classes', 'Frailty Team'], offer: 'falls risk assessment and strength and balance classes for older people' },
  'affordable-warmth': { names: ['Warm Homes Advice', 'Affordable Warmth Scheme', 'Energy Advice Line'], offer: 'help with heating costs, energy bills, insulation and boiler grants' },
  gambling: { names: ['Gambling Support Service', 'Gambling Harms Clinic', 'Bet Free Group'], offer: 'free treatment and support for people harmed by gambling and their families' },
  'fire-safety': { names: ['Safe and Well Visits', 'Home Fire Safety Team', 'Fire Prevention Service'], offer: 'free home fire safety visits and smoke alarm fitting' },
  'oral-health': { names: ['Community Dental Service', 'Dental Access Line', 'Smile Clinic'], offer: 'help finding an NHS dentist and urgent dental care' },
  'winter-flu': { names: ['Flu Vaccination Clinic', 'Winter Wellness Service', 'Flu Jab Drop-in'], offer: 'free flu vaccinations for eligible adults and children each winter' },
  'blood-pressure': { names: ['Blood Pressure Check Service', 'Heart Health Checks', 'Know Your Numbers'], offer: 'free blood pressure checks and advice on lowering blood pressure' },
  'gp-registration': { names: ['GP Registration Help', 'Health Access Service', 'Practice Finder'], offer: 'help registering with a GP practice, including without proof of address' },
  immunisations: { names: ['Immunisation Team', 'Vaccination Service', 'Catch-up Jabs Clinic'], offer: 'routine and catch-up vaccinations for children and adults' },
  'cancer-awareness': { names: ['Cancer Screening Support', 'Cancer Information Centre', 'Early Diagnosis Project'], offer: 'information and support to take up cancer screening and spot symptoms early' },
  'asthma-copd': { names: ['Breathe Easy Group', 'Respiratory Service', 'Pulmonary Rehabilitation'], offer: 'support for people living with asthma or COPD, including pulmonary rehab' },
  diabetes: { names: ['Diabetes Prevention Programme', 'Diabetes Education Service', 'Diabetes Support Group'], offer: 'diabetes prevention and structured education for people with diabetes' },
  'blood-donation': { names: ['Blood Donor Centre', 'Blood Donation Sessions', 'Donor Sessions'], offer: 'blood donation sessions for new and returning donors' },
  'money-advice': { names: ['Money Advice Service', 'Debt Advice Centre', 'Food Bank'], offer: 'free advice on debt, benefits and cost of living, and emergency food parcels' },
  housing: { names: ['Housing Options Team', 'Homelessness Prevention Service', 'Housing Advice Centre'], offer: 'housing advice and help for people who are homeless or at risk of losing their home' },
  carers: { names: ['Carers Centre', 'Carers Support Service', 'Young Carers Project'], offer: 'information, breaks and support for unpaid adult and young carers' },
  dementia: { names: ['Dementia Support Service', 'Memory Cafe', 'Dementia Advisers'], offer: 'dementia advisers, memory cafes and support for families after a diagnosis' },
  pregnancy: { names: ['Maternity Support Service', 'Bump and Baby Group', 'Pregnancy Advice Line'], offer: 'pregnancy advice, antenatal support and help for new parents' },
};

const PROVIDER_KINDS = ['Community Health Partnership', 'Borough Council', 'Wellbeing Trust', 'Community Interest Company', 'Voluntary Action', 'NHS Foundation Trust', 'Charitable Trust'];
const ORG_WORDS = ['', '', '', 'Community ', 'Together ', 'Healthy ', 'Connect ', 'Better Lives '];
const HOURS = ['Monday to Friday 9am to 5pm', 'Monday to Friday 8am to 8pm', 'Weekdays 10am to 4pm, Saturday 10am to 1pm', '24 hours a day, 7 days a week'];
const REFERRALS = ['self', 'professional', 'both', 'unknown'] as const;
const CHECKED = '2026-01-15';

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function area(rand: () => number): { area: SyntheticService['area']; places: PlaceId[] } {
  const r = rand();
  if (r < 0.7) {
    // local: one to three Places
    const n = 1 + Math.floor(rand() * 3);
    const places = new Set<PlaceId>();
    while (places.size < n) places.add(pick(rand, PLACE_IDS));
    return { area: 'local', places: PLACE_IDS.filter((p) => places.has(p)) };
  }
  if (r < 0.8) return { area: 'derbyshire-county', places: [...COUNTY_PLACE_IDS] };
  if (r < 0.88) return { area: 'derby-city', places: ['derby-city'] };
  if (r < 0.92) return { area: 'derby-and-derbyshire', places: [...PLACE_IDS] };
  return { area: 'national', places: [...PLACE_IDS] };
}

/**
 * Ofcom's numbers for drama and fiction, never given to a real line: 1,000 in each of these
 * 01 and 03 blocks, 14,000 in all, written the UK way ("0113 496 0123", "01632 960123",
 * "0306 999 0123").
 */
const DRAMA_BLOCKS: { prefix: string; format: (n: string) => string }[] = [
  ...['0113', '0114', '0115', '0116', '0117', '0118', '0121', '0131', '0141', '0151', '0161'].map((area) => ({ prefix: area, format: (n: string) => `${area} 496 0${n}` })),
  { prefix: '0191', format: (n: string) => `0191 498 0${n}` },
  { prefix: '01632', format: (n: string) => `01632 960${n}` },
  { prefix: '0306', format: (n: string) => `0306 999 0${n}` },
];

/** Every drama number once, in an order fixed by the seed: two services never share one. */
function phonePool(rand: () => number): string[] {
  const pool = DRAMA_BLOCKS.flatMap((b) => Array.from({ length: 1000 }, (_, i) => b.format(String(i).padStart(3, '0'))));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool;
}

export const SYNTHETIC_PHONE_NUMBERS = DRAMA_BLOCKS.length * 1000;

/** `count` service records, the same for the same seed on any machine. */
export function generateServices(count: number, seed: number = DEFAULT_SEED): SyntheticService[] {
  const rand = prng(seed);
  const phones = phonePool(prng(seed ^ 0x5bd1e995));
  // Unique numbers run out at 14,000, so in a big directory only some services list a phone
  // (as in real directories: some give only a website).
  const phoneShare = Math.min(0.9, (0.8 * phones.length) / Math.max(1, count));
  const out: SyntheticService[] = [];
  for (let i = 0; i < count; i++) {
    const topic = pick(rand, TOPIC_IDS);
    const extra = rand() < 0.3 ? [pick(rand, TOPIC_IDS), ...(rand() < 0.3 ? [pick(rand, TOPIC_IDS)] : [])] : [];
    const topics = [...new Set<TopicId>([topic, ...extra])];
    const town = pick(rand, TOWNS);
    const kind = TOPIC_NAMES[topic];
    const name = `${town} ${pick(rand, ORG_WORDS)}${pick(rand, kind.names)}`;
    const id = `${SYNTHETIC_ID_PREFIX}${String(i + 1).padStart(5, '0')}-${slug(town)}-${topic}`;
    const where = area(rand);
    const website = `https://example.org/synthetic/${id}`;
    const withEmail = rand() < 0.2;
    const number = rand() < phoneShare ? phones.pop() : undefined;
    const contact: SyntheticService['contact'] = { ...(number ? { phone: number } : {}), website, ...(withEmail ? { email: `${id}@example.org` } : {}) };
    const withHours = rand() < 0.6;
    const withEligibility = rand() < 0.5;
    const supports = [...(number ? ['phone'] : []), 'website', 'description', ...(withEmail ? ['email'] : []), ...(withHours ? ['hours'] : []), ...(withEligibility ? ['eligibility'] : [])];
    out.push({
      id,
      name,
      provider: `${town} ${pick(rand, PROVIDER_KINDS)}`,
      description: `Synthetic benchmark record: ${kind.offer} in and around ${town}.`.slice(0, 200),
      topics,
      ...where,
      contact,
      referral: pick(rand, REFERRALS),
      ...(withEligibility ? { eligibility: rand() < 0.5 ? `Adults living in or registered with a GP in ${town}.` : 'Anyone aged 16 or over.' } : {}),
      ...(withHours ? { hours: pick(rand, HOURS) } : {}),
      cost: 'Free',
      sources: [{ url: website, checked: CHECKED, published: 'synthetic', supports, note: 'SYNTHETIC: generated by bench/synthetic.ts; not a real service.' }],
      reviewed: CHECKED,
      notes: `SYNTHETIC benchmark record (seed ${seed}), not a real service. Phone numbers are from Ofcom's drama ranges (01xx 496 0xxx, 01632 960xxx, 0306 999 0xxx); web addresses are on example.org.`,
    });
  }
  return out;
}

export interface SyntheticDirectory {
  /** The data folder: a copy of directory-data/ plus the synthetic services. */
  root: string;
  /** How many synthetic services were added (the real ones stay, for the crisis lines). */
  count: number;
  remove(): void;
}

/** Copies directory-data/ into a temp folder and writes `count` synthetic services into it. */
export function writeSyntheticDirectory(count: number, seed: number = DEFAULT_SEED, from: string = defaultDataDir()): SyntheticDirectory {
  const root = mkdtempSync(join(tmpdir(), 'mecc-bench-data-'));
  try {
    cpSync(from, root, { recursive: true });
    const services = join(root, 'services');
    mkdirSync(services, { recursive: true });
    for (const s of generateServices(count, seed)) writeFileSync(join(services, `${s.id}.json`), `${JSON.stringify(s, null, 2)}\n`);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  return { root, count, remove: () => rmSync(root, { recursive: true, force: true }) };
}
