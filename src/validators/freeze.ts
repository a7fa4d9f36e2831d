/**
 * Freezes a value and everything reachable from it (without recursion: a deep value does not overflow the stack);
 * a node already frozen is not walked again. For the values the package hands out and keeps: shipped schemas and
 * the test kit's fixtures.
 */
export function deepFreeze<T>(root: T): T {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || Object.isFrozen(node)) continue;
    Object.freeze(node);
    for (const value of Object.values(node)) stack.push(value);
  }
  return root;
}
