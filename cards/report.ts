import type { Directory } from '../directory/load';
import type { Service } from '../directory/schema';
import { MAX_COMMENT, type Report, REPORT_REASONS } from '../reports/report';
import { adaptiveCard, type CardMessage, container, heading, markdown, paragraph, submit } from './elements';
import { areaLabel } from './service';
import { editButton } from './edit-actions';

/** The short form behind "Report a problem" on every service. */
export function reportFormCard(directory: Directory, service: Service): CardMessage {
  return adaptiveCard(
    [
      heading('Report a problem', 'Medium'),
      paragraph(`${service.name} · ${areaLabel(directory, service)}`, { isSubtle: true, spacing: 'None' }),
      {
        type: 'Input.ChoiceSet',
        id: 'reason',
        label: 'What is wrong?',
        style: 'expanded',
        isRequired: true,
        errorMessage: 'Choose what is wrong',
        choices: Object.entries(REPORT_REASONS).map(([value, title]) => ({ title, value })),
      },
      { type: 'Input.Text', id: 'comment', label: 'Anything else? (optional)', isMultiline: true, maxLength: MAX_COMMENT, placeholder: 'e.g. the number now goes to a different service' },
      container([markdown('🔒 **Do not include patient details** (names, NHS numbers, addresses).')], { style: 'warning', spacing: 'Small' }),
    ],
    [submit('Send report', { action: 'report', service: service.id, reason: 'other' }, { associatedInputs: 'auto' })],
    `Report a problem with ${service.name}`,
  );
}

export function reportThanksCard(service: Service): CardMessage {
  return adaptiveCard(
    [heading('Thank you', 'Medium'), paragraph(`Your report about ${service.name} has been saved for the directory maintainers. Reports like yours keep the numbers right for everyone.`)],
    [submit('Browse topics', { action: 'browse' })],
    'Thank you: report saved',
  );
}

/** A new report, posted to the maintainers' channel when one is configured. */
export function maintainersReportCard(directory: Directory, report: Report, service: Service | undefined): CardMessage {
  const body = [
    heading(`Staff report: ${REPORT_REASONS[report.reason]}`, 'Medium'),
    paragraph(`${service?.name ?? report.serviceId} (${report.serviceId})${service ? ` · ${areaLabel(directory, service)}` : ''}`),
    paragraph(`Report ${report.id} · ${report.createdAt.slice(0, 16).replace('T', ' ')} UTC`, { isSubtle: true, spacing: 'None' }),
  ];
  if (report.comment) body.push(paragraph(`Comment: ${report.comment}`));
  // "Edit this service" opens the edit form; the change, once published, resolves the report.
  const edit = service ? [editButton('Edit this service', { action: 'editOpen', record: `service:${service.id}`, mode: 'edit', report: report.id })] : [];
  return adaptiveCard(body, report.status === 'open' ? [...edit, submit('Mark resolved', { action: 'resolveReport', id: report.id })] : [], `Staff report about ${service?.name ?? report.serviceId}`);
}

export function reportResolvedCard(report: Report): CardMessage {
  return adaptiveCard([heading('Report resolved', 'Medium'), paragraph(`Report ${report.id} about ${report.serviceId} is marked resolved.`)], [], `Report ${report.id} resolved`);
}
