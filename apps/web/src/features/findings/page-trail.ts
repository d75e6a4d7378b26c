/**
 * Keyset pagination only knows the way forward: each page hands out the cursor of the next. The trail
 * remembers the cursors of the pages before the current one (null for the first page), so "Previous"
 * can go back. It travels in the browser history entry, so it survives a reload and the Back button.
 */
export interface PageTrail {
  previous: (string | null)[];
}

export const EMPTY_TRAIL: PageTrail = { previous: [] };

/** Reads the trail from history state, which any other page or an older version may have written. */
export function readTrail(state: unknown): PageTrail {
  const previous = (state as { pageTrail?: { previous?: unknown } } | null)?.pageTrail?.previous;
  if (!Array.isArray(previous) || !previous.every((cursor) => cursor === null || typeof cursor === 'string')) return EMPTY_TRAIL;
  return { previous: previous as (string | null)[] };
}

export function trailState(trail: PageTrail): { pageTrail: PageTrail } {
  return { pageTrail: trail };
}

/** Moving on to the next page: the current page's cursor joins the trail. */
export function trailForNext(trail: PageTrail, currentCursor: string | null): PageTrail {
  return { previous: [...trail.previous, currentCursor] };
}

/**
 * Going back one page. A page opened from a shared link has a cursor but no trail: "Previous" then
 * leads to the first page, the only earlier page that is known.
 */
export function stepBack(trail: PageTrail): { cursor: string | null; trail: PageTrail } {
  if (trail.previous.length === 0) return { cursor: null, trail: EMPTY_TRAIL };
  return { cursor: trail.previous[trail.previous.length - 1]!, trail: { previous: trail.previous.slice(0, -1) } };
}

/** The page's number, when the trail tells it: a page reached through a shared link does not know. */
export function pageNumber(trail: PageTrail, cursor: string | null): number | null {
  if (cursor === null) return 1;
  return trail.previous.length === 0 ? null : trail.previous.length + 1;
}
