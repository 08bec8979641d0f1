import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// What a built bundle in dist/ is made of and loads (issue #18): its .js files, and which of them
// each imports, as esbuild writes the imports (minified: from"./x.js", import("./x.js")).

export function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? jsFiles(join(dir, e.name))
      : e.name.endsWith('.js')
        ? [join(dir, e.name)]
        : [],
  );
}

/** The files a bundle file imports: static (`from"./x.js"`, `import"./x.js"`) and `import("./x.js")`. */
export function imports(file: string): { statics: string[]; dynamics: string[] } {
  const text = readFileSync(file, 'utf8');
  const at = (re: RegExp) => [...text.matchAll(re)].map((m) => join(dirname(file), m[1]!));
  return {
    statics: at(/(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+\.js)"/g),
    dynamics: at(/\bimport\(\s*"(\.{1,2}\/[^"]+\.js)"\s*\)/g),
  };
}

/**
 * Every file loaded from `roots`, through static and (unless `dynamic` is false) dynamic imports,
 * never entering `avoid`.
 */
export function closure(
  roots: string[],
  avoid: ReadonlySet<string> = new Set(),
  { dynamic = true }: { dynamic?: boolean } = {},
): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f) || avoid.has(f)) continue;
    seen.add(f);
    const { statics, dynamics } = imports(f);
    stack.push(...statics, ...(dynamic ? dynamics : []));
  }
  return seen;
}
