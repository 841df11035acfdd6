import { compareCodes, type Unit } from '@semaforo/domain';

export interface UnitNode {
  readonly code: string;
  readonly name: string;
  readonly areaClass: Unit['areaClass'];
  /** Only once retired: a tree without retirements answers the bytes it always did. */
  readonly retired?: true | undefined;
  readonly children: readonly UnitNode[];
}

function childrenOf(units: Readonly<Record<string, Unit>>): Map<string | null, Unit[]> {
  const children = new Map<string | null, Unit[]>();
  for (const unit of Object.values(units)) {
    const siblings = children.get(unit.parentCode) ?? [];
    siblings.push(unit);
    children.set(unit.parentCode, siblings);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => compareCodes(a.code, b.code));
  return children;
}

/** The plan's units as a tree (division → unit → department), each level in code order. */
export function unitTree(units: Readonly<Record<string, Unit>>): UnitNode[] {
  const children = childrenOf(units);
  // A parent is defined before its children, so there is no cycle; `seen` keeps the walk finite regardless.
  const seen = new Set<string>();
  const build = (parent: string | null): UnitNode[] =>
    (children.get(parent) ?? [])
      .filter((unit) => !seen.has(unit.code) && seen.add(unit.code) !== undefined)
      .map((unit) => ({
        code: unit.code,
        name: unit.name,
        areaClass: unit.areaClass,
        ...(unit.retired === true ? { retired: true as const } : {}),
        children: build(unit.code),
      }));
  return build(null);
}

/** The same tree flat, depth first, each unit with its level (1 = top). */
export function flattenUnitTree(
  nodes: readonly UnitNode[],
  parentCode: string | null = null,
  level = 1,
): Array<Omit<UnitNode, 'children'> & { parentCode: string | null; level: number }> {
  return nodes.flatMap((node) => [
    { code: node.code, name: node.name, areaClass: node.areaClass, parentCode, level },
    ...flattenUnitTree(node.children, node.code, level + 1),
  ]);
}

/** A unit and every unit below it; empty when the plan has no such unit. */
export function unitSubtree(units: Readonly<Record<string, Unit>>, root: string): string[] {
  if (units[root] === undefined) return [];
  const children = childrenOf(units);
  const found = new Set([root]);
  const pending = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const child of children.get(next) ?? []) {
      if (found.has(child.code)) continue;
      found.add(child.code);
      pending.push(child.code);
    }
  }
  return [...found];
}
