/**
 * Internal to the covenant lint. Act grants (issue 13) against the organisations: an answer or feedback
 * delivers into the receiver's record system, so an answer or feedback grant whose receiver kind has no
 * party organisation with a system behind the gateway (a wijkteam, the Raad) grants an act nobody can
 * receive. A handover or referral to such a receiver waits in the gateway's inbox (src/acts/inbox.ts).
 */
import { REFERRING_ACTS, type CompiledPolicy } from '#src/policy/index.ts';
import type { LintFinding } from './lint-finding.ts';

export function lintActs(policy: CompiledPolicy): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const { covenant, grant, parties } of policy.actGrants) {
    if (grant.acts.every((act) => REFERRING_ACTS.includes(act))) continue;
    for (const kind of grant.receiverKinds) {
      const named = parties.get(kind);
      const receivers = policy.organisations.organisations.filter((organisation) => organisation.kind === kind && (named === null || named?.has(organisation.id)));
      if (receivers.some((organisation) => organisation.adapter !== null)) continue;
      findings.push({
        severity: 'warning', rule: 'act-receiver-without-system', where: `${grant.source.file}:${grant.source.line}`,
        message: `${covenant.key} ${grant.article} (${grant.id}) lets ${grant.acts.filter((act) => !REFERRING_ACTS.includes(act)).join(', ')} go to ${kind}, but no ${kind} party has a record system behind the gateway to receive it`,
      });
    }
  }
  return findings;
}
