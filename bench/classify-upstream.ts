/**
 * Names the legacy operation a mock request is, so the report can show calls per agency per
 * operation (the budget is "one call per agency per entity kind per level", which a per-agency
 * total cannot show). Only names are kept: query parameter names, the SOAPAction, the first field
 * name of a form, JSON or CSV body, never a value.
 */

/** `GET /api/v1/dossiers?ids`, `POST /amk/soap [ZoekZakenOpGemeente]`, `POST /export/zorgmeldingen {persoonssleutels}`. */
export function operationOf(method: string, rawUrl: string, headers: Readonly<Record<string, string | string[] | undefined>>, bodyStart: string): string {
  const url = new URL(rawUrl, 'http://mock.invalid');
  // Identifiers in a path (`/dossiers/D-2026-000101`, `/zorgmeldingen/2026-123.csv`) carry digits;
  // API versions (`/v1/`) do too, and stay.
  const path = url.pathname.split('/').map((segment) => (/\d/.test(segment) && !/^v\d+$/.test(segment) ? '{id}' : segment)).join('/');
  const params = [...new Set(url.searchParams.keys())].sort();
  const query = params.length > 0 ? `?${params.join(',')}` : '';
  const soapAction = single(headers.soapaction);
  const action = soapAction ? ` [${soapAction.replace(/^"|"$/g, '').split('/').pop()}]` : '';
  const field = soapAction ? null : bodyField(single(headers['content-type']) ?? '', bodyStart);
  return `${method} ${path}${query}${action}${field ? ` {${field}}` : ''}`;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function bodyField(contentType: string, raw: string): string | null {
  const body = raw.replace(/^\uFEFF/, '');
  if (body === '') return null;
  if (contentType.includes('json')) {
    // The keys of a search object; a truncated start still shows the first key.
    return [...body.matchAll(/"([A-Za-z_]+)"\s*:/g)].map((match) => match[1]).slice(0, 1).join(',') || null;
  }
  if (contentType.includes('x-www-form-urlencoded')) return body.split('=')[0] ?? null;
  if (contentType.includes('csv')) return body.split(/[\r\n]/)[0]?.split(/[;,]/)[0]?.replace(/"/g, '') ?? null;
  // The OAuth token request is a form whether it says so or not.
  return body.includes('grant_type') ? 'grant_type' : null;
}
