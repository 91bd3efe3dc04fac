// The app's screens as data, and their hash URLs (#/catalog, #/procedure/HT-001, …).
// Pure functions; the live router state is in router.svelte.ts.

export type Area = 'reports' | 'payments' | 'dossiers' | 'notifications';
export const COMING_SOON_AREAS: readonly Area[] = ['reports', 'payments', 'dossiers', 'notifications'];

export type Route =
  | { name: 'home' }
  | { name: 'catalog' }
  | { name: 'profile' }
  | { name: 'procedure'; id: string }
  | { name: 'coming-soon'; area: Area };

function isArea(value: string): value is Area {
  return (COMING_SOON_AREAS as readonly string[]).includes(value);
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [head, ...rest] = path.split('/');
  const tail = rest.join('/');
  if (head === 'catalog' && !tail) return { name: 'catalog' };
  if (head === 'profile' && !tail) return { name: 'profile' };
  if (head === 'procedure' && tail) {
    try {
      return { name: 'procedure', id: decodeURIComponent(tail) };
    } catch {
      return { name: 'home' };
    }
  }
  if (head === 'soon' && isArea(tail)) return { name: 'coming-soon', area: tail };
  return { name: 'home' };
}

export function formatHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'catalog':
      return '#/catalog';
    case 'profile':
      return '#/profile';
    case 'procedure':
      return `#/procedure/${encodeURIComponent(route.id)}`;
    case 'coming-soon':
      return `#/soon/${route.area}`;
  }
}

/** Where "back" leads when there is no earlier screen in this session (e.g. opened by a link). */
export function parentOf(route: Route): Route {
  return route.name === 'procedure' ? { name: 'catalog' } : { name: 'home' };
}
