import { ApiError } from "./api-errors.ts";

/** udata's `pager` envelope, with absolute `next_page`/`previous_page` URLs (docs/datagouv-api.md §5.5). */

export interface Page<T> {
  data: T[];
  page: number;
  page_size: number;
  total: number;
  next_page: string | null;
  previous_page: string | null;
}

function positiveInt(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new ApiError(400, { errors: { [name]: `${name} must be a positive integer` }, message: "Input payload validation failed" });
  }
  return Number(raw);
}

export function paginate<T>(items: readonly T[], url: URL, defaultPageSize: number): Page<T> {
  const page = positiveInt(url, "page", 1);
  const pageSize = positiveInt(url, "page_size", defaultPageSize);
  const linkTo = (target: number): string => {
    const link = new URL(url);
    link.searchParams.set("page", String(target));
    link.searchParams.set("page_size", String(pageSize));
    return link.href;
  };
  const start = (page - 1) * pageSize;
  return {
    data: items.slice(start, start + pageSize),
    page,
    page_size: pageSize,
    total: items.length,
    next_page: start + pageSize < items.length ? linkTo(page + 1) : null,
    previous_page: page > 1 ? linkTo(page - 1) : null,
  };
}
