/** `--anchor <seq>:<hash>` as audit:verify prints an anchor, for the access request scripts. */
import type { ReportAnchor } from '#src/audit/access-request.ts';
import { UsageError } from './cli.ts';

export function parseAnchorOption(text: string): ReportAnchor {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match || Number(match[1]) < 1) throw new UsageError(`--anchor must be <seq>:<64 hex digits> as audit:verify printed it, not ${JSON.stringify(text)}`);
  return { seq: Number(match[1]), hash: match[2] as string };
}
