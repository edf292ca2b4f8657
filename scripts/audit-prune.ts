/**
 * `npm run audit:prune [-- --retention ashg-groningen=365,amk-groningen=730] [--default-days 1826|keep] [--now ISO]`
 * Removes audit entries whose owner's retention has expired, as a prefix of the chain, and leaves a
 * checkpoint (see src/audit/prune-plan.ts). Agencies not listed get --default-days (default 1826, five
 * years: an assumption, set it from the agencies' retention policy); `keep` keeps them. Same database
 * selection as audit:verify. Exit code 0: done; 1: refused because the chain is broken; 2: error.
 */
import { existsSync } from 'node:fs';
import { isAuditStoreError } from '#src/audit/errors.ts';
import { describeAuditLocation, openAuditStore, sqlitePath, type AuditStoreLocation } from '#src/audit/open-audit-store.ts';
import { parseCommandLine, runCommand, UsageError } from './cli.ts';

const DEFAULT_DAYS = 1826;

function parseDays(text: string, what: string): number {
  if (!/^\d{1,6}$/.test(text)) throw new UsageError(`${what}: expected a whole number of days`);
  return Number(text);
}

function parseRetention(retention: string | undefined, defaultDays: string): Record<string, number> {
  const result: Record<string, number> = {};
  if (defaultDays !== 'keep') result['*'] = parseDays(defaultDays, '--default-days');
  for (const pair of (retention ?? '').split(',').filter((part) => part.trim() !== '')) {
    const [agency, days, ...rest] = pair.split('=').map((part) => part.trim());
    if (!agency || !/^[a-z0-9][a-z0-9-]*$/.test(agency) || days === undefined || rest.length > 0) {
      throw new UsageError('--retention: expected agency=days[,agency=days...]');
    }
    result[agency] = parseDays(days, `--retention ${agency}`);
  }
  return result;
}

const USAGE = `Usage: npm run audit:prune -- [--retention <agency>=<days>[,<agency>=<days>...]] [--default-days <days>|keep] [--now <ISO instant>]

Removes audit entries whose owner's retention has expired, as a prefix of the chain, and leaves a checkpoint.

  --retention <list>     days to keep per owner agency, e.g. ashg-groningen=365,amk-groningen=730
  --default-days <days>  days to keep for agencies not listed (default ${DEFAULT_DAYS}, five years); keep: keep them
  --now <instant>        judge expiry at this ISO 8601 instant instead of now
  -h, --help             this text

The store: DATABASE_URL (schema KETENPOORT_AUDIT_SCHEMA), else KETENPOORT_DATA_DIR/audit.sqlite (default ./data).
Exit 0: done; 1: refused because the chain is broken (run audit:verify); 2: bad arguments or could not run.`;

const { values } = parseCommandLine({
  name: 'audit:prune', usage: USAGE,
  options: { retention: { type: 'string' }, 'default-days': { type: 'string', default: String(DEFAULT_DAYS) }, now: { type: 'string' } },
});
const location: AuditStoreLocation = {
  databaseUrl: process.env.DATABASE_URL || undefined,
  schema: process.env.KETENPOORT_AUDIT_SCHEMA || undefined,
  dataDir: process.env.KETENPOORT_DATA_DIR || undefined,
};
const where = describeAuditLocation(location);

async function main(): Promise<number> {
  const retention = parseRetention(values.retention, values['default-days']);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError('--now: expected an ISO 8601 instant');
  if (!location.databaseUrl && !existsSync(sqlitePath(location))) {
    console.error(`audit:prune: no audit trail at ${where}`);
    return 2;
  }
  const store = await openAuditStore(location);
  try {
    const result = await store.prune(retention, now);
    console.log(`audit prune (${where}) at ${now.toISOString()}: removed ${result.removed} entries`
      + (result.checkpointSeq === null ? '' : `; checkpoint at seq ${result.checkpointSeq}`)
      + `; removed ${result.noticesRemoved} notices past their recipient's retention`);
    return 0;
  } catch (error) {
    if (isAuditStoreError(error) && error.code === 'AUDIT_CHAIN_BROKEN') {
      console.error(`audit:prune: ${error.message}; run audit:verify`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

runCommand('audit:prune', main);
