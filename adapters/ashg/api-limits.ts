/** Limits the ASHG's API enforces (API v1 documentation); the mock enforces them and the loaders respect them. */

/** Most ids or BSNs one call may carry. */
export const ASHG_BATCH_LIMIT = 50;
/** Largest page (`limiet`) the dossier search serves. */
export const ASHG_PAGE_LIMIT = 100;
