/** A forged id of the same kind: one character of the sealed part changed, so it no longer opens. */
export function forgeId(id: string): string {
  const at = id.length - 10;
  return `${id.slice(0, at)}${id[at] === 'A' ? 'B' : 'A'}${id.slice(at + 1)}`;
}
