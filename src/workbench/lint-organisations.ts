/**
 * Internal to the covenant lint. Covenants against the organisations over time (organisations.yaml):
 * a named party that does not exist for the whole of the covenant's validity (after its last day it is
 * granted nothing and its records are decided on as its successor's, whom the covenant may not name),
 * and a party without a region of the covenant's region kind, for which `inViewerRegion` falls back to
 * its home region.
 */
import type { Covenant, OrganisationRegistry } from '#src/policy/index.ts';
import type { LintFinding } from './lint-finding.ts';

export function lintOrganisations(covenants: readonly Covenant[], registry: OrganisationRegistry): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const covenant of covenants) {
    const where = `${covenant.source.file}:${covenant.source.line}`;
    const last = covenant.tacitRenewal ? null : covenant.validTo;
    for (const party of covenant.parties) {
      const organisation = party.agencyId === null ? undefined : registry.get(party.agencyId);
      if (!organisation) continue;
      if (organisation.validTo !== null && (last === null || last > organisation.validTo)) {
        const successor = organisation.successor ? `; its records are decided on as ${organisation.successor}'s${covenant.parties.some((other) => other.agencyId === organisation.successor) ? '' : ', which the covenant does not name'}` : '';
        findings.push({
          severity: 'warning', rule: 'party-outside-validity', where,
          message: `${covenant.key} is in force ${last === null ? `from ${covenant.validFrom} on` : `until ${last}`}, but its party ${organisation.id} exists only until ${organisation.validTo}: after that it is granted nothing${successor}`,
        });
      }
      if (organisation.validFrom !== null && covenant.validFrom < organisation.validFrom && (last === null || last >= organisation.validFrom)) {
        findings.push({
          severity: 'note', rule: 'party-outside-validity', where,
          message: `${covenant.key} is in force from ${covenant.validFrom}, but its party ${organisation.id} exists only from ${organisation.validFrom}`,
        });
      }
    }
    // A national covenant means the home region by "the viewer's region": nobody has a national one.
    if (covenant.regionKind === 'national' || !covenant.grants.some((grant) => JSON.stringify(grant.conditions).includes('"inViewerRegion"'))) continue;
    const viewers = new Set(covenant.grants.flatMap((grant) => grant.viewerKinds));
    for (const organisation of registry.organisations) {
      if (!viewers.has(organisation.kind) || organisation.regions.has(covenant.regionKind)) continue;
      const party = covenant.parties.some((p) => p.agencyKind === organisation.kind && (p.agencyId === null || p.agencyId === organisation.id));
      if (!party) continue;
      findings.push({
        severity: 'note', rule: 'region-kind-fallback', where,
        message: `${covenant.key} covers ${covenant.regionKind} regions, but ${organisation.id} has none in organisations.yaml: "the viewer agency's region" is its home region ${organisation.homeRegion}`,
      });
    }
  }
  return findings;
}
