import { z } from 'zod';

export const REPORT_REASONS = {
  'wrong-phone': 'Wrong phone number',
  'wrong-website': 'Wrong website',
  closed: 'Service closed',
  'wrong-place': 'Not for this Place',
  other: 'Something else',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export const MAX_COMMENT = 500;

export const reportSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  reason: z.enum(Object.keys(REPORT_REASONS) as [ReportReason, ...ReportReason[]]),
  comment: z.string().max(MAX_COMMENT).optional(),
  createdAt: z.string(),
  reporter: z.string(),
  status: z.enum(['open', 'resolved']),
  resolvedAt: z.string().optional(),
  resolvedBy: z.string().optional(),
  note: z.string().optional(),
});
export type Report = z.infer<typeof reportSchema>;

export { isNhsNumber, looksIdentifying, maskIdentifiers, mightIdentifyPatient } from './identifiers';
