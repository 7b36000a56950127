// The fixed vocabularies in docs/topics.md. Query sets, tests and the
// `ask` contract use these ids, so they are code, not data.
export const TOPIC_IDS = [
  'smoking', 'alcohol-drugs', 'mental-wellbeing', 'suicide-prevention', 'healthy-weight',
  'physical-activity', 'sexual-health', 'loneliness', 'falls-frailty', 'affordable-warmth',
  'gambling', 'fire-safety', 'oral-health', 'winter-flu', 'blood-pressure', 'gp-registration',
  'immunisations', 'cancer-awareness', 'asthma-copd', 'diabetes', 'blood-donation',
  'money-advice', 'housing', 'carers', 'dementia', 'pregnancy',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export const COUNTY_PLACE_IDS = [
  'high-peak', 'derbyshire-dales', 'chesterfield', 'bolsover-north-east',
  'erewash', 'amber-valley', 'south-derbyshire',
] as const;
export const PLACE_IDS = [...COUNTY_PLACE_IDS, 'derby-city'] as const;
export type PlaceId = (typeof PLACE_IDS)[number];

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && (TOPIC_IDS as readonly string[]).includes(value);
}

export function isPlaceId(value: unknown): value is PlaceId {
  return typeof value === 'string' && (PLACE_IDS as readonly string[]).includes(value);
}
