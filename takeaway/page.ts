import { createHash } from 'node:crypto';
import type { CitizenService, Takeaway, TakeawaySection } from './summary';

/** Everything put into the page goes through here: directory text is data, never markup. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('0') ? `+44${digits.slice(1)}` : digits}`;
}

function smsHref(number: string, body?: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  return body ? `sms:${digits}?&body=${encodeURIComponent(body)}` : `sms:${digits}`;
}

/** Only https web addresses become links (the schema requires them; this keeps it so on the page). */
function webLink(url: string): string {
  const safe = /^https:\/\//.test(url) ? url : '';
  const label = url.replace(/^https:\/\/(www\.)?/, '').replace(/\/$/, '');
  return safe ? `<a href="${escapeHtml(safe)}">${escapeHtml(label)}</a>` : escapeHtml(url);
}

function contacts(s: CitizenService): string {
  const rows = [
    s.phone && `<li><span class="label">Phone</span> <a href="${escapeHtml(telHref(s.phone))}">${escapeHtml(s.phone)}</a></li>`,
    s.text && `<li><span class="label">Text</span> ${s.textMessage ? `${escapeHtml(s.textMessage)} to ` : ''}<a href="${escapeHtml(smsHref(s.text, s.textMessage))}">${escapeHtml(s.text)}</a></li>`,
    s.website && `<li><span class="label">Website</span> ${webLink(s.website)}</li>`,
    s.email && `<li><span class="label">Email</span> <a href="mailto:${escapeHtml(s.email)}">${escapeHtml(s.email)}</a></li>`,
    s.hours && `<li><span class="label">Open</span> ${escapeHtml(s.hours)}</li>`,
    s.cost && `<li><span class="label">Cost</span> ${escapeHtml(s.cost)}</li>`,
  ].filter(Boolean);
  return `<ul class="contacts">${rows.join('')}</ul>`;
}

function serviceHtml(s: CitizenService, level: 'h3' | 'h4' = 'h3'): string {
  return `<article class="service" id="service-${escapeHtml(s.id)}"><${level}>${escapeHtml(s.name)}</${level}><p>${escapeHtml(s.description)}</p>${contacts(s)}<p class="start">${escapeHtml(s.howToStart)}</p></article>`;
}

function sectionHtml(section: TakeawaySection): string {
  const fallback = section.fallback.length
    ? `<h3 class="also">You can also contact</h3>${section.fallback.map((s) => serviceHtml(s, 'h4')).join('')}`
    : '';
  const none = !section.services.length && !section.fallback.length ? '<p>Ask the person who gave you this page, or your GP practice, where to go for help.</p>' : '';
  return `<section aria-labelledby="topic-${section.topic}"><h2 id="topic-${section.topic}">${escapeHtml(section.heading)}</h2><p class="intro">${escapeHtml(section.intro)}</p>${section.services.map((s) => serviceHtml(s)).join('')}${fallback}${none}</section>`;
}

function crisisHtml(lines: CitizenService[]): string {
  if (!lines.length) return '';
  const items = lines.map((s) => {
    const how = s.phone
      ? `Call <a href="${escapeHtml(telHref(s.phone))}">${escapeHtml(s.phone)}</a>`
      : s.text
        ? `Text ${s.textMessage ? `${escapeHtml(s.textMessage)} to ` : ''}<a href="${escapeHtml(smsHref(s.text, s.textMessage))}">${escapeHtml(s.text)}</a>`
        : s.website ? webLink(s.website) : '';
    return `<li><strong>${how}</strong> <span>${escapeHtml(s.name)}</span></li>`;
  });
  const emergency = lines.find((s) => s.phone === '999');
  const danger = emergency ? ` If your life is in danger, call ${escapeHtml(emergency.phone!)}.` : '';
  return `<section class="crisis" aria-labelledby="crisis"><h2 id="crisis">If you need help now</h2><p>Call or text one of these now.${danger}</p><ul>${items.join('')}</ul></section>`;
}

/**
 * The page's styles: one inline block (no third-party or even first-party fetch), allowed by
 * its hash in the Content-Security-Policy. Large print doubles the base size; the print rules
 * fit A4 and A5 alike (the printer's paper decides; margins are in millimetres).
 */
