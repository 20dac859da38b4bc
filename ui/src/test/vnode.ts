// Renders a Preact element tree without a DOM, for tests: function components are called in place
// (so they must not use hooks), and the result is a plain tree to search by test id and read as
// text. Event handlers are kept as props but never run.

import type { ComponentChildren, VNode } from 'preact';

export interface Element {
  tag: string;
  props: Record<string, unknown>;
  children: Node[];
}

export type Node = Element | string;

/** The elements and texts `node` renders to, components expanded. */
export function expand(node: ComponentChildren): Node[] {
  if (node === null || node === undefined || typeof node === 'boolean') return [];
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return [String(node)];
  if (Array.isArray(node)) return node.flatMap(expand);
  const { type, props } = node as VNode<Record<string, unknown>>;
  if (typeof type === 'function') return expand((type as (p: unknown) => ComponentChildren)(props));
  return [{ tag: String(type), props, children: expand(props.children as ComponentChildren) }];
}

/** The text content, as a browser's `textContent`. */
export function textOf(nodes: Node[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n : textOf(n.children))).join('');
}

/** Every element of the tree (depth first) that satisfies `test`. */
export function findAll(nodes: Node[], test: (e: Element) => boolean): Element[] {
  return nodes.flatMap((n) => (typeof n === 'string' ? [] : [...(test(n) ? [n] : []), ...findAll(n.children, test)]));
}

/** The element with `data-testid={id}`; throws when there is none. */
export function byTestId(nodes: Node[], id: string): Element {
  const found = findAll(nodes, (e) => e.props['data-testid'] === id);
  if (found.length !== 1) throw new Error(`${found.length} elements with data-testid=${id}`);
  return found[0];
}
