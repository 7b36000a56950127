import type { TopicId } from '../directory/ids';

/**
 * What each topic is called on the page the person takes away: their words, not ours. Staff
 * titles ("Affordable warmth", "Routine immunisations") and summaries ("the duty to refer")
 * are written for staff; these are short, plain and say what the help is for.
 */
export const CITIZEN_TOPIC: Record<TopicId, { heading: string; intro: string }> = {
  'smoking': { heading: 'Stopping smoking', intro: 'Free help to stop smoking or vaping. You are more likely to stop with support.' },
  'alcohol-drugs': { heading: 'Alcohol and drugs', intro: 'Help to cut down or stop drinking or using drugs. It is free and private.' },
  'mental-wellbeing': { heading: 'Your mental health', intro: 'Help if you feel low, worried or stressed. You can talk to someone.' },
  'suicide-prevention': { heading: 'If you are struggling to cope', intro: 'You do not have to cope alone. These people will listen and help.' },
  'healthy-weight': { heading: 'Healthy eating and weight', intro: 'Help to eat well and get to a healthy weight.' },
  'physical-activity': { heading: 'Being more active', intro: 'Ways to move more, at your own pace, near where you live.' },
  'sexual-health': { heading: 'Sexual health', intro: 'Free and private help with contraception, tests and advice.' },
  'loneliness': { heading: 'Feeling lonely', intro: 'Ways to meet people and find someone to talk to.' },
  'falls-frailty': { heading: 'Staying steady on your feet', intro: 'Help to stay strong and steady, and to make your home safer.' },
  'affordable-warmth': { heading: 'Keeping your home warm', intro: 'Help with heating, energy bills and a cold or damp home.' },
  'gambling': { heading: 'Gambling', intro: 'Free help if gambling is causing you or your family harm.' },
  'fire-safety': { heading: 'Fire safety at home', intro: 'Free advice and checks to keep your home safe from fire.' },
  'oral-health': { heading: 'Teeth and gums', intro: 'How to find a dentist and get help with your teeth.' },
  'winter-flu': { heading: 'Flu and winter jabs', intro: 'Where to get your flu jab and stay well this winter.' },
  'blood-pressure': { heading: 'Blood pressure', intro: 'Where to get a free blood pressure check, and help to lower it.' },
  'gp-registration': { heading: 'Joining a GP practice', intro: 'Anyone can join a GP practice. You do not need proof of address or ID.' },
  'immunisations': { heading: 'Vaccines', intro: 'How to get the vaccines you or your child need, or catch up on missed ones.' },
  'cancer-awareness': { heading: 'Cancer checks', intro: 'Free cancer checks, and what to do if you notice a change in your body.' },
  'asthma-copd': { heading: 'Asthma and COPD', intro: 'Help to live well with asthma or COPD and to use your inhaler well.' },
  'diabetes': { heading: 'Diabetes', intro: 'Help to lower your risk of diabetes, or to live well with it.' },
  'blood-donation': { heading: 'Giving blood', intro: 'How to find out if you can give blood, and how to book.' },
  'money-advice': { heading: 'Money and debt', intro: 'Free help with money worries, debt, benefits and food.' },
  'housing': { heading: 'Housing', intro: 'Help if you may lose your home or have nowhere safe to stay.' },
  'carers': { heading: 'If you look after someone', intro: 'Help and breaks for people who care for a family member or friend.' },
  'dementia': { heading: 'Memory and dementia', intro: 'Help if you are worried about memory, or live with dementia.' },
  'pregnancy': { heading: 'Pregnancy and your baby', intro: 'Help to have a healthy pregnancy and care for your new baby.' },
};

/** Topics whose take-away leads with the crisis lines, before anything local. */
export const CRISIS_FIRST_TOPICS: readonly TopicId[] = ['mental-wellbeing', 'suicide-prevention'];
