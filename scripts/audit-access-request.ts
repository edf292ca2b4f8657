/**
 * `npm run audit:access-request -- --bsn <BSN|-> --from <when> --to <when> --organisation <agency-id>
 *   [--anchor <seq>:<hash>] [--json <file>] [--html <file>] [--user <id>]`
 *
 * A person's access request (AVG article 15) for a privacy officer without the console: the same
 * report as Query.accessRequest (src/audit/access-request.ts), every page of it, read from the
 * configured audit store. The BSN is pseudonymised at once with the gateway's pseudonym secret and is
 * never printed, logged or written; `--bsn -` reads it from stdin, out of the shell's history and the
 * process list. Like any reading of the trail, the request is entered in it (before anything is
 * written or printed, as the gateway commits before it answers).
 *
 * Exit 0: the report made, every proof checked; 1: the anchor given does not hold, or a proof failed
 * (the trail was changed); 2: bad arguments or could not run.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isValidBsn } from '#domain/bsn.ts';
import { accessRequestPage, type AccessRequestQuery, type ChainSegment, type ReportAnchor, type ReportEntry } from '#src/audit/access-request.ts';
import { countEntries } from '#src/audit/access-request-counts.ts';
import { checkAccessReport } from '#src/audit/access-report-check.ts';
import { renderAccessReportHtml } from '#src/audit/access-report-html.ts';
import { ACCESS_REPORT_FORMAT, toReportEntry, type AccessReport } from '#src/audit/access-report.ts';
import type { AuditEntryInput } from '#src/audit/entry.ts';
import { describeAuditLocation, openAuditStore, sqlitePath, type AuditStoreLocation } from '#src/audit/open-audit-store.ts';
import { createPseudonymizer } from '#src/audit/pseudonymize.ts';
import { MAX_AUDIT_PAGE, type AuditStore } from '#src/audit/store.ts';
import { loadConfig } from '#src/config/config.ts';
import { existingPseudonymSecret } from '#src/gateway/secrets.ts';
import { loadCovenants } from '#src/policy/index.ts';
import { parseAnchorOption } from './anchor-option.ts';
import { parseCommandLine, runCommand, UsageError } from './cli.ts';
import { readInstant } from './instant-option.ts';

const USAGE = `Usage: npm run audit:access-request -- --bsn <BSN|-> --from <when> --to <when> --organisation <agency-id> [options]

A person's access request (AVG article 15): every audit trail entry about the BSN in the period where
the organisation is the viewer or the owner (who saw what, when, for which purpose, on which agreement,
version and article), each with its proof against one anchor. The BSN is pseudonymised at once and never
printed or written; the request is itself entered in the trail.

  --bsn <BSN|->          the person's BSN; - reads it from stdin (keeps it out of shell history and ps)
  --from <when>          start: yyyy-mm-dd (that day, Europe/Amsterdam) or an ISO date-time with offset, inclusive
  --to <when>            end: yyyy-mm-dd (that day included) or an ISO date-time with offset, exclusive
  --organisation <id>    the configured agency whose privacy officer asks
  --anchor <seq>:<hash>  prove against this anchor (recorded before, as audit:verify prints it); default the chain head
  --json <file>          write the report as JSON (check it with npm run audit:check-proof)
  --html <file>          write the report as printable HTML (no script, opens offline)
  --user <id>            the pseudonymous id of who asks, as entered in the trail (default cli)
  -h, --help             this text

The store: DATABASE_URL (schema KETENPOORT_AUDIT_SCHEMA), else KETENPOORT_DATA_DIR/audit.sqlite (default
./data); the pseudonym secret: KETENPOORT_PSEUDONYM_SECRET, else in development the gateway's own in the data folder.
Exit 0: report made, every proof holds; 1: the anchor or a proof does not hold; 2: bad arguments or could not run.`;

const { values } = parseCommandLine({
  name: 'audit:access-request', usage: USAGE,
  options: {
    bsn: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, organisation: { type: 'string' }, anchor: { type: 'string' },
    json: { type: 'string' }, html: { type: 'string' }, user: { type: 'string', default: 'cli' },
  },
});

function required(name: 'bsn' | 'from' | 'to' | 'organisation'): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

/** The BSN, from the option or stdin; checked, never echoed. */
function readBsn(): string {
  const given = required('bsn');
  const bsn = (given === '-' ? readFileSync(0, 'utf8').split('\n')[0] ?? '' : given).trim();
  if (!isValidBsn(bsn)) throw new UsageError('--bsn is not a BSN (nine digits passing the eleven-test)');
  return bsn;
}

async function collect(store: AuditStore, query: AccessRequestQuery, recorded: ReportAnchor | undefined) {
  const entries: ReportEntry[] = [];
  let anchor: ReportAnchor | null = null;
  let chain: ChainSegment | null = null;
  let after: string | undefined;
  do {
    const result = await accessRequestPage(store, query, { first: MAX_AUDIT_PAGE, after, anchorSeq: after ? undefined : recorded?.seq, chain: chain === null });
    if (!result.ok) throw new Error(result.message);
    anchor ??= result.page.anchor;
    chain ??= result.page.chain;
    entries.push(...result.page.entries);
    after = result.page.hasNextPage && result.page.endCursor ? result.page.endCursor : undefined;
  } while (after);
  return { entries, anchor, chain };
}

