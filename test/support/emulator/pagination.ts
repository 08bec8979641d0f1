// GitHub's pagination: per_page (default 30, max 100) and page, with an RFC 8288 Link header.
// The maximum is GitHub's documented one for every list ("The number of results per page (max
// 100)"): no route may raise it (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
import type { Reply, RouteContext } from './types.js';

export const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export function paginate<T>(
  ctx: RouteContext,
  all: T[],
  opts: { defaultPerPage?: number } = {},
): Page<T> {
  const max = MAX_PER_PAGE;
  const rawPer = Number(ctx.rawQuery.get('per_page') ?? opts.defaultPerPage ?? 30);
  const perPage = Math.min(
    Math.max(Number.isFinite(rawPer) && rawPer > 0 ? Math.floor(rawPer) : 30, 1),
    max,
  );
  const rawPage = Number(ctx.rawQuery.get('page') ?? 1);
  const page = Number.isFinite(rawPage) && rawPage >= 1 ? Math.floor(rawPage) : 1;
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const link = (p: number) => {
    const u = new URL(ctx.requestUrl.toString());
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
  if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
  return { items, headers: rels.length ? { link: rels.join(', ') } : {} };
}

/** A 200 reply with one page of a list. */
export function pageReply<T>(
  ctx: RouteContext,
  all: T[],
  map: (item: T) => unknown = (x) => x,
): Reply {
  const { items, headers } = paginate(ctx, all);
  return { status: 200, body: items.map(map), headers };
}
