/**
 * The AMK's XML lists: a container element holding repeated items (`<gezin><gezinslid>…</gezin>`),
 * decoded as `{ gezinslid: [...] }`. A container that is left out is no list (null); one that is empty,
 * or holds none of its items, is an empty list.
 */
import type { WireFields, WireKey, WireListAt, WireStructureAt } from '#kit/wire-fields.ts';

type Container<T, K> = WireStructureAt<T, K>;

export function xmlList<T extends object, K extends WireKey<T>, I extends WireKey<Container<T, K>>, R>(
  fields: WireFields<T>, container: K, item: I,
  each: (items: WireFields<WireListAt<Container<T, K>, I>>, index: number) => R,
): R[] | null {
  if (!fields.has(container)) return null;
  const box = fields.object(container);
  if (box === null) return [];
  return box.has(item) ? box.requiredList(item, each) : [];
}

export function requiredXmlList<T extends object, K extends WireKey<T>, I extends WireKey<Container<T, K>>, R>(
  fields: WireFields<T>, container: K, item: I,
  each: (items: WireFields<WireListAt<Container<T, K>, I>>, index: number) => R,
): R[] {
  return xmlList(fields, container, item, each) ?? fields.fail(container, 'is missing');
}
