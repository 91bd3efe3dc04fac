// A tiny hash router over history.pushState. Each entry remembers how deep it is in this session,
// so "back" returns to the previous screen when there is one, and to the parent screen otherwise.
import { formatHash, parentOf, parseHash, type Route } from './routes';

type Entry = { depth: number };

const state = $state<{ route: Route }>({ route: { name: 'home' } });

export function currentRoute(): Route {
  return state.route;
}

function depth(): number {
  const entry = history.state as Entry | null;
  return typeof entry?.depth === 'number' ? entry.depth : 0;
}

export function navigate(route: Route): void {
  history.pushState({ depth: depth() + 1 } satisfies Entry, '', formatHash(route));
  state.route = route;
}

export function back(): void {
  if (depth() > 0) {
    history.back();
  } else {
    const parent = parentOf(state.route);
    history.replaceState({ depth: 0 } satisfies Entry, '', formatHash(parent));
    state.route = parent;
  }
}

/** Starts following the address bar; returns a function that stops. */
export function startRouter(): () => void {
  state.route = parseHash(location.hash);
  if (history.state === null) history.replaceState({ depth: 0 } satisfies Entry, '');
  const onPop = () => {
    state.route = parseHash(location.hash);
  };
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
