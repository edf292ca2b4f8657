/**
 * Internal to the covenant lint. Validity across versions: a version that lapses before its successor
 * takes effect leaves a gap in which nothing of the agreement is granted (tacit renewal bridges it);
 * versions of one agreement that do not name each other in `supersedes`; and a version that expired,
 * is not renewed and is replaced by nothing, which is still loaded though it grants nothing.
 */
import type { Covenant } from '#src/policy/index.ts';
import { addDays } from './diff-space.ts';
import type { LintFinding } from './lint-finding.ts';

export function lintValidity(covenants: readonly Covenant[], today: string): LintFinding[] {
  const findings: LintFinding[] = [];
  const at = (covenant: Covenant) => `${covenant.source.file}:${covenant.source.line}`;
  for (const covenant of covenants) {
    const successor = covenants.find((candidate) => candidate.key === covenant.supersededBy);
    const lastDay = covenant.tacitRenewal ? null : covenant.validTo;
    if (successor && lastDay !== null && addDays(lastDay, 1) < successor.validFrom) {
      findings.push({
        severity: 'error', rule: 'validity-gap', where: at(successor),
        message: `${successor.key} supersedes ${covenant.key}, which expired on ${lastDay} without tacit renewal: nothing of ${covenant.id} is in force from ${addDays(lastDay, 1)} to ${addDays(successor.validFrom, -1)}`,
      });
    }
    if (!successor && lastDay !== null && lastDay < today) {
      findings.push({
        severity: 'warning', rule: 'expired-unreplaced', where: at(covenant),
        message: `${covenant.key} expired on ${lastDay}, is not renewed tacitly and is superseded by nothing: it grants nothing any more; remove it or add its successor`,
      });
    }
  }
  const byId = Map.groupBy(covenants, (covenant) => covenant.id);
  for (const versions of byId.values()) {
    const ordered = [...versions].sort((a, b) => a.version - b.version);
    for (let i = 1; i < ordered.length; i++) {
      const [previous, next] = [ordered[i - 1]!, ordered[i]!];
      if (next.supersedes === previous.key) continue;
      findings.push({
        severity: 'warning', rule: 'unlinked-versions', where: at(next),
        message: `${next.key} does not supersede ${previous.key} (supersedes: ${next.supersedes ?? 'none'}): both versions may be in force at once`,
      });
    }
  }
  return findings;
}
