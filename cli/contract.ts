import type { Answer } from '../search/answer';

/** The `ask --json` object: the contract the acceptance checks and query sets rely on. */
export interface AskResult {
  query: string;
  topic: string | null;
  place: string | null;
  crisis: boolean;
  services: { id: string; name: string; places: string[]; phone: string | null; website: string | null }[];
  alternatives: string[];
}

export function toAskResult(query: string, answer: Answer): AskResult {
  return {
    query,
    topic: answer.topic,
    place: answer.place,
    crisis: answer.crisis,
    services: answer.services.map((s) => ({
      id: s.id,
      name: s.name,
      places: [...s.places],
      phone: s.contact.phone ?? null,
      website: s.contact.website ?? null,
    })),
    alternatives: answer.alternatives,
  };
}
