// The app's screens as data, and their hash URLs (#/catalog, #/procedure/HT-001, …).
// Pure functions; the live router state is in router.svelte.ts.

export type Route =
  | { name: 'home' }
  | { name: 'catalog' }
  | { name: 'profile' }
  | { name: 'procedure'; id: string }
  | { name: 'apply'; id: string }
  | { name: 'dossiers' }
  | { name: 'notifications' }
  | { name: 'reports' }
  | { name: 'report-new' }
  | { name: 'public-reports' }
  | { name: 'payments' }
  | { name: 'assist' }
  | { name: 'audit' };

function decoded(tail: string): string | null {
  try {
    return decodeURIComponent(tail);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [head, ...rest] = path.split('/');
  const tail = rest.join('/');
  if (head === 'catalog' && !tail) return { name: 'catalog' };
  if (head === 'profile' && !tail) return { name: 'profile' };
  if (head === 'dossiers' && !tail) return { name: 'dossiers' };
  if (head === 'notifications' && !tail) return { name: 'notifications' };
  if (head === 'reports' && !tail) return { name: 'reports' };
  if (head === 'payments' && !tail) return { name: 'payments' };
  if (head === 'assist' && !tail) return { name: 'assist' };
  if (head === 'audit' && !tail) return { name: 'audit' };
  if (head === 'reports' && tail === 'new') return { name: 'report-new' };
  if (head === 'reports' && tail === 'public') return { name: 'public-reports' };
  if ((head === 'procedure' || head === 'apply') && tail) {
    const id = decoded(tail);
    return id === null ? { name: 'home' } : { name: head, id };
  }
  return { name: 'home' };
}

export function formatHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'catalog':
    case 'profile':
    case 'dossiers':
    case 'notifications':
    case 'reports':
    case 'payments':
    case 'assist':
    case 'audit':
      return `#/${route.name}`;
    case 'report-new':
      return '#/reports/new';
    case 'public-reports':
      return '#/reports/public';
    case 'procedure':
    case 'apply':
      return `#/${route.name}/${encodeURIComponent(route.id)}`;
  }
}

/** Where "back" leads when there is no earlier screen in this session (e.g. opened by a link). */
export function parentOf(route: Route): Route {
  if (route.name === 'procedure') return { name: 'catalog' };
  if (route.name === 'apply') return { name: 'procedure', id: route.id };
  if (route.name === 'report-new' || route.name === 'public-reports') return { name: 'reports' };
  return { name: 'home' };
}
