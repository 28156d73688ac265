/**
 * Client-side navigation for a dozen flat routes: the History API, a context, and the handful of
 * hooks the screens use. It replaces react-router (about 33 KB gzipped, a fifth of the panel's
 * budget) with a few hundred bytes; the hooks keep react-router's names and shapes.
 */
import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { matchPath } from './match-path.ts';

export interface Route {
  path: string;
  element: ReactNode;
}

interface NavigateOptions {
  replace?: boolean;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentHref(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

function navigate(to: string, options: NavigateOptions = {}): void {
  const target = new URL(to, window.location.href);
  if (target.origin !== window.location.origin) {
    window.location.assign(target.href);
    return;
  }
  const href = `${target.pathname}${target.search}${target.hash}`;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  listeners.forEach((listener) => {
    listener();
  });
  if (!options.replace) window.scrollTo(0, 0);
}

const ParamsContext = createContext<Record<string, string>>({});

/** Renders the first route whose path matches the address bar, and re-renders on every navigation. */
export function Router({ routes }: { routes: readonly Route[] }) {
  const href = useSyncExternalStore(subscribe, currentHref);
  const pathname = new URL(href, window.location.origin).pathname;
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) {
      return (
        <ParamsContext value={params} key={route.path}>
          {route.element}
        </ParamsContext>
      );
    }
  }
  return null;
}

export function useLocation(): { pathname: string; search: string; hash: string } {
  const href = useSyncExternalStore(subscribe, currentHref);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, search: url.search, hash: url.hash };
  }, [href]);
}

export function useNavigate(): (to: string, options?: NavigateOptions) => void {
  return navigate;
}

export function useParams(): Record<string, string | undefined> {
  return use(ParamsContext);
}

export function useSearchParams(): [URLSearchParams, (next: Record<string, string>, options?: NavigateOptions) => void] {
  const { pathname, search, hash } = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams = useCallback(
    (next: Record<string, string>, options?: NavigateOptions) => {
      const query = new URLSearchParams(next).toString();
      navigate(`${pathname}${query ? `?${query}` : ''}${hash}`, options);
    },
    [pathname, hash],
  );
  return [params, setParams];
}

/** Navigates as soon as it renders, replacing the current entry by default (a redirect). */
export function Navigate({ to, replace = true }: { to: string; replace?: boolean }): null {
  useEffect(() => {
    navigate(to, { replace });
  }, [to, replace]);
  return null;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; replace?: boolean };

/** A real link (middle-click, long-press and screen readers work) that navigates in place on a plain click. */
export function Link({ to, replace, onClick, ...props }: LinkProps) {
  function onLinkClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    const plainClick = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (event.defaultPrevented || !plainClick || props.target) return;
    event.preventDefault();
    navigate(to, { replace });
  }
  return <a {...props} href={to} onClick={onLinkClick} />;
}
