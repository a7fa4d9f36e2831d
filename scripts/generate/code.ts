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

  /** `head { body }`. */
  block(head: string, body: () => void): this {
    this.line(`${head} {`);
    this.depth += 1;
    body();
    this.depth -= 1;
    return this.line("}");
  }

  /** `if (condition) { then } else { otherwise }`, the else left out when there is nothing in it. */
  if(condition: string, then: () => void, otherwise?: () => void): this {
    this.block(`if (${condition})`, then);
    if (otherwise === undefined) return this;
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
