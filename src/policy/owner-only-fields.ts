/**
 * DOMAIN rule 7: the reporter's identity and the information the reporter restricted never leave the
 * owning agency, whatever a covenant says. The engine checks these before any grant, so a covenant
 * that lists them (compilePolicy warns) still releases nothing of them.
 */
export const OWNER_ONLY_COORDINATES: readonly string[] = Object.freeze([
  'Report.reporter',
  'Reporter.*',
  'Report.restrictedInformation',
]);
