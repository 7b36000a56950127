/**
 * Which organisation a conversation belongs to, from configuration only (never typed):
 * ACTIVITY_ORGANISATIONS maps a Teams team id or Microsoft Entra tenant id to a name,
 * "id=Name;id=Name". A team is more specific than a tenant, so it is looked up first.
 */
export const UNASSIGNED = 'Not configured';

export function parseOrganisations(value: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of (value ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    const id = pair.slice(0, at).trim().toLowerCase();
    const name = pair.slice(at + 1).trim();
    if (at < 1 || !name) throw new Error(`'${pair}' is not id=Organisation name`);
    if (!/^[\p{L}\p{N} &'(),.-]{1,80}$/u.test(name)) throw new Error(`'${name}' is not a plain organisation name (letters, digits, spaces and & ' ( ) , . - only, up to 80)`);
    map.set(id, name);
  }
  return map;
}

export function organisationOf(map: Map<string, string>, where: { team?: string; tenant?: string }): string {
  return (where.team && map.get(where.team.toLowerCase())) || (where.tenant && map.get(where.tenant.toLowerCase())) || UNASSIGNED;
}
