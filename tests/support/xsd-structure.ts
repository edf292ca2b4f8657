/**
 * A structural check of XML against the XSD in a WSDL's types, for the AMK conformance test: element names
 * and namespaces, the order and occurrence of sequence children, choices, text-only leaves, and the enumerations
 * and patterns of simple types. Not a full XSD processor (no attributes, groups, extensions, substitution): only
 * what service.wsdl uses, and it refuses a schema construct it does not know, so the check cannot go silently weak.
 */
import { XMLParser } from 'fast-xml-parser';

type Ordered = Record<string, unknown>;

interface Particle {
  readonly name: string;
  readonly type: string | null;
  readonly inline: Model | null;
  readonly min: number;
  readonly max: number;
}
interface Model { readonly kind: 'sequence' | 'choice'; readonly particles: readonly Particle[] }
interface SimpleType { readonly enumeration: readonly string[] | null; readonly pattern: RegExp | null }

export interface XsdStructure {
  /** Problems of an element (ordered fast-xml-parser node) declared top-level as `elementName`; empty when it conforms. */
  problemsOf(elementName: string, node: XmlNode): string[];
  readonly targetNamespace: string;
  readonly elementNames: readonly string[];
}

/** An element as read by `parseOrdered`: its qualified name, namespace, children and text. */
export interface XmlNode {
  readonly name: string;
  readonly ns: string;
  readonly children: readonly XmlNode[];
  readonly text: string;
  /** Attributes by name as written (`name`, `xmlns:amk`, `soap:mustUnderstand`). */
  readonly attributes: Readonly<Record<string, string>>;
}

const ORDERED = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false });

/** Reads XML into namespace-resolved nodes (the document element). */
export function parseOrdered(xml: string): XmlNode {
  const top = (ORDERED.parse(xml) as Ordered[]).filter((entry) => !Object.keys(entry).some((key) => key.startsWith('?')));
  const [root] = top.map((entry) => toNode(entry, new Map()));
  if (!root) throw new Error('no document element');
  return root;
}

function toNode(entry: Ordered, outer: ReadonlyMap<string, string>): XmlNode {
  const qname = Object.keys(entry).find((key) => key !== ':@') ?? '';
  const attributes = (entry[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(outer);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === '@_xmlns') scope.set('', value);
    else if (key.startsWith('@_xmlns:')) scope.set(key.slice('@_xmlns:'.length), value);
  }
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const content = (entry[qname] ?? []) as Ordered[];
  const children = content.filter((child) => !('#text' in child)).map((child) => toNode(child, scope));
  const text = content.filter((child) => '#text' in child).map((child) => String(child['#text'])).join('');
  const plain = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key.slice(2), String(value)]));
  return { name: colon < 0 ? qname : qname.slice(colon + 1), ns: scope.get(prefix) ?? '', children, text, attributes: plain };
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);
const occurs = (value: string | undefined, fallback: number) => (value === undefined ? fallback : value === 'unbounded' ? Infinity : Number(value));

/** Reads the schema in `<wsdl:types>` of a WSDL (or a bare `xs:schema`). */
export function readXsd(wsdl: string): XsdStructure {
  const document = parseOrdered(wsdl);
  const schema = document.name === 'schema' ? document : document.children.find((c) => c.name === 'types')?.children.find((c) => c.name === 'schema');
  if (!schema) throw new Error('no xs:schema');
  const simple = new Map<string, SimpleType>();
  const complex = new Map<string, Model>();
  const elements = new Map<string, Particle>();

  for (const child of schema.children) {
    const name = child.attributes.name ?? '';
    if (child.name === 'simpleType') simple.set(name, readSimple(child));
    else if (child.name === 'complexType') complex.set(name, readComplex(child));
    else if (child.name === 'element') elements.set(name, readParticle(child));
    else throw new Error(`xsd construct not supported by this check: ${child.name}`);
  }

  function readSimple(node: XmlNode): SimpleType {
    const restriction = node.children.find((c) => c.name === 'restriction');
    if (!restriction || local(restriction.attributes.base ?? '') !== 'string') throw new Error('only xs:string restrictions are supported');
    const enumeration = restriction.children.filter((c) => c.name === 'enumeration').map((c) => c.attributes.value ?? '');
    const pattern = restriction.children.find((c) => c.name === 'pattern');
    return { enumeration: enumeration.length > 0 ? enumeration : null, pattern: pattern ? new RegExp(`^(?:${pattern.attributes.value ?? ''})$`) : null };
  }
  function readComplex(node: XmlNode): Model {
    const [group, ...more] = node.children;
    if (!group || more.length > 0 || (group.name !== 'sequence' && group.name !== 'choice')) throw new Error('only one xs:sequence or xs:choice per complexType');
    return { kind: group.name, particles: group.children.map(readParticle) };
  }
  function readParticle(node: XmlNode): Particle {
    if (node.name !== 'element') throw new Error(`xsd construct not supported by this check: ${node.name}`);
    const { attributes } = node;
    const inlineType = node.children.find((c) => c.name === 'complexType');
    return {
      name: attributes.name ?? '', type: attributes.type ?? null, inline: inlineType ? readComplex(inlineType) : null,
      min: occurs(attributes.minOccurs, 1), max: occurs(attributes.maxOccurs, 1),
    };
  }

  const targetNamespace = schema.attributes.targetNamespace ?? '';

  function check(node: XmlNode, particle: Particle, path: string, problems: string[]): void {
    if (node.ns !== targetNamespace) problems.push(`${path}: namespace ${JSON.stringify(node.ns)}, expected ${targetNamespace}`);
    const model = particle.inline ?? (particle.type ? complex.get(local(particle.type)) : undefined);
    if (!model) {
      if (node.children.length > 0) problems.push(`${path}: a text element with child elements`);
      const type = particle.type ? simple.get(local(particle.type)) : undefined;
      if (particle.type && !particle.type.startsWith('xs:') && !type) problems.push(`${path}: unknown type ${particle.type}`);
      if (type?.enumeration && !type.enumeration.includes(node.text)) problems.push(`${path}: ${JSON.stringify(node.text)} is not one of ${particle.type}`);
      if (type?.pattern && !type.pattern.test(node.text)) problems.push(`${path}: ${JSON.stringify(node.text)} does not match ${particle.type}`);
      return;
    }
    if (node.text.trim() !== '') problems.push(`${path}: text in an element with element content`);
    const children = [...node.children];
    const take = (declared: Particle) => {
      let count = 0;
      while (children[0]?.name === declared.name) {
        check(children.shift() as XmlNode, declared, `${path}/${declared.name}`, problems);
        count++;
      }
      if (count < declared.min || count > declared.max) problems.push(`${path}/${declared.name}: ${count} times, declared ${declared.min}..${declared.max}`);
    };
    if (model.kind === 'sequence') {
      for (const declared of model.particles) take(declared);
    } else {
      const chosen = model.particles.find((declared) => declared.name === children[0]?.name);
      if (chosen) take(chosen);
      else problems.push(`${path}: none of the choice ${model.particles.map((p) => p.name).join(' | ')}`);
    }
    for (const extra of children) problems.push(`${path}/${extra.name}: not declared here (or out of order)`);
  }

  return {
    targetNamespace,
    elementNames: [...elements.keys()],
    problemsOf(elementName, node) {
      const particle = elements.get(elementName);
      if (!particle) return [`no top-level element ${elementName}`];
      if (node.name !== elementName) return [`element ${node.name}, expected ${elementName}`];
      const problems: string[] = [];
      check(node, particle, elementName, problems);
      return problems;
    },
  };
}
