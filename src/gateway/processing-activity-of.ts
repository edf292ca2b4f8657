/**
 * The processing activity a request belongs to, as its audit entries record it: the register's
 * `id@version` for the caller's organisation and declared purpose.
 *
 * A caller may declare a purpose its token lists that no covenant grants its organisation (the
 * register need not map it); such a request can be shown only the organisation's own records and
 * public fields. Its entries then say so, `unregistered:<purpose>`, rather than borrow another
 * activity, and the operator is told once per organisation and purpose (neither is personal data).
 */
import type { Logger } from 'pino';
import type { ProcessingRegister } from '#src/policy/index.ts';

export const UNREGISTERED_PREFIX = 'unregistered:';

export function createProcessingActivityOf(register: ProcessingRegister, logger: Logger): (organisation: string, purpose: string) => string {
  const warned = new Set<string>();
  return (organisation, purpose) => {
    const activity = register.activityFor(organisation, purpose);
    if (activity) return activity.key;
    const pair = `${organisation} ${purpose}`;
    if (!warned.has(pair)) {
      warned.add(pair);
      logger.warn({ organisation, purpose }, 'no processing activity in the register for this organisation and purpose; entries record it as unregistered');
    }
    return `${UNREGISTERED_PREFIX}${purpose}`;
  };
}
