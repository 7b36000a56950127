import type { TopicId } from '../directory/ids';

/**
 * What a member of staff can record about a Quality Conversation: fixed vocabularies only,
 * so a record can never carry free text. The outcomes follow the Midlands and East data
 * collection guide (information given, signposted, referred) plus "not today" (declined).
 */
export const OUTCOMES = {
  'brief-advice': 'Brief advice',
  signposted: 'Signposted',
  referred: 'Referred',
  'not-today': 'Not today',
} as const;
export type OutcomeId = keyof typeof OUTCOMES;
export const OUTCOME_IDS = Object.keys(OUTCOMES) as [OutcomeId, ...OutcomeId[]];

export const SETTINGS = {
  'vaccination-site': 'Vaccination site',
  'community-pharmacy': 'Community pharmacy',
  'gp-practice': 'GP practice',
  hospital: 'Hospital',
  'home-visit': 'Home visit',
  community: 'Community',
  other: 'Other',
} as const;
export type SettingId = keyof typeof SETTINGS;
export const SETTING_IDS = Object.keys(SETTINGS) as [SettingId, ...SettingId[]];

export const AGE_BANDS = {
  'under-18': 'Under 18',
  '18-24': '18-24',
  '25-49': '25-49',
  '50-64': '50-64',
  '65-74': '65-74',
  '75-plus': '75 and over',
} as const;
export type AgeBandId = keyof typeof AGE_BANDS;
export const AGE_BAND_IDS = Object.keys(AGE_BANDS) as [AgeBandId, ...AgeBandId[]];

/**
 * The nine nationally evaluated MECC interventions (seed 000, section 3.2d and Appendix 1e;
 * docs/topics.md): only the topics that are one of them have a number.
 */
export const NATIONAL_INTERVENTIONS: Partial<Record<TopicId, number>> = {
  'blood-pressure': 1,
  'gp-registration': 2,
  immunisations: 3,
  'healthy-weight': 4,
  'cancer-awareness': 5,
  smoking: 6,
  'asthma-copd': 7,
  diabetes: 8,
  'blood-donation': 9,
};

/** How long after the first tap a record can still be corrected. */
export const CORRECTION_MINUTES = 10;
