/** What must never leave the gateway in a span or a metric label: every BSN, name, police key and free text of the test world. */
import { createWorld } from '#mock-world/index.ts';

const PERSONAL_KEYS = new Set(['bsn', 'name', 'politieKey', 'narrative', 'restrictedInformation', 'phone', 'email', 'street', 'situation', 'reason']);

/** The personal strings of the world the test gateway's mocks serve (KETENPOORT_MOCK_HOUSEHOLDS=60). */
export function personalDataOf(households = 60): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown, key: string | null): void => {
    if (typeof value === 'string') {
      // Short values (a house number, a two-letter code) would match by accident; none of these is personal.
      if (key !== null && PERSONAL_KEYS.has(key) && value.length >= 6) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) walk(item, name);
    }
  };
  walk(createWorld({ households }), null);
  return found;
}

/** The members' BSNs and names alone (for messages that should name what leaked). */
export function firstLeak(text: string, secrets: Iterable<string>): string | undefined {
  for (const secret of secrets) if (text.includes(secret)) return secret;
  return undefined;
}
