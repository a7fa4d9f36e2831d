/**
 * Graph's type names as `@odata.type` labels them: `#microsoft.graph.<name>`, or without the `#` (OData's JSON
 * format allows both). The one place the package spells Graph's namespace; the metadata's qualified names
 * (`microsoft.graph.<name>`) are the label without `#`.
 */
export const GRAPH_NAMESPACE = "microsoft.graph.";

/** The labels of Graph's types, those with `#` first: `#microsoft.graph.a`, `#microsoft.graph.b`, `microsoft.graph.a`, `microsoft.graph.b`. */
export function labelsOf(names: readonly string[]): string[] {
  return [...names.map((name) => `#${GRAPH_NAMESPACE}${name}`), ...names.map((name) => `${GRAPH_NAMESPACE}${name}`)];
}

/** The type name a label (or a qualified name) gives in Graph's namespace (`callRecords.userIdentity`), or undefined. */
export function nameInGraph(label: string): string | undefined {
  const start = label.startsWith("#") ? 1 : 0;
  return label.startsWith(GRAPH_NAMESPACE, start) ? label.slice(start + GRAPH_NAMESPACE.length) : undefined;
}
