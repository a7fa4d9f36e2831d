/**
 * A small builder of JavaScript code, after Ajv's `lib/compile/codegen`: statements are added through calls that
 * open and close their own blocks (`if`, `else`, `forIn`, `block`), so braces and indentation are placed by the
 * builder, never by hand. Values enter code only through `literal`, which writes them as JSON.
 */
export class Code {
  private readonly lines: string[] = [];
  private depth = 0;

  /** One statement (or several lines of one), at the current depth. */
  line(text: string): this {
    for (const part of text.split("\n")) this.lines.push(`${"  ".repeat(this.depth)}${part}`);
    return this;
  }

  /** `head { body }`, or a bare block `{ body }` when the head is empty (a scope for its `const`s). */
  block(head: string, body: () => void): this {
    this.line(head === "" ? "{" : `${head} {`);
    this.depth += 1;
    body();
    this.depth -= 1;
    return this.line("}");
  }

  /**
   * `if (condition) { then } else { otherwise }`: the else left out when there is nothing in it, and the condition
   * negated when only the else has something (no `if (x) {} else {…}`).
   */
  if(condition: string, then: () => void, otherwise?: () => void): this {
    const start = this.lines.length;
    this.block(`if (${condition})`, then);
    if (otherwise === undefined) return this;
    if (this.lines.length === start + 2) {
      // The then-branch wrote nothing: its two lines go, and the else-branch is the block, under the negation.
      this.lines.length = start;
      return this.block(`if (!(${condition}))`, otherwise);
    }
    const mark = this.lines.length;
    const at = this.lines.pop()!;
    this.depth += 1;
    otherwise();
    this.depth -= 1;
    if (this.lines.length === mark - 1) {
      this.lines.push(at);
      return this;
    }
    const body = this.lines.splice(mark - 1);
    this.lines.push(`${at} else {`, ...body);
    return this.line("}");
  }

  /** `for (const key in object) { body }`. */
  forIn(key: string, object: string, body: () => void): this {
    return this.block(`for (const ${key} in ${object})`, body);
  }

  toString(): string {
    return this.lines.join("\n");
  }
}

/** A value as a JavaScript literal. */
export const literal = (value: unknown): string => JSON.stringify(value);
