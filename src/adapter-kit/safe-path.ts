/**
 * The form of an upstream path that may go into the application log: without query string or
 * fragment (a query may hold a BSN), and with every run of eight or more digits masked, because
 * some legacy APIs put a BSN in the path itself (`/personen/123456782`). Case numbers such as
 * `M-2026-000101` keep their shorter digit groups, so the log stays useful.
 */
export function safePath(path: string): string {
  const end = path.search(/[?#]/);
  const bare = end === -1 ? path : path.slice(0, end);
  return bare.replace(/\d{8,}/g, '*');
}