export const PAGE_CSS = `
:root{--ink:#0b0c0c;--paper:#fff;--link:#1d4f91;--line:#505a5f;--urgent:#fff4e5;--urgent-edge:#8a3c00}
*{box-sizing:border-box}
html{font-family:Arial,Helvetica,sans-serif;font-size:112.5%;line-height:1.5;color:var(--ink);background:var(--paper)}
body{margin:0 auto;padding:1rem;max-width:42rem}
html.large{font-size:150%}
h1{font-size:1.6rem;line-height:1.2;margin:0 0 .5rem}
h2{font-size:1.3rem;margin:1.5rem 0 .25rem;line-height:1.25}
h3,h4{font-size:1.1rem;margin:0 0 .25rem}
p{margin:.25rem 0}
a{color:var(--link);text-decoration:underline;text-underline-offset:.15em}
a:focus-visible{outline:3px solid #fd0;background:#fd0;color:var(--ink)}
.service{border-top:2px solid var(--line);padding:.75rem 0;break-inside:avoid}
.contacts{list-style:none;padding:0;margin:.25rem 0}
.contacts li{margin:.15rem 0;overflow-wrap:anywhere}
.label{font-weight:bold;display:inline-block;min-width:5.5em}
.crisis{background:var(--urgent);border-left:.5rem solid var(--urgent-edge);padding:.5rem 1rem;margin:1rem 0;break-inside:avoid}
.crisis h2{margin-top:.25rem}
.crisis ul{padding-left:1.2rem}
.crisis li{margin:.3rem 0}
.also{margin-top:1rem}
.tools{margin:1rem 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:1rem}
footer{border-top:2px solid var(--line);margin-top:2rem;padding-top:.5rem;font-size:.9rem}
@media print{
  @page{margin:12mm}
  html{font-size:11pt}
  html.large{font-size:16pt}
  body{max-width:none;padding:0}
  .tools{display:none}
  a{color:var(--ink)}
  .crisis{border:2pt solid var(--ink);background:none}
  h2{break-after:avoid}
}
`;

export const PAGE_CSS_HASH = `sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}`;

/** Headers for every public page: no scripts, no outside resources, no framing, no referrer. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src '${PAGE_CSS_HASH}'; img-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

function shell(title: string, body: string, large: boolean): string {
  return `<!doctype html><html lang="en-GB"${large ? ' class="large"' : ''}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head><body>${body}</body></html>`;
}

/** Links for the other layout: addresses the bot made, never the one that was requested. */
export interface PageLinks {
  standard: string;
  large: string;
}

/** The public page for a take-away: directory facts only, readable without JavaScript, printable. */
export function takeawayPage(takeaway: Takeaway, links: PageLinks, options: { large: boolean }): string {
  const where = takeaway.placeName ? `Help near you in ${takeaway.placeName}` : 'Help near you';
  const toggle = options.large ? `<a href="${escapeHtml(links.standard)}">Standard print</a>` : `<a href="${escapeHtml(links.large)}">Large print</a>`;
  const emergency = takeaway.emergency && !takeaway.crisis.length
    ? `<p>In an emergency, call <a href="${escapeHtml(telHref(takeaway.emergency.phone!))}">${escapeHtml(takeaway.emergency.phone!)}</a>.</p>`
    : '';
  const body = `<header><h1>${escapeHtml(where)}</h1><p>Someone you spoke to chose these services for you. You can contact them when you are ready.</p><ul class="tools"><li>${toggle}</li></ul></header><main>${crisisHtml(takeaway.crisis)}${takeaway.sections.map(sectionHtml).join('')}</main><footer>${emergency}<p>Details are from the Derby and Derbyshire Make Every Contact Count directory. They can change, so check with the service.</p></footer>`;
  return shell(where, body, options.large);
}

/** The same plain page for every address that does not name a take-away the bot could have made. */
export function notFoundPage(help: CitizenService[]): string {
  return shell('Page not found', `<main><h1>Page not found</h1><p>This link does not work. It may be old, or part of it may be missing.</p><p>Ask the person who gave it to you for a new one.</p>${crisisHtml(help)}</main>`, false);
}

/** Too many requests from one address: said plainly, with the same emergency line. */
export function slowDownPage(help: CitizenService[]): string {
  return shell('Please try again soon', `<main><h1>Please try again in a minute</h1><p>This page was asked for too many times. Wait a minute, then try again.</p>${crisisHtml(help)}</main>`, false);
}
