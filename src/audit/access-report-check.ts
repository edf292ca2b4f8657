/**
 * An outsider's check of a saved access request report (access-report.ts): for every entry, that its
 * proof leads to an anchor recorded elsewhere (or, without one, to the report's own anchor), and that
 * what the report says of the entry is what the proved documents say. A report is untrusted input:
 * nothing in it is assumed well-formed.
 *
 * What no proof can show: that the report left nothing out. The trail can be asked again for that.
 */
import { fullProof, type ChainSegment, type ReportAnchor, type ReportProof } from './access-request.ts';
import { ACCESS_REPORT_FORMAT, describeProved, type EntryDescription } from './access-report.ts';
import { checkProof } from './proof.ts';

export type EntryVerdict =
  | { readonly seq: number | null; readonly status: 'holds' }
  | { readonly seq: number | null; readonly status: 'fails' | 'unchecked'; readonly reason: string };

export type ReportCheck =
  | { readonly ok: false; readonly reason: string }
  | { readonly ok: true; readonly anchor: ReportAnchor | null; readonly recorded: boolean; readonly verdicts: readonly EntryVerdict[] };

const HEX64 = /^[0-9a-f]{64}$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function readAnchor(value: unknown): ReportAnchor | null {
  return isRecord(value) && isSeq(value.seq) && typeof value.hash === 'string' && HEX64.test(value.hash) ? { seq: value.seq, hash: value.hash } : null;
}

function readChain(value: unknown): ChainSegment | null {
  if (!isRecord(value) || !isSeq(value.afterSeq) || !Array.isArray(value.headerDigests)) return null;
  const digests = value.headerDigests;
  return digests.every((digest) => typeof digest === 'string' && HEX64.test(digest)) ? { afterSeq: value.afterSeq, headerDigests: digests as string[] } : null;
}

function readProof(value: unknown): ReportProof | null {
  if (!isRecord(value)) return null;
  const { entrySeq, entryDocument, leafIndex, treeSize, path, headerDocument, prevHash, requestSeq } = value;
  if (!isSeq(entrySeq) || !isSeq(leafIndex) || !isSeq(treeSize) || !isSeq(requestSeq)) return null;
  if (typeof entryDocument !== 'string' || typeof headerDocument !== 'string' || typeof prevHash !== 'string') return null;
  if (!Array.isArray(path) || !path.every((step) => typeof step === 'string')) return null;
  return { entrySeq, entryDocument, leafIndex, treeSize, path: path as string[], headerDocument, prevHash, requestSeq };
}

/** JSON with object keys sorted, for comparing what the report says with what was proved. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (isRecord(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item));
}

const DESCRIBED: readonly (keyof EntryDescription)[] = ['seq', 'requestSeq', 'time', 'endTime', 'kind', 'relation', 'viewer', 'purpose', 'processingActivity',
  'owner', 'entityType', 'entityId', 'subjectType', 'fieldsReleased', 'fieldsWithheld', 'decisions', 'outcome'];

/** Checks every entry of `report` against `recorded` (an anchor kept outside the trail), else the report's own. */
export function checkAccessReport(report: unknown, recorded?: ReportAnchor): ReportCheck {
  if (!isRecord(report) || report.format !== ACCESS_REPORT_FORMAT) return { ok: false, reason: `not an access request report (format ${ACCESS_REPORT_FORMAT})` };
  if (typeof report.subject !== 'string' || typeof report.organisation !== 'string' || !Array.isArray(report.entries)) return { ok: false, reason: 'the report lacks its subject, organisation or entries' };
  const own = readAnchor(report.anchor);
  const chain = readChain(report.chain);
  const anchor = recorded ?? own;
  if (report.entries.length === 0) return { ok: true, anchor, recorded: recorded !== undefined, verdicts: [] };
  if (!anchor) return { ok: false, reason: 'the report names no anchor; give the one you recorded' };
  const period = isRecord(report.period) ? { from: Date.parse(String(report.period.from)), to: Date.parse(String(report.period.to)) } : null;
  const { subject, organisation } = report;
  const verdicts = report.entries.map((item: unknown): EntryVerdict => {
    const seq = isRecord(item) && isSeq(item.seq) ? item.seq : null;
    if (!isRecord(item)) return { seq, status: 'fails', reason: 'not an entry' };
    if (item.proof === null) return { seq, status: 'unchecked', reason: 'the report holds no proof of it (it lies after the report\'s anchor)' };
    const proof = readProof(item.proof);
    if (!proof) return { seq, status: 'fails', reason: 'its proof is malformed' };
    if (proof.requestSeq > anchor.seq) return { seq, status: 'unchecked', reason: `its request ${proof.requestSeq} lies after the anchor ${anchor.seq}` };
    if (!chain || proof.requestSeq < chain.afterSeq || anchor.seq > chain.afterSeq + chain.headerDigests.length) {
      return { seq, status: 'unchecked', reason: `the report's chain does not reach from its request ${proof.requestSeq} to the anchor ${anchor.seq}` };
    }
    const upToAnchor = { afterSeq: chain.afterSeq, headerDigests: chain.headerDigests.slice(0, anchor.seq - chain.afterSeq) };
    const verdict = checkProof(fullProof(proof, upToAnchor, anchor));
    if (!verdict.ok) return { seq, status: 'fails', reason: verdict.reason };
    const proved = describeProved(proof, subject);
    if (!proved.ok) return { seq, status: 'fails', reason: proved.reason };
    const differs = DESCRIBED.filter((field) => stable(item[field]) !== stable(proved.description[field]));
    if (differs.length > 0) return { seq, status: 'fails', reason: `the report says otherwise than the proved entry about: ${differs.join(', ')}` };
    const { viewer, owner, time } = proved.description;
    if (viewer.agencyId !== organisation && owner !== organisation) return { seq, status: 'fails', reason: `the entry lies outside ${organisation}'s scope` };
    const instant = Date.parse(time);
    if (period && !(instant >= period.from && instant < period.to)) return { seq, status: 'fails', reason: 'the entry lies outside the report\'s period' };
    return { seq, status: 'holds' };
  });
  return { ok: true, anchor, recorded: recorded !== undefined, verdicts };
}
