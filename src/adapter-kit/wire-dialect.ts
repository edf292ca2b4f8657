/**
 * What the wire-field reader needs to know about one legacy dialect, and nothing else: what "not
 * filled in" looks like, and how its own text formats (dates, flags, identifiers) read. Each adapter
 * writes its dialect down once (adapters/<agency>/wire-dialect.ts); the reading style is the kit's.
 */

export interface WireDialect {
  /** Names the dialect in problems: `ASHG`. */
  readonly name: string;
  /** The dialect's "not filled in" (JSON null, an empty XML element, a blank CSV cell): read as null, or missing where required. */
  readonly isEmpty: (value: unknown) => boolean;
  /**
   * Whether a key left out altogether is "not filled in" too. Where a dialect always writes its keys, a
   * left-out one is a problem instead: a field renamed in a new legacy release then fails loudly rather
   * than reading as null everywhere.
   */
  readonly absentIsEmpty: boolean;
  /** Whether text of blanks only is "not filled in" as well (for text reads only). */
  readonly blankTextIsEmpty?: boolean;
}

/** One text format of a dialect: `parse` answers null for text it refuses, and `problem` then says what the field is not. */
export interface WireFormat<V> {
  readonly parse: (text: string) => V | null | undefined;
  readonly problem: string;
}