async function main(): Promise<number> {
  const started = new Date();
  const config = loadConfig(process.env);
  const organisation = required('organisation');
  if (!config.agencies.some((agency) => agency.id === organisation)) throw new UsageError(`--organisation names no configured agency: ${organisation}`);
  const from = readInstant(required('from'), 'from', 'start');
  const to = readInstant(required('to'), 'to', 'end');
  if (!(from < to)) throw new UsageError('--from must lie before --to');
  const recorded = values.anchor ? parseAnchorOption(values.anchor) : undefined;
  const secret = existingPseudonymSecret(config);
  if (!secret) throw new Error('no pseudonym secret: set KETENPOORT_PSEUDONYM_SECRET to the gateway\'s');
  const subject = createPseudonymizer(secret)(readBsn());

  const location: AuditStoreLocation = { databaseUrl: config.databaseUrl ?? undefined, schema: config.auditSchema ?? undefined, dataDir: config.dataDir };
  // Reading must not create an empty trail where the real one was expected.
  if (!location.databaseUrl && !existsSync(sqlitePath(location))) throw new Error(`no audit trail at ${describeAuditLocation(location)}`);
  const store = await openAuditStore(location);
  try {
    if (recorded && (await store.requestHash(recorded.seq)) !== recorded.hash) {
      console.error(`audit:access-request: the trail does not hold the anchor ${recorded.seq}:${recorded.hash.slice(0, 12)}…: it was rewritten, or pruned past it; nothing was reported`);
      return 1;
    }
    const query: AccessRequestQuery = { subject, scopeAgencyId: organisation, from, to };
    const { entries, anchor, chain } = await collect(store, query, recorded);
    const report: AccessReport = {
      format: ACCESS_REPORT_FORMAT, madeAt: started.toISOString(), organisation, subject, period: { from: from.toISOString(), to: to.toISOString() },
      anchor, chain, counts: countEntries(entries.map((item) => item.entry)), entries: entries.map(toReportEntry),
    };
    const check = checkAccessReport(report);
    const failed = check.ok ? check.verdicts.filter((verdict) => verdict.status === 'fails') : [];

    const { purposes } = await loadCovenants(config.covenantsDir);
    await store.append([enteredRequest({ organisation, user: values.user ?? 'cli', subject, from, to, anchor, started, found: entries.length,
      processingActivity: purposes.find((purpose) => purpose.code === 'privacy-audit')?.description ?? 'privacy-audit' })]);

    if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
    if (values.html) writeFileSync(values.html, renderAccessReportHtml(report), { mode: 0o600 });
    const counts = report.counts;
    console.log(`access request of ${subject.slice(0, 12)}… at ${organisation} (${describeAuditLocation(location)}), ${report.period.from} up to ${report.period.to}:`);
    console.log(`  ${counts.entries} entries by ${counts.organisations} organisation(s), ${counts.organisationsThatSaw} of which saw any field`);
    for (const count of counts.byOrganisation) console.log(`    ${count.agencyId}: ${count.entries} entries, ${count.entriesWithFieldsReleased} released a field`);
    console.log(`  anchor: ${anchor ? `${anchor.seq}:${anchor.hash}` : 'none (no entries)'}${recorded ? ' (the one given)' : ' (the chain head now: record it elsewhere)'}`);
    const proved = entries.filter((item) => item.proof).length;
    console.log(`  proofs: ${proved - failed.length} of ${proved} hold${entries.length > proved ? `; ${entries.length - proved} entries lie after the anchor` : ''}`);
    for (const verdict of failed) console.log(`    entry ${verdict.seq}: FAILS: ${'reason' in verdict ? verdict.reason : ''}`);
    for (const file of [values.json, values.html]) if (file) console.log(`  written: ${file}`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** The trail's entry of this request, as the gateway enters an officer's reading (kind audit-query). */
function enteredRequest(request: { organisation: string; user: string; subject: string; from: Date; to: Date; anchor: ReportAnchor | null;
  started: Date; found: number; processingActivity: string }): AuditEntryInput {
  return {
    traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), parentSpanId: null, operationId: randomUUID(),
    operationName: 'audit:access-request', time: request.started, endTime: new Date(), kind: 'audit-query',
    viewer: { agencyId: request.organisation, userId: request.user, role: 'privacy-officer', responsibleUserId: null, accessPoint: 'audit:access-request' },
    purpose: 'privacy-audit', processingActivity: request.processingActivity, owner: null, entityType: null, entityId: null,
    subject: request.subject, subjectType: 'person', relatedSubjects: [], fieldsReleased: [], fieldsWithheld: [], decisions: [], facts: null,
    searchTerms: {
      scope: request.organisation, subject: request.subject, from: request.from.toISOString(), to: request.to.toISOString(), report: 'access-request',
      ...(request.anchor ? { anchorSeq: String(request.anchor.seq) } : {}),
    },
    outcome: request.found > 0 ? 'released' : 'not-found',
  };
}

runCommand('audit:access-request', main);
