// Every GraphQL operation the console sends, in one place (tests/workbench runs each against the gateway,
// so a schema change that breaks the console fails there). None reads a household.

export const OPTIONS_QUERY = `query ConsoleOptions {
  me { agency { id name } role purpose }
  agencies { id name kind region { id name } }
  agreements(all: true) { id version key title validFrom validTo tacitRenewal supersededBy regions { id name } purposes { code description } }
}`;

export const MATRIX_QUERY = `query AccessMatrix($at: Date!, $region: ID, $purpose: String) {
  accessMatrix(at: $at, region: $region, purpose: $purpose) {
    day region purpose
    columns { viewerKind ownerKind }
    rows { coordinate ownerOnly cells { viewerKind ownerKind grantIds } }
    grants { id agreement { key article } title ruleId purposes regions conditions validity parties { kind agencyIds } }
    agreements { key title validFrom validTo tacitRenewal examples { name viewer { agencyId } owner { agencyId } purpose date coordinate expected reason } }
    publicCoordinates
    ownerOnlyCoordinates
  }
}`;

const AGREEMENT_SIDE = 'key title validFrom validTo tacitRenewal purposes { code } regions { id } parties { agencyKind agency { id } }';

export const DIFF_QUERY = `query CovenantDiff($from: ID!, $to: ID!) {
  covenantDiff(from: $from, to: $to) {
    from { ${AGREEMENT_SIDE} }
    to { ${AGREEMENT_SIDE} }
    situationsChecked
    changes {
      change viewerKind ownerKind purpose coordinates regions
      beforeReason before { key article } afterReason after { key article }
      conditions viewerAgencies ownerAgencies situations example
    }
  }
}`;

export const AUDIT_QUERY = `query AuditTrail($filter: AuditEntryFilter, $after: String) {
  auditEntries(filter: $filter, first: 50, after: $after) {
    edges { node {
      seq time kind viewer { agencyId userId role } purpose ownerAgencyId entityType entityId subject relatedSubjects
      fieldsReleased fieldsWithheld outcome searchTerms { name value }
      decisions { id coordinate effect reason agreementKey article ruleId }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const EXPLAIN_QUERY = `query ExplainDecision($id: ID!) {
  explainDecision(id: $id) {
    decisionId at day viewer { id name } purpose owner { id name } coordinate effect reason redactionReason
    agreement { key article } ruleId failedCondition
    facts { householdHasMinors subjectIsMinor viewerInvolved referrals { fromAgencyId toAgencyId kind status } }
    agreements {
      key inForce validity validityText
      grants { grantId article viewerKindMatched viewerIsParty ownerKindMatched ownerIsParty purposeMatched coordinateMatched applies decisive conditions { condition holds } }
    }
  }
}`;
