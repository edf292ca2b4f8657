/** Limits the ASHG's API enforces (API v1 documentation); the mock enforces them and the loaders respect them. */

/** Most ids or BSNs one call may carry. */
export const ASHG_BATCH_LIMIT = 50;
/** Largest page (`limiet`) the dossier search and the dossier change feed serve. */
export const ASHG_PAGE_LIMIT = 100;
/** How many changes the dossier change feed keeps; a `sinds` older than those answers 410 VOLGNUMMER_ONBEKEND. */
export const ASHG_FEED_RETENTION = 10_000;
