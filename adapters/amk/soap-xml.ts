/**
 * Reading XML in the AMK's SOAP 1.1 dialect, on fast-xml-parser: namespace-aware (elements are
 * matched on namespace URI and local name, whatever prefixes the other side chose), into plain trees
 * of local names. Lists are lists even with one element: the reader knows which parent/child pairs
 * repeat, so `<amk:zaken><amk:zaak>` gives an array of one. Writing is in xml-write.ts.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const AMK_NS = 'urn:amk:zaken:v3';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Repeating elements, by container: `<gezin>` holds `<gezinslid>`s. */
const LIST_ITEMS: Readonly<Record<string, string>> = {
  gezin: 'gezinslid', kinderen: 'kind', zaken: 'zaak', geweldsvormen: 'vorm', betrokkenKinderen: 'kind',
  veiligheidsvoorwaarden: 'voorwaarde', meldingen: 'melding', overdrachten: 'overdracht', resultaten: 'resultaat',
  zaakIds: 'zaakId', meldingIds: 'meldingId', overdrachtIds: 'overdrachtId', bsns: 'bsn', wijzigingen: 'wijziging',
};

/** A malformed message; the message names the flaw only, never the payload (it may hold personal data). */
export class XmlDecodeError extends Error {
  override readonly name = 'XmlDecodeError';
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g;

/**
 * The five predefined entities and numeric character references (`&#233;`), in one pass so
 * `&amp;#233;` stays the text `&#233;`. The parser's own decoder only does numeric references with
 * its HTML tables switched on, which made parsing four times slower. DTDs are refused, so no others.
 */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (_match, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) return XML_ENTITIES[name] ?? '';
    const codePoint = Number.parseInt(hex ?? decimal ?? '', hex === undefined ? 10 : 16);
    if (codePoint > 0x10ffff || codePoint === 0) throw new XmlDecodeError('reference to a character XML does not allow');
    return String.fromCodePoint(codePoint);
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  entityDecoder: {
    decode: decodeReferences,
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
  },
});

/** The `xml` prefix is bound without a declaration (Namespaces in XML 1.0, section 3), e.g. for `xml:lang`. */
const PREDECLARED: ReadonlyMap<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

/** An element in scope: its namespace, local name, raw parsed value and the prefixes it sees. */
export interface XmlElement {
  readonly ns: string;
  readonly name: string;
  readonly value: unknown;
  readonly scope: ReadonlyMap<string, string>;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function scopeOf(value: unknown, outer: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  if (!isObject(value)) return outer;
  let scope: Map<string, string> | null = null;
  for (const [key, uri] of Object.entries(value)) {
    if (key !== '@_xmlns' && !key.startsWith('@_xmlns:')) continue;
    scope ??= new Map(outer);
    scope.set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), String(uri));
  }
  return scope ?? outer;
}

function resolve(qualified: string, scope: ReadonlyMap<string, string>): { ns: string; name: string } {
  const colon = qualified.indexOf(':');
  const prefix = colon < 0 ? '' : qualified.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') throw new XmlDecodeError('undeclared namespace prefix');
  return { ns: ns ?? '', name: qualified.slice(colon + 1) };
}

/** The child elements of a parsed element, in document order per name, each with its own scope. */
export function childElements(parent: XmlElement): XmlElement[] {
  if (!isObject(parent.value)) return [];
  const children: XmlElement[] = [];
  for (const [key, raw] of Object.entries(parent.value)) {
    if (key.startsWith('@_') || key === '#text') continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      const scope = scopeOf(value, parent.scope);
      children.push({ ...resolve(key, scope), value, scope });
    }
  }
  return children;
}

export function attribute(element: XmlElement, ns: string, name: string): string | undefined {
  if (!isObject(element.value)) return undefined;
  for (const [key, value] of Object.entries(element.value)) {
    if (!key.startsWith('@_') || key.startsWith('@_xmlns')) continue;
    const qualified = key.slice(2);
    // An unprefixed attribute is in no namespace (not the default one), per Namespaces in XML.
    const resolved = qualified.includes(':') ? resolve(qualified, element.scope) : { ns: '', name: qualified };
    if (resolved.ns === ns && resolved.name === name) return String(value);
  }
  return undefined;
}

/** Text content of a leaf element ('' when empty). */
export function textOf(element: XmlElement): string {
  if (typeof element.value === 'string') return element.value;
  if (isObject(element.value) && typeof element.value['#text'] === 'string') return element.value['#text'];
  return '';
}

/**
 * The content of an element as a plain tree of local names, keeping only elements of `ns`: leaves
 * become strings, repeated elements arrays, `xsi:nil` elements are left out, and an empty list
 * container becomes `{ item: [] }`.
 */
export function toPlain(element: XmlElement, ns: string): unknown {
  const children = childElements(element);
  if (children.length === 0) {
    const item = LIST_ITEMS[element.name];
    return item !== undefined && textOf(element) === '' ? { [item]: [] } : textOf(element);
  }
  const plain: Record<string, unknown> = {};
  for (const child of children) {
    // `__proto__` as a key would replace the tree's prototype instead of adding a field.
    if (child.ns !== ns || child.name === '__proto__' || attribute(child, XSI_NS, 'nil') === 'true') continue;
    const value = toPlain(child, ns);
    const existing = plain[child.name];
    const listItem = LIST_ITEMS[element.name] === child.name;
    if (existing === undefined) plain[child.name] = listItem ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else plain[child.name] = [existing, value];
  }
  return plain;
}

/** Parses a whole document and returns its root element; throws XmlDecodeError when it is not well-formed XML. */
export function parseDocument(xml: string): XmlElement {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  // SOAP 1.1 section 3: a SOAP message MUST NOT contain a DTD (and refusing one keeps entity bombs out).
  if (/<!DOCTYPE/i.test(text)) throw new XmlDecodeError('document type declaration in a SOAP message');
  if (XMLValidator.validate(text) !== true) throw new XmlDecodeError('not well-formed XML');
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    // The parser's own message may quote the document, so only its kind is kept.
    throw new XmlDecodeError(error instanceof XmlDecodeError ? error.message : 'unparseable XML');
  }
  const roots = childElements({ ns: '', name: '#document', value: parsed, scope: PREDECLARED });
  if (roots.length !== 1 || roots[0] === undefined) throw new XmlDecodeError('not exactly one root element');
  return roots[0];
}
